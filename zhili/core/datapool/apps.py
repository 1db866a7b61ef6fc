from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatapoolConfig(AppConfig):
    """Data gathering: dataset declarations, validated ingestion with lineage, analytics snapshots."""

    name = "zhili.core.datapool"
    label = "datapool"
    verbose_name = _("数据归集")

    def ready(self):
        from . import permissions  # noqa: F401 (registers the rules)
