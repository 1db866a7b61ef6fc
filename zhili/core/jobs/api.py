"""What scenes may use from core.jobs (定时任务).

A scene's ``periodic.py`` declares ``PERIODIC_JOBS = [PeriodicJob(code, label, function, Daily(at=...) or
Every(minutes=...), help=...)]``; the scene loader registers them and ``manage.py run_worker`` runs them once
per slot. ``all_jobs()`` and ``get_job(code)`` read what is registered. ``register_page_alert(code, alert)``
puts ``alert(today)``'s text, when there is any, on the ``/jobs/`` page.
"""

from zhili.core.foundation.schedules import Daily, Every, PeriodicJob

from .registry import all_jobs, get_job, register_page_alert

__all__ = ["Daily", "Every", "PeriodicJob", "all_jobs", "get_job", "register_page_alert"]
