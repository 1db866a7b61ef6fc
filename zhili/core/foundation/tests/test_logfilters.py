import logging

from zhili.core.foundation.logfilters import QuietTaskWorker


def record(name: str, level: int, message: str = "Task id=x state=SUCCESSFUL") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, message, None, None)


def test_the_worker_s_per_task_lines_are_dropped_but_not_its_errors_or_other_loggers():
    quiet = QuietTaskWorker()

    assert not quiet.filter(record("django_tasks_db", logging.INFO))
    assert not quiet.filter(record("django.tasks", logging.INFO))
    assert quiet.filter(record("django_tasks_db", logging.ERROR))
    assert quiet.filter(record("zhili.core.notify", logging.INFO))
    assert quiet.filter(record("django_tasks_dbx", logging.INFO))


def test_the_worker_s_start_up_line_is_kept():
    start = record("django_tasks_db.management.commands.db_worker", logging.INFO,
                   "Starting worker worker_id=%s queues=%s")

    assert QuietTaskWorker().filter(start)
