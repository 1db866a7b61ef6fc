"""Every change of state in the 智慧助残 scene: ``verb_noun(..., *, actor)``, atomic, audited; the assessment
result and the certificate's issue also go to the evidence ledger.

Detection → suspected case (sent to the village disability worker as a core case) → home visit → the platform
prepares the assessment application and books a designated hospital → the result → the certificate record.
"""

import datetime as dt
import hashlib
import json
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import add_working_days, is_working_day, open_case, transition_case
from zhili.core.foundation.api import audit, birth_date_from_id, events, validate_id_number
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger
from zhili.core.orgs.api import region_by_code

from ..certificates import certificate_number
from ..choices import ApplicationStatus, Category, CertificateStatus, Grade, Source, SuspectStatus
from ..detection import Triggers
from ..models import AssessmentApplication, Certificate, DesignatedHospital, HomeVisit, Person, SuspectedCase
from ..roles import WORKER
from ..rules import booking_lead_days
from ..workflows import SUSPECT_CASE_TYPE

logger = logging.getLogger(__name__)
BOOKING_HORIZON = 60  # working days searched for a free slot before the booking is refused


def _user(actor):
    return None if actor is None or isinstance(actor, str) else actor


def _require(actor, permission: str, obj=None) -> None:
    if not isinstance(actor, str) and actor is not None:
        require(actor, permission, obj)


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _region_for(village_code: str):
    """The town (街道/乡镇) of a village code, else its county; None if neither is a known region."""
    code = (village_code or "").strip()
    if len(code) >= 9:
        town = region_by_code(code[:9] + "000")
        if town is not None:
            return town
    return region_by_code(code[:6]) if len(code) >= 6 else None


def _village_worker(region):
    """The disability worker whose scope covers ``region`` most closely (a village's before a town's), or None."""
    from zhili.core.identity.api import Membership

    best = None
    for membership in (Membership.objects.filter(is_active=True, role=WORKER, region__isnull=False)
                       .select_related("region", "user", "organization")):
        if region.path.startswith(membership.region.path):
            if best is None or len(membership.region.path) > len(best.region.path):
                best = membership
    return best


# --- Detection --------------------------------------------------------------------------------------------------

def run_detection(on: dt.date, *, actor, engine: str = "duckdb", refresh: bool = True) -> dict:
    """Detect suspected disabilities on ``on`` over the data pool and record them (the nightly job)."""
    from ..detection import detect

    _require(actor, "disability_aid.detection.run")
    return record_detection(detect(on, engine=engine, refresh=refresh), on, actor=actor)


def record_detection(rows, on: dt.date, *, actor) -> dict:
    """Store one suspected case per person of the evidence ``rows`` (a ``pyarrow.Table``), each sent as a case to
    the village disability worker. A person who already has a case or an active certificate on the platform is
    counted as ``already``; one whose village is not a known region as ``skipped``. Returns the counts."""
    _require(actor, "disability_aid.detection.run")
    triggers = Triggers.on(on)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows.to_pylist():
        grouped[row["person_id"]].append(row)
    known = set(SuspectedCase.objects.filter(person__key__in=list(grouped)).values_list("person__key", flat=True))
    known |= set(Certificate.objects.filter(person__key__in=list(grouped), status=CertificateStatus.ACTIVE)
                 .values_list("person__key", flat=True))
    report = {"persons": len(grouped), "new": 0, "cases": 0, "already": 0, "skipped": 0}
    for key in sorted(grouped):
        if key in known:
            report["already"] += 1
            continue
        found = grouped[key]
        region = _region_for(found[0]["village_code"])
        if region is None:
            report["skipped"] += 1
            continue
        with transaction.atomic():
            suspect = _raise_suspect(key, region, found, on, triggers, actor)
        report["new"] += 1
        report["cases"] += 1 if suspect.case_id else 0
    audit.record("disability_aid.detection.recorded", actor=_user(actor), data={"on": on.isoformat(), **report})
    return report


def _evidence(row: dict, triggers: Triggers) -> dict:
    item = {"source": row["source"], "record_id": row["record_id"], "on": row["recorded_on"].isoformat(),
            "detail": row["detail"]}
    if row["source"] == Source.DIAGNOSIS:
        prefix = triggers.matched(row["detail"])
        item["matched"] = f"{prefix} {triggers.prefixes.get(prefix, '')}".strip() if prefix else ""
    return item


