from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _configure_connection(sender, connection, **kwargs):
    """Tell the audit-log triggers whether this connection may empty the table (tests only)."""
    from django.conf import settings

    purge = bool(getattr(settings, "AUDIT_PURGE_ALLOWED", False))
    if connection.vendor == "sqlite":
        connection.connection.create_function("zhili_audit_locked", 0, lambda: 0 if _purge_state["on"] else 1)
        _purge_state.setdefault("on", purge)
    elif connection.vendor == "postgresql" and purge:
        with connection.connection.cursor() as cursor:
            cursor.execute("SET zhili.audit_purge = 'on'")


_purge_state: dict[str, bool] = {}


class FoundationConfig(AppConfig):
    """Base models, choices, registry, events, audit log, personal-data fields, validators."""

    name = "zhili.core.foundation"
    label = "foundation"
    verbose_name = _("基础")

    def ready(self):
        connection_created.connect(_configure_connection, dispatch_uid="zhili_foundation_connection")
