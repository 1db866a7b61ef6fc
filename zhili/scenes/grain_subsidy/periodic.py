"""Periodic jobs of the 浙农补 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import count_held_plots

PERIODIC_JOBS = [
    PeriodicJob("grain_subsidy.daily_count", "浙农补待核查地块统计", count_held_plots, Daily(at=dt.time(7, 0)),
                help="每天统计暂缓发放、待人工核查的地块数量"),
]
