"""Residence registration, confirmed instead of filled in (填表转确认): the person confirms what the landlord's or
employer's report holds, with no materials and no signature; the police station of the region decides."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.orgs.api import region_by_code

from ..choices import RegistrationStatus, ReporterKind
from ..models import ResidenceRegistration
from .common import evidence


def held_residence(user) -> dict | None:
    """What the data pool holds on ``user``'s residence and employment (the latest reports), or None."""
    from zhili.core.datapool.api import connect, ibis_table

    if not user.id_number_index:
        return None
    con = connect("duckdb")
    try:
        table = ibis_table("sm_residence_reports", "duckdb", con=con)
        rows = (table.filter(table.person_key == user.id_number_index).order_by(table.reported_on.desc())
                .to_pyarrow().to_pylist())
    finally:
        con.disconnect()
    home = next((r for r in rows if r["reporter_kind"] in (ReporterKind.LANDLORD, ReporterKind.PROPERTY)
                 and r["address"]), None)
    if home is None:
        home = next((r for r in rows if r["address"]), None)
    if home is None:
        return None
    job = next((r for r in rows if r["reporter_kind"] == ReporterKind.EMPLOYER and r["employer_name"]), None)
    return {"region_code": home["region_code"], "address": home["address"],
            "reporter_kind": home["reporter_kind"], "reporter_name": home["reporter_name"],
            "reported_on": home["reported_on"].isoformat(), "moved_in_on": home["moved_in_on"].isoformat(),
            "employer_name": job["employer_name"] if job else "",
            "employed_since": job["moved_in_on"].isoformat() if job else ""}


def prepare_residence_registration(user) -> dict:
    """The facts the person will confirm; a clear error when no report is held (ask the landlord to report)."""
    held = held_residence(user)
    if held is None:
        raise ValidationError({"address": _("平台尚未收到您的房东或单位的居住申报，请联系房东或单位申报后再办理")},
                              code="no_report")
    return held


@transaction.atomic
def submit_residence_registration(*, facts: dict, actor) -> ResidenceRegistration:
    """The person confirms the held facts (nothing filled in, nothing signed) and submits to the police station."""
    require(actor, "small_matters.service.use")
    held = prepare_residence_registration(actor)
    if held != facts:
        raise ValidationError({"address": _("平台掌握的信息已更新，请重新核对后确认")}, code="stale")
    region = region_by_code(held["region_code"])
    if region is None:
        raise ValidationError({"region": _("居住地区划代码 {code} 未知").format(code=held["region_code"])},
                              code="unknown_region")
    if ResidenceRegistration.objects.filter(person=actor, status=RegistrationStatus.SUBMITTED).exists():
        raise ValidationError({"status": _("您已有一件居住登记在审核中")}, code="pending")
    registration = ResidenceRegistration.objects.create(
        person=actor, region=region, address=held["address"], moved_in_on=dt.date.fromisoformat(held["moved_in_on"]),
        facts={k: v for k, v in held.items() if k != "address"})
    audit.record("small_matters.residence.submitted", actor=actor, target=registration,
                 data={"region": region.code, "materials": 0, "signatures": 0})
    events.publish("small_matters.residence.submitted", registration_id=registration.pk)
    return registration


def _next_number(region, day: dt.date) -> str:
    prefix = f"JZ{region.code}{day:%Y}"
    last = (ResidenceRegistration.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:06d}"


@transaction.atomic
def decide_residence_registration(registration: ResidenceRegistration, *, approve: bool, actor,
                                  note: str = "") -> ResidenceRegistration:
    """The police station registers (the 登记凭证 number issued, ledgered) or refuses with a reason."""
    require(actor, "small_matters.residence.decide", registration)
    registration = ResidenceRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError({"status": _("当前状态为「{status}」，不能再审核").format(
            status=registration.status_choice.label)}, code="decided")
    note = (note or "").strip()[:500]
    if not approve and not note:
        raise ValidationError({"note": _("不予登记须写明理由")}, code="required")
    now = timezone.now()
    registration.status = RegistrationStatus.REGISTERED if approve else RegistrationStatus.REJECTED
    registration.number = _next_number(registration.region, timezone.localdate()) if approve else ""
    registration.decided_by, registration.decided_at, registration.note = actor, now, note
    registration.save(update_fields=["status", "number", "decided_by", "decided_at", "note", "updated_at"])
    data = {"registration": registration.pk, "status": registration.status, "number": registration.number,
            "region": registration.region.code, "note": note}
    audit.record("small_matters.residence.decided", actor=actor, target=registration, data=data)
    evidence("small_matters.residence.decided", registration, actor, data)
    events.publish("small_matters.residence.decided", registration_id=registration.pk, status=registration.status)
    return registration
