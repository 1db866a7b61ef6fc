"""Logging filters for the console."""

import logging

CHATTY = ("django_tasks", "django_tasks_db", "django.tasks")


class QuietTaskWorker(logging.Filter):
    """Drop the task worker's per-task INFO lines ("Task id=… state=RUNNING/SUCCESSFUL"), keep its warnings and
    errors, and its one start-up line ("Starting worker …", which tells the console, and anything that starts
    workers and waits for them, that a worker is polling the queue). The worker sets its loggers to INFO itself,
    so a level in LOGGING would not hold; the periodic jobs would otherwise print six lines a minute between the
    SMS codes the demo console shows. Every run's state stays visible on /jobs/."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or str(record.msg).startswith("Starting worker"):
            return True
        return not any(record.name == name or record.name.startswith(name + ".") for name in CHATTY)
