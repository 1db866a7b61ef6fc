from django.apps import AppConfig


class EsignConfig(AppConfig):
    name = "zhili.core.esign"
    label = "esign"
