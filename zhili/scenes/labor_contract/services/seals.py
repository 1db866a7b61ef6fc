"""The employer's seal image and where it goes on the signature page."""

import hashlib
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events

from .. import documents
from ..models import CompanySeal, SealPlacement, TemplateVersion
from ..permissions import keeps_the_seal

# Technical limits of an uploaded seal image (not legal thresholds): small enough to embed in every contract.
SEAL_MAX_BYTES = 512 * 1024
SEAL_MIN_SIDE_PX, SEAL_MAX_SIDE_PX = 100, 1200
SEAL_MIN_SIZE_PT, SEAL_MAX_SIZE_PT = 60, 200


def _check_seal_keeper(actor, employer) -> None:
    if not keeps_the_seal(actor, employer):
        raise PermissionDenied(_("只有本单位的单位管理员或印章管理员可以管理本单位电子印章"))


def check_seal_png(data: bytes) -> tuple[int, int]:
    """Return the (width, height) of a valid seal image, or raise ValidationError naming the rule broken."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise ValidationError({"image": _("印章图片：请选择文件")}, code="required")
    if len(data) > SEAL_MAX_BYTES:
        raise ValidationError({"image": _("印章图片：文件不能超过 512 KB")}, code="too_large")
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError({"image": _("印章图片：须为 PNG 格式（透明背景）")}, code="not_png")
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError):
        raise ValidationError({"image": _("印章图片：文件已损坏，无法读取")}, code="unreadable") from None
    width, height = image.size
    if min(width, height) < SEAL_MIN_SIDE_PX or max(width, height) > SEAL_MAX_SIDE_PX:
        raise ValidationError({"image": _("印章图片：边长须在 {low} 到 {high} 像素之间").format(
            low=SEAL_MIN_SIDE_PX, high=SEAL_MAX_SIDE_PX)}, code="bad_size")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    alpha = image.convert("RGBA").getchannel("A")
    low, high = alpha.getextrema()
    if not has_alpha or low > 0:
        raise ValidationError({"image": _("印章图片：须为透明背景的 PNG（印章以外的部分应透明）")}, code="not_transparent")
    if high == 0:
        raise ValidationError({"image": _("印章图片：图片全透明，没有印章图案")}, code="empty")
    return width, height


@transaction.atomic
def upload_seal(employer, data: bytes, *, actor) -> CompanySeal:
    """Store a new seal image for ``employer``; the previous one stops being used."""
    _check_seal_keeper(actor, employer)
    data = data.read() if hasattr(data, "read") else bytes(data)
    width, height = check_seal_png(data)
    CompanySeal.objects.filter(employer=employer, is_active=True).update(is_active=False)
    seal = CompanySeal.objects.create(employer=employer, image=data, sha256=hashlib.sha256(data).hexdigest(),
                                      width_px=width, height_px=height,
                                      uploaded_by=actor if getattr(actor, "pk", None) else None)
    audit.record("labor_contract.seal.uploaded", actor=actor, target=seal,
                 data={"sha256": seal.sha256, "width": width, "height": height})
    events.publish("labor_contract.seal.uploaded", seal_id=seal.pk, employer_id=employer.pk)
    return seal


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError):
        raise ValidationError({field: _("{field}：须为数字（单位：磅）").format(field=field)}, code="not_a_number") from None


@transaction.atomic
def place_seal(employer, template_version: TemplateVersion, *, x, y, size=120, page: int = 0, actor) -> SealPlacement:
    """Keep where the seal goes on ``employer``'s contracts of ``template_version`` (PDF points, from bottom-left)."""
    _check_seal_keeper(actor, employer)
    x, y, size = _decimal(x, "x"), _decimal(y, "y"), _decimal(size, "size")
    errors = {}
    if not SEAL_MIN_SIZE_PT <= size <= SEAL_MAX_SIZE_PT:
        errors["size"] = _("印章大小：须在 {low} 到 {high} 磅之间").format(low=SEAL_MIN_SIZE_PT, high=SEAL_MAX_SIZE_PT)
    elif not 0 <= x <= documents.PAGE_WIDTH_PT - size:
        errors["x"] = _("盖章位置：印章须完整落在页面内（横向超出）")
    elif not 0 <= y <= documents.PAGE_HEIGHT_PT - size:
        errors["y"] = _("盖章位置：印章须完整落在页面内（纵向超出）")
    if errors:
        raise ValidationError(errors, code="out_of_page")
    placement, _created = SealPlacement.objects.update_or_create(
        employer=employer, template_version=template_version,
        defaults={"x": x, "y": y, "size": size, "page": page,
                  "placed_by": actor if getattr(actor, "pk", None) else None})
    audit.record("labor_contract.seal.placed", actor=actor, target=placement,
                 data={"x": x, "y": y, "size": size, "page": page, "template_version": template_version.pk})
    return placement
