from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """The shared face of every page: the layout's parts (badges, empty states), template tags and helpers."""

    name = "zhili.core.ui"
    label = "ui"
    verbose_name = _("界面")
