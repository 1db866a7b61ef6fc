"""Periodic jobs of core.cases (run by ``manage.py run_worker``)."""

from zhili.core.foundation.schedules import Every, PeriodicJob

from .tasks import check_case_deadlines

PERIODIC_JOBS = [
    PeriodicJob("cases.deadlines", "案件期限检查", check_case_deadlines, Every(minutes=15),
                help="超期案件提醒承办人，并按规则上报督办"),
]
