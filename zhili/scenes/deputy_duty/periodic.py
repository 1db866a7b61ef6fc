"""Periodic jobs of the 人大代表履职 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import close_unrated_answers

PERIODIC_JOBS = [
    PeriodicJob("deputy_duty.close_unrated", "逾期未评价的答复视为满意并办结", close_unrated_answers,
                Daily(at=dt.time(2, 0)), help="每天办结答复后超过评价期限仍未评价的群众意见"),
]
