"""Periodic jobs of the 浙里好家政 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import recompute_all_codes

PERIODIC_JOBS = [
    PeriodicJob("housekeeping.nightly_codes", "家政安心码每日赋码", recompute_all_codes, Daily(at=dt.time(3, 0)),
                help="每天凌晨按公安、体检、保险和投诉数据重新计算全部家政服务员的安心码，发出整改通知单"),
]
