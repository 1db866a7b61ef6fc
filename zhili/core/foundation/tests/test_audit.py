import pytest
from django.db import DatabaseError, connection, transaction

from zhili.core.foundation import apps as foundation_apps
from zhili.core.foundation import audit
from zhili.core.foundation.models import AuditEntry


@pytest.fixture
def audit_locked():
    """Run with the triggers armed, as in production (the suite otherwise may empty the table)."""
    previous = foundation_apps._purge_state.get("on")
    foundation_apps._purge_state["on"] = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET zhili.audit_purge = 'off'")
    yield
    foundation_apps._purge_state["on"] = previous
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET zhili.audit_purge = 'on'")


def test_an_entry_records_actor_action_target_and_data(worker_zhang):
    entry = audit.record("identity.profile.viewed", actor=worker_zhang, target=worker_zhang, data={"field": "phone"},
                         ip_address="10.1.2.3")
    entry.refresh_from_db()
    assert entry.actor == worker_zhang
    assert entry.action == "identity.profile.viewed"
    assert entry.target_type == "identity.user" and entry.target_id == str(worker_zhang.pk)
    assert entry.data == {"field": "phone"}
    assert entry.ip_address == "10.1.2.3"


def test_the_model_has_no_update_or_delete_path(worker_zhang):
    entry = audit.record("x.y.z", actor=worker_zhang)
    entry.action = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y.z"


def test_the_database_refuses_raw_updates_and_deletes(db, audit_locked):
    entry = audit.record("x.y.z")
    for sql in ("UPDATE foundation_auditentry SET action = 'rewritten' WHERE id = %s",
                "DELETE FROM foundation_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.y.z"
