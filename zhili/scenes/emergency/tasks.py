"""Background tasks of the 浙里急救 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def open_late_response_cases() -> dict[str, int]:
    """Open a review case (core.cases) for every run of the last day that reached the scene after the target."""
    from .services import open_late_response_cases as open_cases

    return {"opened": len(open_cases())}
