"""Background tasks of the 劳务派遣监管 scene (django-tasks), run by ``manage.py run_worker``."""

import datetime as dt

from django_tasks import task

MONTHLY_CHECK_DAY = 5  # host checks for the last month run on the 5th, once the month's data are in


@task()
def daily_sweep() -> dict:
    """Licence expiry, overdue annual reports (remind, then escalate), and on the 5th the host checks."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from .services import sweep_licences, sweep_overdue_reports
    from .services.checks import run_host_checks

    today = timezone.localdate()
    result = {"licences": sweep_licences(today), "reports": sweep_overdue_reports(today)}
    if today.day == MONTHLY_CHECK_DAY:
        try:
            run = run_host_checks(today.replace(day=1) - dt.timedelta(days=1), actor="job:dispatch_watch.daily")
            result["checks"] = run.pk
        except ValidationError as problem:
            result["checks"] = "；".join(problem.messages)
    return result
