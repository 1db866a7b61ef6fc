"""The disability certificate number (第二代残疾人证号): the holder's 18-character ID number (GB 11643), then the
category digit (1–7) and the grade digit (1–4) of GB/T 26341-2010 — 20 characters in all."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.foundation.api import validate_id_number

from .choices import Category, Grade


def number_rule() -> str:
    return _("残疾人证号须为 20 位：18 位身份证号码（GB 11643 校验）＋残疾类别 1–7＋残疾等级 1–4")



def certificate_number(id_number: str, category: str, grade: str) -> str:
    """The certificate number for a holder, category and grade; refused (ValidationError on ``number``) if any
    part fails its check."""
    number = f"{(id_number or '').strip().upper()}{category}{grade}"
    check_certificate_number(number)
    return number


def check_certificate_number(number: str) -> tuple[str, str, str]:
    """``(id_number, category, grade)`` of a valid number; ValidationError naming ``number`` and the rule."""
    number = (number or "").strip().upper()
    if len(number) != 20:
        raise ValidationError({"number": number_rule()}, code="length")
    id_number, category, grade = number[:18], number[18], number[19]
    try:
        validate_id_number(id_number)
    except ValidationError as problem:
        raise ValidationError({"number": f"{number_rule()}（{'；'.join(problem.messages)}）"},
                              code="id_number") from None
    if category not in Category.values:
        raise ValidationError({"number": _("残疾人证号第 19 位为残疾类别，须为 1–7，收到 {c}").format(c=category)},
                              code="category")
    if grade not in Grade.values:
        raise ValidationError({"number": _("残疾人证号第 20 位为残疾等级，须为 1–4，收到 {g}").format(g=grade)},
                              code="grade")
    return id_number, category, grade
