"""Background tasks of the 童装产业大脑 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def warn_late_risk() -> dict[str, int]:
    """Count the accepted parts at risk of being late (see ``queries.late_risk``) and note them in the audit log."""
    from zhili.core.foundation.api import audit

    from . import queries

    at_risk = len(queries.late_risk())
    audit.record("industry_brain.late_risk.counted", actor="task:industry_brain.late_risk", data={"at_risk": at_risk})
    return {"at_risk": at_risk}
