"""Periodic jobs of the 关键小事 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import detect_benefits

PERIODIC_JOBS = [
    PeriodicJob("small_matters.detect_benefits", "失业保险金主动发现", detect_benefits, Daily(at=dt.time(6, 0)),
                help="每天比对停保、就业和失业登记数据，发现符合条件的人并通知本人确认"),
]
