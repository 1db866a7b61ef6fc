"""manage.py run_worker: queue the periodic jobs when due and run the queued tasks (one process does both).

Every tick the scheduler thread also records the process's heartbeat (shown on /jobs/, red when stale) and puts
back in the queue the tasks a killed worker left RUNNING past their timeout. The task loop is
``ResilientWorker``: a database error is logged, recorded and retried, never the end of the process.
"""

import logging
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "运行后台任务：按计划将定时任务入队（发送短信、检查期限、锚定账本、夜间评估等），并执行队列中的任务"

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=20.0, help="检查定时任务是否到期的间隔（秒），默认 20")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时轮询任务的间隔（秒），默认 1")
        parser.add_argument("--once", action="store_true", help="只检查一次到期的定时任务并入队，不执行任务后退出")
        parser.add_argument("--job", action="append", default=[], help="只处理这些定时任务（可重复）")

    def handle(self, *args, tick, interval, once, job, **options):
        from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
        from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

        from zhili.core.jobs import services
        from zhili.core.jobs.registry import get_job
        from zhili.core.jobs.services import tick as queue_due
        from zhili.core.jobs.worker import ResilientWorker

        try:
            jobs = [get_job(code) for code in job] or None
        except KeyError as problem:
            raise CommandError(f"--job：没有这个定时任务 {problem}") from problem
        if tick <= 0 or interval <= 0:
            raise CommandError("--tick 和 --interval 应为正数")
        if once:
            for run in queue_due(jobs=jobs):
                self.stdout.write(f"{run.job_code} {run.slot:%Y-%m-%d %H:%M} {run.status}")
            return
        stop = threading.Event()
        worker_id = get_random_string(32)
        started_at = timezone.now()

        def schedule():
            while not stop.is_set():
                try:
                    services.beat(worker_id, started_at=started_at, tick_seconds=tick)
                    services.reclaim_stalled_tasks()
                    for run in queue_due(jobs=jobs):
                        logger.debug("queued %s for %s", run.job_code, run.slot)
                except Exception as error:
                    logger.exception("the periodic-job scheduler failed this round; it will try again")
                    services.record_worker_error(worker_id, error, started_at=started_at)
                finally:
                    close_old_connections()
                stop.wait(tick)

        scheduler = threading.Thread(target=schedule, name="zhili-scheduler", daemon=True)
        scheduler.start()
        self.stdout.write(f"scheduler: every {tick:g} s; worker: polling every {interval:g} s (Ctrl-C stops)")
        DbWorkerCommand(stdout=self.stdout, stderr=self.stderr).configure_logging(options.get("verbosity", 1))
        worker = ResilientWorker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME], interval=interval, batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS, startup_delay=False,
            max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
            on_error=lambda error: services.record_worker_error(worker_id, error, started_at=started_at))
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
