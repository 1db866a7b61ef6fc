from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    """Sharing and mutual recognition (共享互认): matters, the worker's grants, party access, push, access log."""

    name = "zhili.core.sharing"
    label = "sharing"
    verbose_name = _("共享互认")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules before the registries freeze)
        from .push import subscribe_to_events
        subscribe_to_events()
