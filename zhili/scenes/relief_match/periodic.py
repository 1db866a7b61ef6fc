"""Periodic jobs of 助共体 (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import run_county_nightly

PERIODIC_JOBS = [
    PeriodicJob("relief_match.nightly", "助共体夜间主动发现与政策匹配", run_county_nightly, Daily(at=dt.time(2, 30)),
                help="从数据池计算家庭事实，运行主动发现预警规则与 46 项帮扶政策匹配，预警推送为工单"),
]
