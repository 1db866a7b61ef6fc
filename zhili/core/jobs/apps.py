from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Periodic jobs: what runs when (declared by each app in ``periodic.py``), and the worker that runs it."""

    name = "zhili.core.jobs"
    label = "jobs"
    verbose_name = _("定时任务")

    def ready(self):
        from . import permissions  # noqa: F401 (registers the rules)
