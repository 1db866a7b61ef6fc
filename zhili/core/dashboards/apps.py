from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Fact tables, small-cell suppression, graded indices with warnings, cockpit pages and XLSX exports."""

    name = "zhili.core.dashboards"
    label = "dashboards"
    verbose_name = "数据驾驶舱"

    def ready(self):
        from . import messages  # noqa: F401  (registers the index warning template)
