"""One photo, many certificates (一照多用): a person's certified photo held once and reused, with consent.

The photo is normalised on upload (decoded, EXIF dropped, fitted to 358 × 441 px, the resident ID card's photo
size, as a JPEG) and stored encrypted at rest in an ``EncryptedTextField`` (base64 of the JPEG), as every personal
field is. A matter (``PHOTO_MATTERS``) receives it only while the person's consent for that matter is live; the
consent is revocable, and every store, view, reuse and replacement is a ``PhotoUse`` row the person reads, and an
audit entry.
"""

import base64
import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit

from ..choices import PhotoUseKind
from ..models import CertifiedPhoto, Matter, PhotoConsent, PhotoUse

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
SIZE = (358, 441)  # GB/T 35556 / the second-generation ID card photo, 358 × 441 px
MIN_SIDE = 200
# The matters that print the person's photo on what they issue, and so may reuse it.
PHOTO_MATTERS = ("residence_permit", "dog_licence", "id_card_renewal", "medical_card_reissue", "elderly_card",
                 "disability_certificate")


def _normalised(data: bytes) -> tuple[bytes, int, int]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError({"photo": _("证件照：像素过多")}, code="too_large")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG"):
                raise ValidationError({"photo": _("证件照：只接受 JPEG 或 PNG")}, code="not_image")
            image = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError({"photo": _("证件照：文件不是可读的图片")}, code="not_image") from None
    if min(image.size) < MIN_SIDE:
        raise ValidationError({"photo": _("证件照：图片太小，短边至少 {n} 像素").format(n=MIN_SIDE)}, code="too_small")
    fitted = ImageOps.fit(image, SIZE, method=Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=90)
    return out.getvalue(), *fitted.size


def _log(person, kind: str, sha256: str, *, actor, matter=None, subject: str = "") -> PhotoUse:
    use = PhotoUse.objects.create(person=person, kind=kind, matter=matter, subject=subject[:60], sha256=sha256,
                                  actor=actor if getattr(actor, "is_authenticated", False) else None)
    audit.record(f"small_matters.photo.{kind}", actor=actor, target=use,
                 data={"person": person.pk, "matter": matter.code if matter else None, "subject": subject,
                       "sha256": sha256})
    return use


@transaction.atomic
def store_photo(upload, *, actor) -> CertifiedPhoto:
    """The person stores (or replaces) their certified photo; the bytes are checked, normalised and encrypted."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    if upload is None:
        raise ValidationError({"photo": _("证件照：请选择照片")}, code="required")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"photo": _("证件照：不超过 5 MB")}, code="too_large")
    jpeg, width, height = _normalised(upload.read())
    sha256 = hashlib.sha256(jpeg).hexdigest()
    photo = CertifiedPhoto.objects.select_for_update().filter(person=actor).first()
    kind = PhotoUseKind.REPLACED if photo else PhotoUseKind.STORED
    photo = photo or CertifiedPhoto(person=actor)
    photo.image, photo.sha256, photo.width, photo.height = base64.b64encode(jpeg).decode(), sha256, width, height
    photo.save()
    _log(actor, kind, sha256, actor=actor)
    return photo


def own_photo(person, *, actor) -> bytes | None:
    """The person's own photo (JPEG), the read logged; None when none is held."""
    if actor.pk != person.pk:
        raise PermissionDenied("只能查看本人的证件照")
    photo = CertifiedPhoto.objects.filter(person=person).first()
    if photo is None:
        return None
    with transaction.atomic():
        _log(person, PhotoUseKind.VIEWED, photo.sha256, actor=actor)
    return base64.b64decode(photo.image)


@transaction.atomic
def grant_photo_consent(matter_code: str, *, actor) -> PhotoConsent:
    """The person consents that ``matter_code`` reuses their certified photo (idempotent while live)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    if matter_code not in PHOTO_MATTERS:
        raise ValidationError({"matter": _("事项 {code} 不使用证件照").format(code=matter_code)}, code="invalid")
    matter = Matter.objects.filter(code=matter_code).first()
    if matter is None:
        raise ValidationError({"matter": _("事项目录中没有事项 {code}").format(code=matter_code)}, code="unknown_matter")
    live = PhotoConsent.objects.select_for_update().filter(person=actor, matter=matter, revoked_at=None).first()
    if live is not None:
        return live
    consent = PhotoConsent.objects.create(person=actor, matter=matter, granted_at=timezone.now())
    audit.record("small_matters.photo.consented", actor=actor, target=consent, data={"matter": matter_code})
    return consent


@transaction.atomic
def revoke_photo_consent(matter_code: str, *, actor) -> int:
    """The person withdraws their consent for ``matter_code``; later reuses are refused. Returns how many were live."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录")
    live = list(PhotoConsent.objects.select_for_update().filter(person=actor, matter__code=matter_code,
                                                                revoked_at=None))
    for consent in live:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at", "updated_at"])
        audit.record("small_matters.photo.revoked", actor=actor, target=consent, data={"matter": matter_code})
    return len(live)


def consented_matters(person) -> set[str]:
    return set(PhotoConsent.objects.filter(person=person, revoked_at=None).values_list("matter__code", flat=True))


def reuse_photo(person, matter_code: str, *, subject: str, actor) -> bytes | None:
    """The person's photo for what ``matter_code`` issues them (``subject``, e.g. ``dog:12``), logged as a reuse;
    None without a held photo or a live consent for that matter (nothing is logged then)."""
    consent = PhotoConsent.objects.filter(person=person, matter__code=matter_code, revoked_at=None).select_related(
        "matter").first()
    if consent is None:
        return None
    photo = CertifiedPhoto.objects.filter(person=person).first()
    if photo is None:
        return None
    with transaction.atomic():
        _log(person, PhotoUseKind.REUSED, photo.sha256, actor=actor, matter=consent.matter, subject=subject)
    return base64.b64decode(photo.image)


def photo_available(person, matter_code: str) -> bool:
    """Whether ``matter_code`` may show ``person``'s photo now (a held photo and a live consent); reads nothing."""
    return (CertifiedPhoto.objects.filter(person=person).exists()
            and PhotoConsent.objects.filter(person=person, matter__code=matter_code, revoked_at=None).exists())
