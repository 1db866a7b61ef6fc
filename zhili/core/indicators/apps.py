from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Indicator systems, evaluation on DuckDB/PostgreSQL/PySpark, warning levels and signed status codes."""

    name = "zhili.core.indicators"
    label = "indicators"
    verbose_name = _("指标预警")

    def ready(self):
        from . import permissions  # noqa: F401 (registers the rules)
