from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    """Outbox, SMS / in-app / email channels, message templates, short links and QR codes."""

    name = "zhili.core.notify"
    label = "notify"
    verbose_name = _("消息通知")