def _raise_suspect(key: str, region, rows: list[dict], on: dt.date, triggers: Triggers, actor) -> SuspectedCase:
    first = rows[0]
    person, _created = Person.objects.get_or_create(key=key, defaults={
        "region": region, "village_code": first["village_code"], "birth_date": first["birth_date"],
        "gender": first["gender"]})
    evidence = [_evidence(row, triggers) for row in rows]
    sources = ",".join(sorted({e["source"] for e in evidence}))
    membership = _village_worker(region)
    suspect = SuspectedCase.objects.create(person=person, found_on=on, evidence=evidence, sources=sources,
                                           worker=membership.user if membership else None)
    audit.record("disability_aid.suspect.raised", actor=_user(actor), target=suspect,
                 data={"person": key, "sources": sources, "records": len(evidence)})
    labels = "、".join(str(Source(s).label) for s in sources.split(","))
    title = _("疑似残疾入户核查：{key}（{labels}）").format(key=key, labels=labels)
    description = "；".join(f"{Source(e['source']).label} {e['record_id']}（{e['on']}，{e.get('matched') or e['detail']}）"
                           for e in evidence)
    try:
        with transaction.atomic():
            case = open_case(SUSPECT_CASE_TYPE, title=title[:200], region=region, actor=_user(actor), subject=suspect,
                             description=description[:2000],
                             organization=membership.organization if membership else None,
                             assignee=membership.user if membership else None)
    except ValidationError as problem:
        logger.warning("no case for suspect %s: %s", suspect.pk, "；".join(problem.messages))
        return suspect
    suspect.case = case
    suspect.save(update_fields=["case", "updated_at"])
    events.publish("disability_aid.suspect.raised", suspect_id=suspect.pk, case_id=case.pk)
    return suspect


# --- Home visit and application ---------------------------------------------------------------------------------

def _lock(suspect: SuspectedCase) -> SuspectedCase:
    return SuspectedCase.objects.select_for_update().select_related("person", "person__region").get(pk=suspect.pk)


def _step(suspect: SuspectedCase, transition: str, *, actor, comment: str = "") -> None:
    if suspect.case_id:
        transition_case(suspect.case, transition, actor=actor, comment=comment)


def _coordinate(name: str, value, low: int, high: int):
    if value in (None, ""):
        return None
    try:
        number = round(float(value), 6)
    except (TypeError, ValueError):
        raise ValidationError({name: _("位置：坐标须为数字")}, code="invalid") from None
    if not low <= number <= high:
        raise ValidationError({name: _("位置：坐标超出范围")}, code="invalid")
    return number


@transaction.atomic
def record_visit(suspect: SuspectedCase, *, actor, notes: str, wishes_to_apply: bool, name: str = "",
                 id_number: str = "", observed_category: str = "", latitude=None, longitude=None) -> HomeVisit:
    """The worker's record of the home visit (入户核查).

    With the person's consent the worker confirms name and ID number from the ID card (checked against GB 11643
    and the birth date and sex the 户籍 data hold); without it the case closes as 本人不申请.
    """
    require(actor, "disability_aid.suspect.handle", suspect)
    suspect = _lock(suspect)
    if suspect.status != SuspectStatus.DETECTED:
        raise ValidationError({"status": _("线索状态为「{s}」，不能再记录入户核查").format(
            s=suspect.status_choice.label)}, code="invalid_state")
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": _("核查记录：不能为空")}, code="required")
    if observed_category and observed_category not in Category.values:
        raise ValidationError({"observed_category": _("初步判断类别：须为 1–7（GB/T 26341-2010）")}, code="invalid")
    lat, lon = _coordinate("latitude", latitude, -90, 90), _coordinate("longitude", longitude, -180, 180)
    person = suspect.person
    if wishes_to_apply:
        name, id_number = (name or "").strip(), (id_number or "").strip().upper()
        if not name:
            raise ValidationError({"name": _("姓名：同意申请评残时须按身份证填写")}, code="required")
        try:
            validate_id_number(id_number)
        except ValidationError as problem:
            raise ValidationError({"id_number": problem.messages}, code="invalid") from None
        if person.birth_date and birth_date_from_id(id_number) != person.birth_date:
            raise ValidationError({"id_number": _("身份证号码：出生日期与户籍登记（{d}）不符").format(
                d=person.birth_date.isoformat())}, code="mismatch")
        if person.gender and ("M" if int(id_number[16]) % 2 else "F") != person.gender:
            raise ValidationError({"id_number": _("身份证号码：性别码与户籍登记不符")}, code="mismatch")
        person.name, person.id_number = name[:50], id_number
        person.save()
    visit = HomeVisit.objects.create(suspect=suspect, worker=actor, visited_at=timezone.now(), notes=notes,
                                     observed_category=observed_category or "", wishes_to_apply=bool(wishes_to_apply),
                                     latitude=lat, longitude=lon)
    _step(suspect, "visit", actor=actor)
    suspect.status = SuspectStatus.VISITED
    if not wishes_to_apply:
        suspect.status, suspect.closed_note = SuspectStatus.DECLINED, notes[:500]
        _step(suspect, "decline", actor=actor, comment=notes)
    suspect.save(update_fields=["status", "closed_note", "updated_at"])
    audit.record("disability_aid.visit.recorded", actor=actor, target=suspect,
                 data={"wishes_to_apply": visit.wishes_to_apply, "observed_category": visit.observed_category,
                       "located": lat is not None})
    return visit


