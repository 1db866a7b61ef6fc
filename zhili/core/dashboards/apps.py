from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "zhili.core.dashboards"
    label = "dashboards"
