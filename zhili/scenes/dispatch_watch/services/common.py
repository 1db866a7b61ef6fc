"""Helpers the services share: evidence digests, field errors, the acting officer's department."""

import datetime as dt
import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError


def digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def person(actor):
    """The user behind ``actor``, or None when the platform itself acts (a job's label)."""
    return None if actor is None or isinstance(actor, str) else actor


def refuse(field: str, message: str, code: str = "invalid"):
    raise ValidationError({field: ValidationError(message, code=code)})


def as_date(value, field: str, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))  # an Excel date serial
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        refuse(field, f"{label}：须为日期（如 2026-03-31）")


def as_decimal(value, field: str, label: str, *, minimum: Decimal = Decimal("0")) -> Decimal:
    try:
        number = Decimal(str(value).strip()).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        refuse(field, f"{label}：须为数字")
    if number < minimum:
        refuse(field, f"{label}：不能小于 {minimum}")
    return number


def as_count(value, field: str, label: str) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        refuse(field, f"{label}：须为整数")
    if number < 0:
        refuse(field, f"{label}：不能为负数")
    return number


def officer_department(actor):
    """The department organisation in which ``actor`` works (the office that receives a case they open)."""
    from ..roles import OFFICER

    user = person(actor)
    if user is None:
        return None
    membership = user.memberships.filter(is_active=True, role=OFFICER, organization__isnull=False).first()
    return membership.organization if membership else None


def authorize(actor, permission: str, obj) -> None:
    """Check a person's permission; a label string is the platform itself (a job, a command, a data load)."""
    from zhili.core.identity.api import require

    if not isinstance(actor, str):
        require(actor, permission, obj)
