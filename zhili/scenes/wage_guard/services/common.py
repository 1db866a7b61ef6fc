"""Helpers shared by the scene's services: money, digests, evidence, validation errors by field."""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.ledger import api as ledger

CENT = Decimal("0.01")


def money(value, field: str, *, label: str, allow_zero: bool = False) -> Decimal:
    """``value`` as yuan with two decimals; refused naming ``field`` when not a number or not positive."""
    try:
        amount = Decimal(str(value).replace(",", "").strip()).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("{label}须为数字").format(label=label)}, code="invalid") from None
    if amount < 0 or (amount == 0 and not allow_zero) or not amount.is_finite():
        raise ValidationError({field: _("{label}须大于 0").format(label=label)}, code="out_of_range")
    return amount


def required(value, field: str, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("请填写{label}").format(label=label)}, code="required")
    if len(text) > max_length:
        raise ValidationError({field: _("{label}不能超过 {n} 个字").format(label=label, n=max_length)},
                              code="max_length")
    return text


def digest_of(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def evidence(kind: str, subject, actor, data: dict) -> None:
    """Append a legally relevant step to the evidence ledger, digest over its data."""
    ledger.append(kind=kind, subject=subject, actor=actor, digest=digest_of(data), data=data)
