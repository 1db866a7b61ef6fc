"""Background tasks of core.dashboards (django-tasks)."""

from django_tasks import task


@task()
def refresh_dirty_facts_task(code: str = "") -> list[str]:
    """Refresh fact table ``code`` if still dirty (every dirty table when empty)."""
    from .models import FactTableState
    from .services import refresh_dirty_facts, refresh_facts

    if code:
        if FactTableState.objects.filter(code=code, dirty=True).exists():
            refresh_facts(code, actor="task")
            return [code]
        return []
    return refresh_dirty_facts(actor="task")
