"""The periodic jobs every app declares in its ``periodic.py`` (``PERIODIC_JOBS``, registered by the scene loader)."""

from zhili.core.foundation.registry import Registry
from zhili.core.foundation.schedules import PeriodicJob

periodic_jobs = Registry("periodic jobs")
page_alerts = Registry("alerts on the jobs page")


def register(job: PeriodicJob) -> PeriodicJob:
    if not isinstance(job, PeriodicJob):
        raise TypeError(f"PERIODIC_JOBS 只能包含 PeriodicJob，收到 {job!r}")
    return periodic_jobs.register(job.code, job)


def register_module(module, *, scene: str = "") -> list[PeriodicJob]:
    """Register every job in a ``periodic.py``'s ``PERIODIC_JOBS``."""
    return [register(job) for job in module.PERIODIC_JOBS]


def all_jobs() -> list[PeriodicJob]:
    return [periodic_jobs[code] for code in sorted(periodic_jobs)]


def get_job(code: str) -> PeriodicJob:
    return periodic_jobs[code]


def register_page_alert(code: str, alert) -> None:
    """Show ``alert(today)`` on ``/jobs/`` whenever it returns text (e.g. core.cases: a year without a holiday notice).

    Packages above jobs register here, so the jobs page needs to import none of them.
    """
    page_alerts.register(code, alert)


def current_page_alerts(today) -> list[str]:
    return [text for code in sorted(page_alerts) if (text := page_alerts[code](today))]
