from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenesConfig(AppConfig):
    """The scene base class, loader and registry."""

    name = "zhili.core.scenes"
    label = "scenes"
    verbose_name = _("场景")
