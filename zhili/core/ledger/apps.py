from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "zhili.core.ledger"
    label = "ledger"
