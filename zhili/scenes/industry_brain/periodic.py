"""Periodic jobs of the 童装产业大脑 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import warn_late_risk

PERIODIC_JOBS = [
    PeriodicJob("industry_brain.late_risk", "云工厂延期风险统计", warn_late_risk, Daily(at=dt.time(7, 0)),
                help="每天统计进度落后、可能延期交货的派单"),
]
