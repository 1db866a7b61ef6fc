"""Periodic jobs of the 浙里急救 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import count_late_runs

PERIODIC_JOBS = [
    PeriodicJob("emergency.daily_late", "急救反应超时统计", count_late_runs, Daily(at=dt.time(7, 0)),
                help="每天统计前一日反应时间超过目标的出车任务"),
]
