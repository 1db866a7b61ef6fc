"""Queue the periodic jobs that are due (``tick``), or one job now (``run_now``), and report how they went.

``tick`` is idempotent per slot: the row (job, slot) is inserted in the same transaction as the task is
queued, under a unique constraint, so two schedulers ticking at once (two worker processes, a cron line and a
worker) queue each job once. Scheduler bookkeeping is not audited row by row (a minute-by-minute sweep would
flood the audit log); the tasks audit what they change, and a manual run is audited with who asked.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhili.core.foundation import audit
from zhili.core.foundation.schedules import PeriodicJob

from .models import PeriodicRun, WorkerHeartbeat
from .registry import all_jobs, get_job

logger = logging.getLogger(__name__)


def _enqueue(job: PeriodicJob, run: PeriodicRun) -> PeriodicRun:
    result = job.task.enqueue(**job.kwargs)
    run.task_result_id = str(result.id)
    run.status = str(result.status)
    run.save(update_fields=["task_result_id", "status"])
    return run


def tick(now: dt.datetime | None = None, jobs: list[PeriodicJob] | None = None) -> list[PeriodicRun]:
    """Queue every job whose current slot has not been queued yet; return the runs queued by this call."""
    now = now or timezone.now()
    queued = []
    for job in all_jobs() if jobs is None else jobs:
        slot = job.schedule.slot(now)
        if PeriodicRun.objects.filter(job_code=job.code, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = PeriodicRun.objects.create(job_code=job.code, slot=slot)
                queued.append(_enqueue(job, run))
        except IntegrityError:
            logger.info("periodic job %s for %s was queued by another scheduler", job.code, slot)
    return queued


def run_now(code: str, *, actor) -> PeriodicRun:
    """Queue job ``code`` at once (outside its schedule), audited with who asked."""
    job = get_job(code)
    with transaction.atomic():
        run = PeriodicRun.objects.create(job_code=job.code, slot=timezone.now(),
                                         triggered_by=audit.actor_label(actor))
        _enqueue(job, run)
        audit.record("jobs.job.run_now", actor=actor, target=run, data={"job": job.code})
    return run


@dataclass
class JobState:
    """What the jobs page shows for one job."""

    job: PeriodicJob
    last: PeriodicRun | None
    last_status: str
    next_slot: dt.datetime


def current_status(job: PeriodicJob, run: PeriodicRun) -> str:
    """The task's status now if the backend keeps results (the database queue does), else its status when queued."""
    if run.task_result_id:
        try:
            return str(job.task.get_result(run.task_result_id).status)
        except Exception:  # noqa: BLE001 - backends without stored results (immediate) raise their own errors
            pass
    return run.status


def job_states(now: dt.datetime | None = None) -> list[JobState]:
    now = now or timezone.now()
    states = []
    for job in all_jobs():
        last = PeriodicRun.objects.filter(job_code=job.code).order_by("-slot").first()
        states.append(JobState(job, last, current_status(job, last) if last else "", job.schedule.next_slot(now)))
    return states


# ---------------------------------------------------------------- the worker's health

def beat(worker_id: str, *, started_at: dt.datetime, tick_seconds: float, now: dt.datetime | None = None) -> None:
    """Record that worker ``worker_id`` is alive (bookkeeping like ``tick``: not audited)."""
    import os
    import socket

    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={
        "hostname": socket.gethostname()[:200], "pid": os.getpid(), "tick_seconds": tick_seconds,
        "started_at": started_at, "beat_at": now})


def record_worker_error(worker_id: str, error: BaseException, *, started_at: dt.datetime) -> None:
    """Keep the last database error a worker recovered from, for the jobs page; a failure here is only logged."""
    from django.db.models import F

    try:
        now = timezone.now()
        text = f"{error.__class__.__name__}: {error}"[:2000]
        updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
            error_count=F("error_count") + 1, last_error=text, last_error_at=now)
        if not updated:
            WorkerHeartbeat.objects.create(worker_id=worker_id, started_at=started_at, beat_at=now, error_count=1,
                                           last_error=text, last_error_at=now)
    except Exception:  # noqa: BLE001 - the database may still be away; the log has the error already
        logger.warning("could not record the worker's error in the database", exc_info=True)


def stale_after(heartbeat: WorkerHeartbeat) -> dt.timedelta:
    """How long without a beat makes a worker count as stopped: the setting, or three of its ticks if longer."""
    return dt.timedelta(seconds=max(settings.WORKER_HEARTBEAT_STALE_SECONDS, 3 * heartbeat.tick_seconds))


@dataclass
class WorkerHealth:
    """What the jobs page shows about the background workers: each heartbeat, and whether any is alive."""

    heartbeats: list[tuple[WorkerHeartbeat, bool]]
    alive: bool
    latest: WorkerHeartbeat | None


def worker_health(now: dt.datetime | None = None) -> WorkerHealth:
    now = now or timezone.now()
    rows = list(WorkerHeartbeat.objects.order_by("-beat_at")[:20])
    marked = [(row, now - row.beat_at > stale_after(row)) for row in rows]
    return WorkerHealth(heartbeats=marked, alive=any(not stale for _row, stale in marked),
                        latest=rows[0] if rows else None)


def reclaim_stalled_tasks(now: dt.datetime | None = None) -> list[str]:
    """Put back in the queue each task left RUNNING longer than ``TASK_RUNNING_TIMEOUT_SECONDS`` by a worker
    whose heartbeat has gone stale (killed, or its machine lost); return their ids. Audited per task."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.TASK_RUNNING_TIMEOUT_SECONDS)
    alive = {row.worker_id for row, stale in worker_health(now).heartbeats if not stale}
    reclaimed = []
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).order_by(
            "started_at")[:500]:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in alive:
            continue  # a long task of a worker that is still beating
        with transaction.atomic():
            if not DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, started_at=None):
                continue  # finished or reclaimed by another scheduler meanwhile
            audit.record("jobs.task.reclaimed", actor=None, target=None,
                         data={"task": str(task.pk), "name": task.task_path[:200], "worker": owner,
                               "started_at": task.started_at.isoformat()})
        logger.warning("task %s (%s) left running by worker %s since %s is queued again", task.pk,
                       task.task_path, owner or "?", task.started_at)
        reclaimed.append(str(task.pk))
    return reclaimed
