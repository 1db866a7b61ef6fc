from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "zhili.core.indicators"
    label = "indicators"
