import pytest

from zhili.core.foundation.models import AuditEntry, loaded_instance


@pytest.mark.django_db
def test_values_land_on_their_fields_whatever_order_they_come_in_and_the_rest_load_on_access():
    saved = AuditEntry.objects.create(action="demo.action", actor_label="王芳", target_type="demo", target_id="7")

    instance = loaded_instance(AuditEntry, "default", target_id="7", action="demo.action", id=saved.pk)

    assert (instance.pk, instance.action, instance.target_id) == (saved.pk, "demo.action", "7")
    assert instance.get_deferred_fields() >= {"actor_label", "target_type"}
    assert instance.actor_label == "王芳"  # a deferred field, loaded from the row on first access
    assert not instance._state.adding and instance._state.db == "default"


def test_an_unknown_field_is_refused():
    with pytest.raises(TypeError, match="nickname"):
        loaded_instance(AuditEntry, "default", id=1, nickname="x")


@pytest.mark.django_db
def test_values_are_converted_as_the_orm_converts_them():
    """JSON text becomes objects and SQLite's 0/1 booleans, datetimes as text are made aware: the same values a
    query through the ORM gives, read here from a hand-written statement."""
    from django.db import connection

    saved = AuditEntry.objects.create(action="demo.action", data={"fields": ["name", "wage"], "ok": True})
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "id", "data", "created_at" FROM "{AuditEntry._meta.db_table}" WHERE "id" = %s',
                       [saved.pk])
        pk, data, created_at = cursor.fetchone()

    instance = loaded_instance(AuditEntry, "default", id=pk, data=data, created_at=created_at)

    stored = AuditEntry.objects.get(pk=saved.pk)
    assert instance.data == stored.data == {"fields": ["name", "wage"], "ok": True}
    assert instance.created_at == stored.created_at and instance.created_at.tzinfo is not None