def _book(category: str, region, start: dt.date) -> tuple[DesignatedHospital, dt.date]:
    """The earliest working day from ``start`` on which a designated hospital for ``category`` covering ``region``
    has a free slot, and that hospital (the nearest designation first)."""
    hospitals = [h for h in DesignatedHospital.objects.select_related("organization", "region").order_by("pk")
                 if category in h.categories and region.path.startswith(h.region.path)]
    if not hospitals:
        raise ValidationError({"category": _("没有评定「{c}」的指定医院覆盖该地区，请先登记指定医院").format(
            c=Category(category).label)}, code="no_hospital")
    hospitals.sort(key=lambda h: -len(h.region.path))
    booked = defaultdict(int)
    for row in (AssessmentApplication.objects.filter(hospital__in=hospitals, appointment_on__gte=start)
                .values("hospital_id", "appointment_on").annotate(n=Count("id"))):
        booked[(row["hospital_id"], row["appointment_on"])] = row["n"]
    day = start
    for _index in range(BOOKING_HORIZON):
        while not is_working_day(day):
            day += dt.timedelta(days=1)
        for hospital in hospitals:
            if booked[(hospital.pk, day)] < hospital.daily_capacity:
                return hospital, day
        day += dt.timedelta(days=1)
    raise ValidationError({"category": _("{n} 个工作日内指定医院没有空余评定名额").format(n=BOOKING_HORIZON)},
                          code="fully_booked")


@transaction.atomic
def prepare_application(suspect: SuspectedCase, *, actor, category: str, today: dt.date | None = None
                        ) -> AssessmentApplication:
    """Prepare the assessment application from what the platform holds and book a designated hospital
    (nothing is asked of the person: identity from the visit, evidence from the data pool)."""
    require(actor, "disability_aid.suspect.handle", suspect)
    suspect = _lock(suspect)
    if suspect.status != SuspectStatus.VISITED:
        raise ValidationError({"status": _("线索状态为「{s}」，须先完成入户核查且本人同意").format(
            s=suspect.status_choice.label)}, code="invalid_state")
    if category not in Category.values:
        raise ValidationError({"category": _("申请类别：须为 1–7（GB/T 26341-2010）")}, code="invalid")
    today = today or timezone.localdate()
    start = add_working_days(today, int(booking_lead_days(today).value))
    hospital, day = _book(category, suspect.person.region, start)
    application = AssessmentApplication.objects.create(suspect=suspect, person=suspect.person, category=category,
                                                       hospital=hospital, appointment_on=day, prepared_by=actor)
    _step(suspect, "apply", actor=actor)
    suspect.status = SuspectStatus.APPLIED
    suspect.save(update_fields=["status", "updated_at"])
    audit.record("disability_aid.application.prepared", actor=actor, target=application,
                 data={"category": category, "hospital": hospital.organization.name,
                       "appointment_on": day.isoformat()})
    events.publish("disability_aid.application.booked", application_id=application.pk)
    return application


# --- Assessment and certificate ---------------------------------------------------------------------------------

def _lock_application(application: AssessmentApplication) -> AssessmentApplication:
    return (AssessmentApplication.objects.select_for_update()
            .select_related("person", "person__region", "suspect").get(pk=application.pk))


