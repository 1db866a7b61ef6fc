"""Background tasks of the 智慧助残 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def detect_nightly() -> dict:
    """Detect suspected disabilities on today's data and send each new one to its village worker as a case."""
    from django.utils import timezone

    from .services import run_detection

    return run_detection(timezone.localdate(), actor="task:disability_aid.nightly_detection")


@task()
def push_injuries_nightly() -> dict:
    """Push the disabling accidents assessed up to yesterday, not pushed before, to the departments as cases."""
    import datetime as dt

    from django.utils import timezone

    from .services import push_injuries

    return push_injuries(timezone.localdate() - dt.timedelta(days=1), actor="task:disability_aid.injury_push")
