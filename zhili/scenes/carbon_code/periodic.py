"""Periodic jobs of the 碳效码 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import evaluate_last_month

PERIODIC_JOBS = [
    PeriodicJob("carbon_code.monthly", "碳效评价（上月及上年度）", evaluate_last_month, Daily(at=dt.time(3, 30)),
                help="每天按数据仓中最新的能源和增加值数据重算上月（及尚未评价的上年度）碳效"),
]
