from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the platform: backups that restore (``manage.py backup`` / ``restore``).

    It sits at the top of core's layers because a backup records the state of every package below it (the
    ledger's size and root, the keys' fingerprints).
    """

    name = "zhili.core.ops"
    label = "ops"
    verbose_name = _("运维")
