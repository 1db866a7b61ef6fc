from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "zhili.core.sharing"
    label = "sharing"
