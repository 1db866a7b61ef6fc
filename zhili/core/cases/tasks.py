"""Background tasks (django-tasks): the deadline sweep, run by the worker or a periodic schedule."""

from django_tasks import task


@task()
def check_case_deadlines() -> dict[str, list[str]]:
    """Remind or escalate every case past its deadline; return the case numbers touched."""
    from .services import check_deadlines

    sweep = check_deadlines()
    return {"reminded": sweep.reminded, "escalated": sweep.escalated}


@task()
def check_holiday_calendar() -> dict[str, str]:
    """Alert when this year, or next year within 60 days, has no State Council holiday notice in the calendar."""
    from .workdays import check_calendar

    return {"alert": check_calendar()}
