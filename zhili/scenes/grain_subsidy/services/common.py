"""Helpers the services share: decimals, the evidence digest, bulk audit entries."""

import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.foundation.api import AuditEntry, audit

TWO = Decimal("0.01")


def decimal_field(value, field: str, *, positive: bool = True) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(TWO, ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("须为数字")}, code="invalid") from None
    if positive and number <= 0:
        raise ValidationError({field: _("须大于 0")}, code="not_positive")
    return number


def digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def audit_many(action: str, targets, *, actor, data_for=None) -> None:
    """One audit entry per target, inserted in one statement (a round's thousands of decisions)."""
    AuditEntry.objects.bulk_create(
        [audit.prepare(action, actor=actor, target=t, data=data_for(t) if data_for else None) for t in targets],
        batch_size=2000)
