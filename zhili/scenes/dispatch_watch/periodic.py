"""Periodic jobs of the 劳务派遣监管 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import daily_sweep

PERIODIC_JOBS = [
    PeriodicJob("dispatch_watch.daily", "劳务派遣监管每日巡查", daily_sweep, Daily(at=dt.time(6, 30)),
                help="许可证到期、年度报告逾期提醒与转办；每月5日运行上月用工单位核查"),
]
