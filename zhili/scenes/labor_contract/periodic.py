"""Periodic jobs of the labor contract scene (run by ``manage.py run_worker``)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from zhili.core.jobs.api import Daily, PeriodicJob


@task()
def daily_contract_checks() -> dict[str, int]:
    """What ``manage.py check_contract_deadlines`` does, for today: expire lapsed invitations, then the unsigned
    (day 20/30), expiring (30 days) and open-ended (Art. 14) reminders. Repeats send nothing twice."""
    from .services import check_contract_deadlines, expire_unsigned_contracts

    today = timezone.localdate()
    expired = expire_unsigned_contracts(today, actor=None)
    return {"expired": len(expired), **check_contract_deadlines(today, actor=None)}


PERIODIC_JOBS = [
    PeriodicJob("labor_contract.daily_checks", "劳动合同每日检查", daily_contract_checks,
                Daily(at=dt.time(8, 0)), help="逾期未签作废；未签合同（第 20、30 天）、即将到期、应订立无固定期限合同提醒"),
]
