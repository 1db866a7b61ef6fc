"""Write audit entries; every service calls ``record`` inside its transaction."""

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .context import current
from .models import AuditEntry, insert_instance


def target_key(target: models.Model | None) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk), str(target)[:255]


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    import json

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(action: str, *, actor=None, target: models.Model | None = None, data: dict | None = None,
           ip_address: str | None = None) -> AuditEntry:
    """Append one entry: ``action`` is dotted (``labor_contract.contract.sent``).

    The entry is inserted by ``insert_instance`` (one cached statement, no signals), which never updates.
    """
    target_type, target_id, target_repr = target_key(target)
    context = current.get()
    actor_obj = actor if actor is not None and getattr(actor, "pk", None) else None
    return insert_instance(AuditEntry(
        actor=actor_obj,
        actor_label=actor_label(actor),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        data=_json_safe(data or {}),
        ip_address=ip_address or context.ip_address,
    ))


def actor_label(actor) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor[:200]
    return f"{getattr(actor, 'pk', '')}:{getattr(actor, 'display_name', str(actor))}"[:200]


def entries_for(target: models.Model):
    target_type, target_id, _ = target_key(target)
    return AuditEntry.objects.filter(target_type=target_type, target_id=target_id)
