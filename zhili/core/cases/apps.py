from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Closed-loop case handling: collects the case types every installed app declares in ``workflows.py``."""

    name = "zhili.core.cases"
    label = "cases"
    verbose_name = _("工单与闭环处置")

    def ready(self):
        from . import notifications, permissions  # noqa: F401  (register templates and rules before freezing)
        from .registry import scan_installed_apps

        scan_installed_apps()
