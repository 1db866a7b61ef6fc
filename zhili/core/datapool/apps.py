from django.apps import AppConfig


class DatapoolConfig(AppConfig):
    name = "zhili.core.datapool"
    label = "datapool"
