"""The background worker that never dies silently: database errors are logged, recorded and retried.

``django_tasks_db``'s own worker leaves its loop on any database error other than "database is locked" (and
that one too when it comes from somewhere other than claiming a task): after a dropped PostgreSQL connection,
or a lock held past the busy timeout on SQLite, SMS, checkpoints, anchoring and PDF rendering stopped until
someone restarted the process. ``ResilientWorker`` runs the same loop, and when it fails, logs the error, keeps
it for the jobs page, closes the connections, waits (1 s, doubling up to 30 s) and carries on.
"""

import logging
import time

from django.db import connections
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 30.0


class ResilientWorker(Worker):
    """``db_worker``'s loop, restarted after every error with a growing pause; Ctrl-C and SIGTERM still stop it."""

    def __init__(self, *, on_error=None, sleep=time.sleep, **options):
        super().__init__(**options)
        self.on_error = on_error
        self.sleep = sleep
        self.recovered = 0

    def run(self) -> None:
        backoff = 1.0
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return  # only a batch or --max-tasks run ends by itself
            except Exception as error:  # noqa: BLE001 - SystemExit and KeyboardInterrupt still stop the worker
                if time.monotonic() - started > 5 * MAX_BACKOFF_SECONDS:
                    backoff = 1.0  # it ran well for a while: this is a new incident
                self.recovered += 1
                logger.exception("the task worker %s failed (%s); retrying in %.0f s", self.worker_id,
                                 error.__class__.__name__, backoff)
                connections.close_all()
                if self.on_error is not None:
                    self.on_error(error)
                    connections.close_all()
                self.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
