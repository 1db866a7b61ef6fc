"""Background tasks (django-tasks): the outbox sweep, run by the task worker or a periodic schedule."""

from django_tasks import task


@task()
def deliver_outbox(limit: int = 100) -> dict[str, int]:
    """Deliver every due message in the outbox; return how many were sent, retried, failed or skipped."""
    from .services import deliver_due_messages

    return deliver_due_messages(limit=limit)
