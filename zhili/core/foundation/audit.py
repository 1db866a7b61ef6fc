"""Write audit entries; every service calls ``record`` inside its transaction."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import current
from .models import AuditEntry, insert_instance, target_key


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def prepare(action: str, *, actor=None, target: models.Model | None = None, data: dict | None = None,
            ip_address: str | None = None) -> AuditEntry:
    """The new, unsaved entry ``record`` would insert, for a caller that inserts it with other work in one
    statement: ``insert_instance(row, audit=prepare(...))`` for an entry about a row being inserted (its
    target is then set from the row), or ``insert_values`` for a hand-written statement."""
    target_type, target_id, target_repr = target_key(target)
    context = current.get()
    actor_obj = actor if actor is not None and getattr(actor, "pk", None) else None
    return AuditEntry(
        actor=actor_obj,
        actor_label=actor_label(actor),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        data=_json_safe(data or {}),
        ip_address=ip_address or context.ip_address,
    )


def record(action: str, *, actor=None, target: models.Model | None = None, data: dict | None = None,
           ip_address: str | None = None) -> AuditEntry:
    """Append one entry: ``action`` is dotted (``labor_contract.contract.sent``).

    The entry is inserted by ``insert_instance`` (one cached statement, no signals), which never updates.
    """
    return insert_instance(prepare(action, actor=actor, target=target, data=data, ip_address=ip_address))


def actor_label(actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor[:200]
    return f"{getattr(actor, 'pk', '')}:{getattr(actor, 'display_name', str(actor))}"[:200]


def entries_for(target: models.Model):
    target_type, target_id, _ = target_key(target)
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id)
