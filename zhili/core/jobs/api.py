"""What scenes may use from core.jobs (定时任务).

A scene's ``periodic.py`` declares ``PERIODIC_JOBS = [PeriodicJob(code, label, function, Daily(at=...) or
Every(minutes=...), help=...)]``; the scene loader registers them and ``manage.py run_worker`` runs them once
per slot. ``all_jobs()`` and ``get_job(code)`` read what is registered.
"""

from zhili.core.foundation.schedules import Daily, Every, PeriodicJob

from .registry import all_jobs, get_job

__all__ = ["Daily", "Every", "PeriodicJob", "all_jobs", "get_job"]
