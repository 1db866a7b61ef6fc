"""Background tasks of the 浙里急救 scene (django-tasks), run by ``manage.py run_worker``."""

from django_tasks import task


@task()
def count_late_runs() -> dict[str, int]:
    """Count yesterday's runs that reached the scene after the response-time target, in the audit log."""
    import datetime as dt

    from django.utils import timezone

    from zhili.core.foundation.api import audit

    from .models import Run
    from .queries import parameter

    target = parameter("response_target_s")
    since = timezone.now() - dt.timedelta(days=1)
    runs = Run.objects.filter(on_scene_at__gte=since).select_related("call")
    late = sum(1 for r in runs if r.response_s is not None and r.response_s > target)
    audit.record("emergency.runs.counted", actor="task:emergency.daily_late", data={"late": late})
    return {"late": late}
