"""Background tasks of the 安薪在线 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def daily_checks() -> dict[str, int]:
    """Run the day's checks on every project under construction (new findings by kind)."""
    from django.utils import timezone

    from .services import run_checks

    return run_checks(timezone.localdate())
