"""Evaluation periods: a year (``2025``) or a month (``2025-06``), read by the services and the carbon bill."""

import calendar
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def period_bounds(period: str) -> tuple[dt.date, dt.date, str]:
    """First day, last day and scope (``year``/``month``) of ``2025`` or ``2025-06``; a clear error otherwise."""
    match = PERIOD.match(period or "")
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise ValidationError({"period": _("评价期须为年份（如 2025）或年月（如 2025-06）")}, code="invalid")
    year = int(match.group(1))
    if match.group(2):
        month = int(match.group(2))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
