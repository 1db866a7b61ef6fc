from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsignConfig(AppConfig):
    """Electronic signatures: the platform CA, the TSA, PAdES signing, verification and evidence reports."""

    name = "zhili.core.esign"
    label = "esign"
    verbose_name = _("电子签名")

    def ready(self):
        from zhili.core.ledger import api as ledger

        from . import accel, permissions, tsa  # noqa: F401  (register rules before the registries freeze)

        accel.install()  # measured, version-pinned patches of pyHanko, its validator, asn1crypto and pydyf; see accel
        # The ledger sits below esign and never imports it: it anchors its checkpoints with the TSA handed over here
        # (the external TSA when ZHILI_TSA_URL is set, else the platform's).
        ledger.use_timestamper(tsa.timestamp)
