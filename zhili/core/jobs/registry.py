"""The periodic jobs every app declares in its ``periodic.py`` (found at start-up)."""

from zhili.core.foundation.registry import Registry

from .declarations import PeriodicJob

periodic_jobs = Registry("periodic jobs")


def register(job: PeriodicJob) -> PeriodicJob:
    return periodic_jobs.register(job.code, job)


def all_jobs() -> list[PeriodicJob]:
    return [periodic_jobs[code] for code in sorted(periodic_jobs)]


def get_job(code: str) -> PeriodicJob:
    return periodic_jobs[code]
