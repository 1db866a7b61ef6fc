"""Background tasks of the 童装产业大脑 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def warn_late_risk() -> dict[str, int]:
    """Count the accepted shares at risk of being late and open a coordination case for each new one."""
    from zhili.core.foundation.api import audit

    from . import queries, services

    at_risk = len(queries.late_risk())
    opened = services.open_late_risk_cases()
    audit.record("industry_brain.late_risk.counted", actor="task:industry_brain.late_risk",
                 data={"at_risk": at_risk, "cases_opened": opened})
    return {"at_risk": at_risk, "cases_opened": opened}
