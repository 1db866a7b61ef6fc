"""Queue background tasks so that they commit, or roll back, with the change that causes them."""

from django.db import transaction


def enqueue_with_commit(task, *args, **kwargs) -> None:
    """Queue ``task`` as part of the caller's transaction.

    The database queue (django-tasks' database backend) writes the task's row on the caller's connection, so
    queued at once it commits with the change that causes it: a process that dies between the commit and an
    ``on_commit`` callback can no longer lose it, and a rolled-back change queues nothing. A queue outside the
    database (and the tests' immediate backend, which would run the task before the commit) is queued after
    the commit instead.
    """
    from django_tasks_db import DatabaseBackend

    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)
