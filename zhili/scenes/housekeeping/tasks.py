"""Background tasks of the 浙里好家政 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def recompute_all_codes() -> dict[str, int]:
    """Recompute every active worker's 安心码 after the night's data loads."""
    from django.utils import timezone

    from .services import recompute_codes

    report = recompute_codes(timezone.localdate(), actor="job:housekeeping.nightly_codes")
    return {"evaluated": report.evaluated, "changed": report.changed, "slips": report.slips}
