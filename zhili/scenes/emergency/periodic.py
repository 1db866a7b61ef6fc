"""Periodic jobs of the 浙里急救 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import open_late_response_cases

PERIODIC_JOBS = [
    PeriodicJob("emergency.daily_late", "急救反应超时复核工单", open_late_response_cases, Daily(at=dt.time(7, 0)),
                help="每天为前一日反应时间超过目标的出车任务立复核工单（core.cases）"),
]