@transaction.atomic
def record_assessment(application: AssessmentApplication, *, actor, disabled: bool, category: str = "",
                      grade: str = "", assessed_on: dt.date | None = None, assessor: str = "",
                      note: str = "") -> AssessmentApplication:
    """Record the designated hospital's result: a category and grade 1–4, or 未达残疾标准 (the case closes)."""
    require(actor, "disability_aid.application.assess", application)
    application = _lock_application(application)
    if application.status != ApplicationStatus.BOOKED:
        raise ValidationError({"status": _("评残申请状态为「{s}」，不能再录入结果").format(
            s=application.status_choice.label)}, code="invalid_state")
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on < application.appointment_on:
        raise ValidationError({"assessed_on": _("评定日期：不能早于预约日期 {d}").format(
            d=application.appointment_on.isoformat())}, code="too_early")
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("评定日期：不能晚于今天")}, code="future")
    category, grade = str(category or "").strip(), str(grade or "").strip()
    if disabled:
        if category not in Category.values:
            raise ValidationError({"category": _("评定类别：须为 1–7（GB/T 26341-2010）")}, code="invalid")
        if grade not in Grade.values:
            raise ValidationError({"grade": _("残疾等级：须为 1–4 级（GB/T 26341-2010），收到 {g}").format(g=grade or "空")},
                                  code="invalid")
    elif not (note or "").strip():
        raise ValidationError({"note": _("说明：未达残疾标准时须填写评定意见")}, code="required")
    application.status = ApplicationStatus.ASSESSED if disabled else ApplicationStatus.NOT_DISABLED
    application.result_category, application.result_grade = (category, grade) if disabled else ("", "")
    application.assessed_on, application.assessor, application.recorded_by = assessed_on, assessor[:50], actor
    application.save()
    result = {"application": application.pk, "person": application.person.key, "disabled": bool(disabled),
              "category": application.result_category, "grade": application.result_grade,
              "assessed_on": assessed_on.isoformat(), "hospital": application.hospital_id}
    audit.record("disability_aid.application.assessed", actor=actor, target=application, data=result)
    ledger.append(kind="disability_aid.assessment.recorded", subject=application, actor=actor, digest=_digest(result),
                  data=result)
    if not disabled:
        suspect = _lock(application.suspect)
        suspect.status, suspect.closed_note = SuspectStatus.NOT_DISABLED, note.strip()[:500]
        suspect.save(update_fields=["status", "closed_note", "updated_at"])
        _step(suspect, "not_disabled", actor=actor, comment=note.strip())
    return application


@transaction.atomic
def issue_certificate(application: AssessmentApplication, *, actor, issued_on: dt.date | None = None) -> Certificate:
    """Issue the certificate record from the assessed application (number from ID, category and grade); the
    issue is audited and appended to the ledger, and the suspected case closes as 已发证."""
    require(actor, "disability_aid.certificate.issue", application)
    application = _lock_application(application)
    if application.status != ApplicationStatus.ASSESSED:
        raise ValidationError({"status": _("评残申请状态为「{s}」，须先录入评定结果").format(
            s=application.status_choice.label)}, code="invalid_state")
    if Certificate.objects.filter(application=application).exists():
        raise ValidationError({"status": _("该申请已发证")}, code="issued")
    person = application.person
    if Certificate.objects.filter(person=person, status=CertificateStatus.ACTIVE).exists():
        raise ValidationError({"person": _("该服务对象已持有有效的残疾人证")}, code="duplicate")
    number = certificate_number(person.id_number, application.result_category, application.result_grade)
    issued_on = issued_on or timezone.localdate()
    certificate = Certificate.objects.create(
        person=person, application=application, number=number, category=application.result_category,
        grade=application.result_grade, issued_on=issued_on, issued_by=actor, found_by_detection=True)
    record = {"certificate": certificate.pk, "person": person.key, "number_sha256": hashlib.sha256(
        number.encode()).hexdigest(), "category": certificate.category, "grade": certificate.grade,
        "issued_on": issued_on.isoformat()}
    audit.record("disability_aid.certificate.issued", actor=actor, target=certificate, data=record)
    ledger.append(kind="disability_aid.certificate.issued", subject=certificate, actor=actor, digest=_digest(record),
                  data=record)
    suspect = _lock(application.suspect)
    suspect.status = SuspectStatus.CERTIFIED
    suspect.save(update_fields=["status", "updated_at"])
    _step(suspect, "certify", actor=actor)
    events.publish("disability_aid.certificate.issued", certificate_id=certificate.pk, person=person.key,
                   category=certificate.category, grade=certificate.grade)
    return certificate


@transaction.atomic
def register_hospital(*, organization, region, categories: str, daily_capacity: int, actor) -> DesignatedHospital:
    """Designate a hospital for disability assessment of ``categories`` (digits 1–7) in ``region``."""
    _require(actor, "disability_aid.hospital.designate")
    categories = "".join(sorted(set(str(categories or ""))))
    if not categories or any(c not in Category.values for c in categories):
        raise ValidationError({"categories": _("评定类别：须为 1–7 的数字组合")}, code="invalid")
    if int(daily_capacity) < 1:
        raise ValidationError({"daily_capacity": _("每个工作日评定名额：至少 1 个")}, code="invalid")
    hospital, _created = DesignatedHospital.objects.update_or_create(
        organization=organization, defaults={"region": region, "categories": categories,
                                             "daily_capacity": int(daily_capacity)})
    audit.record("disability_aid.hospital.designated", actor=_user(actor), target=hospital,
                 data={"categories": categories, "daily_capacity": int(daily_capacity)})
    return hospital


def log_person_read(person: Person, *, actor, what: str) -> None:
    """Write a read of the person's record by staff to the access log the person can be shown."""
    audit.record("disability_aid.person.read", actor=_user(actor), target=person, data={"what": what})
