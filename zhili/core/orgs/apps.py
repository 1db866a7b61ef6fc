from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """Organisations (enterprises and departments), regions (GB/T 2260) and industries (GB/T 4754)."""

    name = "zhili.core.orgs"
    label = "orgs"
    verbose_name = _("组织机构")

    def ready(self):
        from . import permissions  # noqa: F401  (register rules before the registries freeze)
