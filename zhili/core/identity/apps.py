from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Users with real-name data, OTP and password login, roles, data scopes, API clients."""

    name = "zhili.core.identity"
    label = "identity"
    verbose_name = _("身份与权限")
