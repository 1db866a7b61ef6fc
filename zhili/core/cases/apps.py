from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Closed-loop case handling; the scene loader registers the case types apps declare in ``workflows.py``."""

    name = "zhili.core.cases"
    label = "cases"
    verbose_name = _("工单与闭环处置")

    def ready(self):
        from zhili.core.jobs.api import register_page_alert

        from . import notifications, permissions  # noqa: F401  (register templates and rules before freezing)
        from .workdays import calendar_alert

        register_page_alert("cases.calendar", calendar_alert)
