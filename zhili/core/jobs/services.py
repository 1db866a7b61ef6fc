"""Queue the periodic jobs that are due (``tick``), or one job now (``run_now``), and report how they went.

``tick`` is idempotent per slot: the row (job, slot) is inserted in the same transaction as the task is
queued, under a unique constraint, so two schedulers ticking at once (two worker processes, a cron line and a
worker) queue each job once. Scheduler bookkeeping is not audited row by row (a minute-by-minute sweep would
flood the audit log); the tasks audit what they change, and a manual run is audited with who asked.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhili.core.foundation import audit
from zhili.core.foundation.schedules import PeriodicJob

from .models import PeriodicRun
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
