"""Background tasks of the 云调解室 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def daily_sweep() -> dict:
    """Close mediations whose 15-day period ran out (LDMAL Art. 14) and follow up missed agreed payments."""
    from zhili.core.foundation.api import audit

    from . import services

    expired = services.expire_mediations()
    missed = services.check_performance()
    result = {"expired": len(expired), "missed_payments": len(missed)}
    audit.record("mediation.sweep.done", actor="task:mediation.daily_sweep", data={**result, "numbers": expired[:50]})
    return result
