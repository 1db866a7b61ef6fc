"""Helpers shared by the scene's services: required text, evidence in the ledger."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.ledger import api as ledger


def required(value, field: str, label: str, max_length: int) -> str:
    """``value`` stripped; refused naming ``field`` when empty or longer than ``max_length``."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("{label}：不能为空").format(label=label)}, code="required")
    if len(value) > max_length:
        raise ValidationError({field: _("{label}：不能超过 {n} 个字").format(label=label, n=max_length)},
                              code="max_length")
    return value


def digest_of(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def evidence(kind: str, subject, actor, data: dict):
    """Append ``data`` to the evidence ledger under ``kind`` (its SHA-256 as the digest)."""
    return ledger.append(kind=kind, subject=subject, actor=actor, digest=digest_of(data), data=data)
