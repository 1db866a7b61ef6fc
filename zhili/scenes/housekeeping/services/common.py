"""Checks of input shared by the scene's services: each error names the field and the rule."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from zhili.core.identity.api import organizations_of

from ..choices import Language, ServiceKind
from ..models import Order
from ..roles import AGENCY_ADMIN

# The province's bounding box (浙江省, WGS84): a point outside it cannot be an address the scene serves.
LATITUDES = (27.0, 31.5)
LONGITUDES = (118.0, 123.0)


def required(value, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("请填写{label}").format(label=label)}, code="required")
    return value


def choices(values, field: str, kind, label: str, *, at_least_one: bool = True) -> list[str]:
    values = [v for v in (values or []) if v]
    unknown = [v for v in values if v not in kind.values]
    if unknown:
        raise ValidationError({field: _("{label}不在可选范围内：{values}").format(label=label, values="、".join(unknown))},
                              code="invalid_choice")
    if at_least_one and not values:
        raise ValidationError({field: _("请至少选择一项{label}").format(label=label)}, code="required")
    return list(dict.fromkeys(values))


def skills(values, field: str = "skills") -> list[str]:
    return choices(values, field, ServiceKind, _("服务项目"))


def languages(values) -> list[str]:
    return choices(values, "languages", Language, _("语言"), at_least_one=False) or [Language.MANDARIN.value]


def location(latitude, longitude) -> tuple[float, float]:
    """A point inside the province; anything else is refused and asked again, never guessed."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError({"address": _("地址未能定位，请重新填写或在地图上选点")}, code="unlocated") from None
    if not (LATITUDES[0] <= lat <= LATITUDES[1] and LONGITUDES[0] <= lon <= LONGITUDES[1]):
        raise ValidationError({"address": _("地址定位不在浙江省内，请重新填写或在地图上选点")}, code="out_of_area")
    return lat, lon


def money(value, field: str, label: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("{label}须为数字").format(label=label)}, code="invalid") from None
    if amount <= 0:
        raise ValidationError({field: _("{label}须大于 0").format(label=label)}, code="out_of_range")
    return amount


def signer_role(user, order: Order) -> str | None:
    """Which party ``user`` signs for on ``order``, if any."""
    if order.customer.user_id == user.pk:
        return "customer"
    if order.worker.user_id == user.pk:
        return "worker"
    if order.agency.organization_id in organizations_of(user, AGENCY_ADMIN):
        return "agency"
    return None
