from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """Live channels: numbered messages delivered to every open page within a second, replayed on reconnect."""

    name = "zhili.core.live"
    label = "live"
    verbose_name = _("实时消息")
