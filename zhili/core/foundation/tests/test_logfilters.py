import logging

from zhili.core.foundation.logfilters import QuietTaskWorker


def record(name: str, level: int) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, "Task id=x state=SUCCESSFUL", None, None)


def test_the_worker_s_per_task_lines_are_dropped_but_not_its_errors_or_other_loggers():
    quiet = QuietTaskWorker()

    assert not quiet.filter(record("django_tasks_db", logging.INFO))
    assert not quiet.filter(record("django.tasks", logging.INFO))
    assert quiet.filter(record("django_tasks_db", logging.ERROR))
    assert quiet.filter(record("zhili.core.notify", logging.INFO))
    assert quiet.filter(record("django_tasks_dbx", logging.INFO))
