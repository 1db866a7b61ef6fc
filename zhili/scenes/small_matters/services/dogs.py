"""Dog licence, serial made parallel (串联转并联): apply, police review, then one visit at the booked pet hospital
records immunisation, chip and registration, and the licence is issued at once."""

import datetime as dt

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from .. import rules
from ..choices import DogLicenceStatus
from ..models import DogLicence
from .common import evidence

SALT = "small_matters.dog.visit"


def _text(value, field: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("请填写{label}").format(label=label)}, code="required")
    return value[:limit]


@transaction.atomic
def apply_dog_licence(*, region, dog_name: str, breed: str, hospital: str, visit_on: dt.date, actor) -> DogLicence:
    """The owner applies once: the dog, the pet hospital and the day of the one visit."""
    require(actor, "small_matters.service.use")
    today = timezone.localdate()
    if visit_on is None or visit_on < today:
        raise ValidationError({"visit_on": _("预约日期不能早于今天")}, code="past")
    days = rules.parameter("dog_booking_days", today).value
    if visit_on > today + dt.timedelta(days=days):
        raise ValidationError({"visit_on": _("预约日期须在 {days} 天内").format(days=days)}, code="too_late")
    licence = DogLicence.objects.create(person=actor, region=region, dog_name=_text(dog_name, "dog_name", _("犬名"), 40),
                                        breed=_text(breed, "breed", _("品种"), 40),
                                        hospital=_text(hospital, "hospital", _("宠物医院"), 100), visit_on=visit_on)
    audit.record("small_matters.dog.applied", actor=actor, target=licence, data={"hospital": licence.hospital})
    events.publish("small_matters.dog.applied", licence_id=licence.pk)
    return licence


@transaction.atomic
def review_dog_licence(licence: DogLicence, *, approve: bool, actor, note: str = "") -> DogLicence:
    """The police review; an approval makes the booking's QR code valid at the hospital."""
    require(actor, "small_matters.dog.review", licence)
    licence = DogLicence.objects.select_for_update().get(pk=licence.pk)
    if licence.status != DogLicenceStatus.SUBMITTED:
        raise ValidationError({"status": _("当前状态为「{status}」，不能再审核").format(
            status=licence.status_choice.label)}, code="decided")
    note = (note or "").strip()[:500]
    if not approve and not note:
        raise ValidationError({"note": _("不予登记须写明理由")}, code="required")
    licence.status = DogLicenceStatus.APPROVED if approve else DogLicenceStatus.REJECTED
    licence.reviewed_by, licence.note = actor, note
    licence.save(update_fields=["status", "reviewed_by", "note", "updated_at"])
    audit.record("small_matters.dog.reviewed", actor=actor, target=licence, data={"status": licence.status})
    return licence


def visit_token(licence: DogLicence) -> str:
    """The signed booking code the QR carries (the hospital scans it to open the one visit)."""
    return signing.dumps({"licence": licence.pk}, salt=SALT)


def licence_for_token(token: str) -> DogLicence:
    """The licence a scanned code names; a forged or mangled code is refused."""
    try:
        pk = signing.loads(token, salt=SALT)["licence"]
    except (signing.BadSignature, KeyError, TypeError):
        raise ValidationError({"token": _("预约码无效")}, code="invalid") from None
    found = DogLicence.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({"token": _("预约码无效")}, code="invalid")
    return found


@transaction.atomic
def record_dog_visit(licence: DogLicence, *, vaccine_batch: str, chip_number: str, actor) -> DogLicence:
    """The one visit: immunisation, chip and registration recorded together; the licence is issued (ledgered)."""
    require(actor, "small_matters.dog.visit", licence)
    licence = DogLicence.objects.select_for_update().get(pk=licence.pk)
    if licence.status != DogLicenceStatus.APPROVED:
        raise ValidationError({"status": _("当前状态为「{status}」，不能办理").format(
            status=licence.status_choice.label)}, code="not_approved")
    batch = _text(vaccine_batch, "vaccine_batch", _("狂犬疫苗批号"), 40)
    chip = (chip_number or "").strip()
    digits = rules.parameter("dog_chip_digits", timezone.localdate()).value
    if not (chip.isdigit() and len(chip) == digits):
        raise ValidationError({"chip_number": _("芯片号须为 {n} 位数字（ISO 11784）").format(n=digits)}, code="invalid")
    if DogLicence.objects.filter(chip_number=chip).exclude(pk=licence.pk).exists():
        raise ValidationError({"chip_number": _("该芯片号已登记")}, code="duplicate")
    year = timezone.localdate().year
    prefix = f"QD{licence.region.code}{year}"
    last = DogLicence.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    licence.vaccine_batch, licence.chip_number, licence.visited_by = batch, chip, actor
    licence.number = f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:05d}"
    licence.status = DogLicenceStatus.LICENSED
    licence.save(update_fields=["vaccine_batch", "chip_number", "visited_by", "number", "status", "updated_at"])
    data = {"licence": licence.pk, "number": licence.number, "chip": chip, "vaccine_batch": batch,
            "hospital": licence.hospital}
    audit.record("small_matters.dog.licensed", actor=actor, target=licence, data=data)
    evidence("small_matters.dog.licensed", licence, actor, data)
    events.publish("small_matters.dog.licensed", licence_id=licence.pk)
    return licence
