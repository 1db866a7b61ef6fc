"""Background tasks of the 浙农补 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def count_held_plots() -> dict[str, int]:
    """Count the claimed plots held for a manual check (黄色预警), and record the count in the audit log."""
    from zhili.core.foundation.api import audit

    from .choices import LineStatus
    from .models import PreVerifiedPlot

    held = PreVerifiedPlot.objects.filter(status=LineStatus.HELD).count()
    audit.record("grain_subsidy.held.counted", actor="task:grain_subsidy.daily_count", data={"held": held})
    return {"held": held}
