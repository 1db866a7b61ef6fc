from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhili.core.cases"
    label = "cases"
