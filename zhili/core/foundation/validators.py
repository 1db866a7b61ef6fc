"""Validators for Chinese identifiers, each raising a ValidationError with a clear Chinese message."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
REGION_RE = re.compile(r"^\d{6}(\d{6})?$")


def id_number_check_digit(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def birth_date_from_id(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def validate_id_number(value: str) -> None:
    """Check a resident ID number (GB 11643): 18 characters, plausible birth date, correct check digit."""
    value = (value or "").strip().upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError(_("身份证号码应为 18 位：前 17 位数字，最后一位为数字或 X"), code="id_number_format")
    try:
        born = birth_date_from_id(value)
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期 {date} 不存在").format(date=value[6:14]),
                              code="id_number_birth_date") from None
    today = timezone.localdate()
    if born > today or born.year < today.year - 130:
        raise ValidationError(_("身份证号码中的出生日期 {date} 不合理").format(date=born.isoformat()),
                              code="id_number_birth_date")
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError(_("身份证号码校验位错误（GB 11643）"), code="id_number_check_digit")


def uscc_check_character(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """Check a unified social credit code (GB 32100): 18 characters from its alphabet, correct check character."""
    value = (value or "").strip().upper()
    if len(value) != 18 or any(c not in USCC_ALPHABET for c in value):
        raise ValidationError(
            _("统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）"), code="uscc_format")
    if not value[2:8].isdigit():
        raise ValidationError(_("统一社会信用代码第 3–8 位应为行政区划码"), code="uscc_region")
    if uscc_check_character(value[:17]) != value[17]:
        raise ValidationError(_("统一社会信用代码校验位错误（GB 32100）"), code="uscc_check_character")


def validate_mobile(value: str) -> None:
    """Check a mainland China mobile number: 11 digits starting 13–19."""
    if not MOBILE_RE.match((value or "").strip()):
        raise ValidationError(_("手机号码应为 11 位、以 13–19 开头的中国大陆号码"), code="mobile_format")


def validate_region_code(value: str) -> None:
    """Check a GB/T 2260 region code: 6 digits (county level) or 12 (town and village)."""
    value = (value or "").strip()
    if not REGION_RE.match(value):
        raise ValidationError(_("行政区划代码应为 6 位或 12 位数字（GB/T 2260）"), code="region_code_format")
    if value[:2] == "00" or int(value[:2]) < 11 or int(value[:2]) > 82:
        raise ValidationError(_("行政区划代码的省级代码 {code} 不存在").format(code=value[:2]), code="region_code_province")


def set_allowed_fields(instance, changes: dict, allowed) -> None:
    """Set ``changes`` on ``instance``, or raise a ValidationError naming the fields outside ``allowed``."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(_("不能在此修改：{fields}").format(fields="、".join(sorted(unknown))), code="field")
    for name, value in changes.items():
        setattr(instance, name, value)
