from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "zhili.core.policy"
    label = "policy"
