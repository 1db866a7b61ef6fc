"""Periodic jobs of the 云调解室 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import daily_sweep

PERIODIC_JOBS = [
    PeriodicJob("mediation.daily_sweep", "调解期限与协议履行检查", daily_sweep, Daily(at=dt.time(0, 30)),
                help="调解期限（15 日）届满未达成协议的案件按调解不成结案；约定付款逾期未履行的提醒劳动者和调解员"),
]
