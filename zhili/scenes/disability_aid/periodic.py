"""Periodic jobs of the 智慧助残 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import detect_nightly, push_injuries_nightly

PERIODIC_JOBS = [
    PeriodicJob("disability_aid.nightly_detection", "疑似残疾主动发现", detect_nightly, Daily(at=dt.time(2, 30)),
                help="每晚比对工伤、交通事故鉴定和诊断数据与残疾人证，发现疑似残疾人并派单入户核查"),
    PeriodicJob("disability_aid.injury_push", "致残事故推送", push_injuries_nightly, Daily(at=dt.time(3, 0)),
                help="每晚把前一日及以前新增的工伤、交通致残鉴定按企业或地点汇总，作为工单推送相关部门"),
]
