"""The proactive unemployment benefit (无感智办): detection, the person's answer, the clerk's decision, paid months."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import User, require
from zhili.core.notify.api import send_in_app, send_sms
from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code

from .. import rules
from ..choices import DISPUTABLE_FACTS, ClaimStatus, PaymentStatus, SeparationReason
from ..models import BenefitClaim, BenefitPayment
from .common import digest as _digest
from .common import evidence as _evidence

POLICY = "unemployment_benefit"
CORRECTION_CASE = "small_matters.fact_correction"
BENEFIT_OFFICE = "人力资源和社会保障局"


# ------------------------------------------------------------------ unemployment benefit: detection

@dataclass
class DetectionReport:
    """What one detection run found (new claims only; a stop already seen is not claimed twice)."""

    on: dt.date
    persons: int = 0
    eligible: int = 0
    not_qualified: int = 0
    already_known: int = 0
    unknown_region: int = 0
    notified: int = 0
    claims: list = field(default_factory=list)


def detection_facts(on: dt.date, *, con=None) -> list[dict]:
    """The facts of every person whose insurance stopped within the window before ``on`` (from the data pool)."""
    from zhili.core.datapool.api import connect

    from ..facts import dataset_tables, person_facts

    own = con is None
    con = connect("duckdb") if own else con
    try:
        table = person_facts(*dataset_tables(con), on, rules.claim_window_days(on))
        return table.order_by("person_key").to_pyarrow().to_pylist()
    finally:
        if own:
            con.disconnect()


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _prefilled(row: dict) -> dict:
    """The facts shown to the person for confirmation (JSON-safe)."""
    reason = row.get("separation_reason")
    return {"employer_name": row["employer_name"], "employer_uscc": row["employer_uscc"],
            "stop_date": _plain(row["stop_date"]), "contribution_months": int(row["contribution_months"]),
            "separation_reason": reason,
            "separation_reason_label": str(SeparationReason(reason).label) if reason in SeparationReason.values else "",
            "registered_on": _plain(row.get("registered_on")), "registered_unemployed": bool(row["registered_unemployed"]),
            "reemployed": bool(row["reemployed"]), "unused_months": int(row.get("unused_months") or 0)}


@transaction.atomic
def detect_unemployment_benefits(*, on: dt.date | None = None, actor, rows: list[dict] | None = None) -> DetectionReport:
    """Find everyone whose insurance stopped within the window, decide the benefit on core.policy and record a
    claim per stop: the eligible are notified to confirm their pre-filled facts, the others told why not."""
    from zhili.core.policy.api import decide

    if not isinstance(actor, str):
        require(actor, "small_matters.benefit.detect")
    on = on or timezone.localdate()
    rows = detection_facts(on) if rows is None else rows
    domain = rules.domain()
    policy = domain.policies[POLICY]
    report = DetectionReport(on=on, persons=len(rows))
    known = set(BenefitClaim.objects.filter(person_key__in=[r["person_key"] for r in rows])
                .values_list("person_key", "stop_date"))
    monthly = rules.benefit_monthly(on)
    for row in rows:
        if (row["person_key"], row["stop_date"]) in known:
            report.already_known += 1
            continue
        region = region_by_code(row["region_code"])
        if region is None:
            report.unknown_region += 1
            continue
        facts = {name: row.get(name) for name in domain.facts["person"]}
        decision = decide(domain, policy, facts, on=on)
        eligible = decision.eligible is True
        claim = BenefitClaim.objects.create(
            person_key=row["person_key"], person=User.objects.filter(id_number_index=row["person_key"]).first(),
            name=row["name"], region=region, stop_date=row["stop_date"], facts=_prefilled(row),
            decision=decision.as_dict(), detected_on=on,
            status=ClaimStatus.NOTIFIED if eligible else ClaimStatus.NOT_QUALIFIED,
            months=rules.benefit_months(row["contribution_years"], row.get("unused_months"), on) if eligible else 0,
            monthly_amount=monthly if eligible else None)
        report.claims.append(claim)
        if eligible:
            report.eligible += 1
        else:
            report.not_qualified += 1
        audit.record("small_matters.claim.detected", actor=actor, target=claim,
                     data={"status": claim.status, "months": claim.months, "summary": decision.summary()})
        if claim.person is not None:
            _notify_detected(claim, actor)
            report.notified += 1
        events.publish("small_matters.claim.detected", claim_id=claim.pk, status=claim.status)
    return report


def _notify_detected(claim: BenefitClaim, actor) -> None:
    from django.urls import reverse

    link = reverse("small_matters:claim_detail", args=[claim.pk])
    if claim.status == ClaimStatus.NOTIFIED:
        params = {"name": claim.masked_name, "months": claim.months, "amount": str(claim.monthly_amount), "link": link}
        send_in_app(claim.person, "small_matters_benefit_found", params, dedup_key=f"sm-claim-{claim.pk}", actor=actor)
        if claim.person.phone:
            send_sms(claim.person.phone, "small_matters_benefit_found", params, recipient=claim.person,
                     dedup_key=f"sm-claim-sms-{claim.pk}", actor=actor)
    else:
        send_in_app(claim.person, "small_matters_benefit_not_qualified",
                    {"summary": claim.decision.get("summary", ""), "link": link},
                    dedup_key=f"sm-claim-{claim.pk}", actor=actor)


# ------------------------------------------------------------------ the person's answer

def _answerable(claim: BenefitClaim, actor) -> BenefitClaim:
    require(actor, "small_matters.claim.answer", claim)
    claim = BenefitClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.NOTIFIED:
        raise ValidationError({"status": _("当前状态为「{status}」，不能再确认或提出异议").format(
            status=claim.status_choice.label)}, code="not_open")
    return claim


@transaction.atomic
def confirm_claim(claim: BenefitClaim, *, actor) -> BenefitClaim:
    """The person confirms the pre-filled facts (nothing to fill); the claim goes to the clerk's review."""
    claim = _answerable(claim, actor)
    claim.status, claim.confirmed_at = ClaimStatus.CONFIRMED, timezone.now()
    claim.save(update_fields=["status", "confirmed_at", "updated_at"])
    data = {"claim": claim.pk, "facts_sha256": _digest(claim.facts), "confirmed_at": claim.confirmed_at.isoformat()}
    audit.record("small_matters.claim.confirmed", actor=actor, target=claim, data=data)
    _evidence("small_matters.claim.confirmed", claim, actor, data)
    events.publish("small_matters.claim.confirmed", claim_id=claim.pk)
    return claim


@transaction.atomic
def dispute_claim(claim: BenefitClaim, *, fact: str, correct_value: str, reason: str = "", actor) -> BenefitClaim:
    """The person disputes one pre-filled fact: a correction case goes to the benefit office, nothing is kept
    silently; the claim waits for the corrected data."""
    if fact not in DISPUTABLE_FACTS:
        raise ValidationError({"fact": _("请选择有异议的信息（{choices}）").format(
            choices="、".join(str(v) for v in DISPUTABLE_FACTS.values()))}, code="invalid")
    correct_value = (correct_value or "").strip()
    if not correct_value:
        raise ValidationError({"correct_value": _("请填写正确的信息")}, code="required")
    claim = _answerable(claim, actor)
    label = DISPUTABLE_FACTS[fact]
    office = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=BENEFIT_OFFICE, region=claim.region)
              .first())
    case = open_case(CORRECTION_CASE, title=_("失业保险金预填信息更正：{fact}").format(fact=label)[:200],
                     region=claim.region, actor=actor, requester=actor, subject=claim, organization=office,
                     description=_("预填：{shown}\n本人主张：{claimed}\n{reason}").format(
                         shown=claim.facts.get(fact), claimed=correct_value[:200], reason=(reason or "")[:500]))
    claim.status, claim.correction_case = ClaimStatus.DISPUTED, case
    claim.save(update_fields=["status", "correction_case", "updated_at"])
    audit.record("small_matters.claim.disputed", actor=actor, target=claim, data={"fact": fact, "case": case.number})
    events.publish("small_matters.claim.disputed", claim_id=claim.pk, case_id=case.pk)
    return claim


# ------------------------------------------------------------------ the clerk's decision

def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


@transaction.atomic
def decide_claim(claim: BenefitClaim, *, approve: bool, actor, note: str = "") -> BenefitClaim:
    """Approve a confirmed claim (its payment months recorded, ledgered) or reject it with a reason."""
    require(actor, "small_matters.claim.decide", claim)
    claim = BenefitClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != ClaimStatus.CONFIRMED:
        raise ValidationError({"status": _("当前状态为「{status}」，只有本人已确认的才能审核").format(
            status=claim.status_choice.label)}, code="not_confirmed")
    note = (note or "").strip()[:500]
    if not approve and not note:
        raise ValidationError({"note": _("不予核准须写明理由")}, code="required")
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decided_by, claim.decided_at, claim.note = actor, timezone.now(), note
    claim.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])
    months = []
    if approve:
        start = _month_start(dt.date.fromisoformat(claim.facts.get("registered_on") or claim.facts["stop_date"]))
        months = [add_months(start, i) for i in range(claim.months)]
        BenefitPayment.objects.bulk_create([BenefitPayment(claim=claim, month=m, amount=claim.monthly_amount)
                                            for m in months])
    data = {"claim": claim.pk, "status": claim.status, "months": len(months),
            "first_month": months[0].isoformat() if months else None,
            "monthly_amount": str(claim.monthly_amount) if approve else None,
            "total": str(claim.total_amount) if approve else None, "note": note,
            "decision_sha256": _digest(claim.decision)}
    audit.record("small_matters.claim.decided", actor=actor, target=claim, data=data)
    _evidence("small_matters.claim.decided", claim, actor, data)
    if claim.person is not None:
        send_in_app(claim.person, "small_matters_benefit_decided",
                    {"status": str(claim.status_choice.label), "note": note or "—"},
                    dedup_key=f"sm-claim-decided-{claim.pk}", actor=actor)
    events.publish("small_matters.claim.decided", claim_id=claim.pk, status=claim.status)
    return claim


@transaction.atomic
def pay_benefit_month(claim: BenefitClaim, month: dt.date, *, actor) -> BenefitPayment:
    """Record one scheduled month of an approved claim as paid (the month's payment run), in the ledger."""
    require(actor, "small_matters.claim.decide", claim)
    payment = BenefitPayment.objects.select_for_update().filter(claim=claim, month=_month_start(month)).first()
    if payment is None or payment.status != PaymentStatus.SCHEDULED:
        raise ValidationError({"month": _("{month} 没有待发放的失业保险金").format(month=month.strftime("%Y-%m"))},
                              code="not_scheduled")
    payment.status, payment.paid_at = PaymentStatus.PAID, timezone.now()
    payment.save(update_fields=["status", "paid_at", "updated_at"])
    data = {"claim": claim.pk, "month": payment.month.isoformat(), "amount": str(payment.amount)}
    audit.record("small_matters.payment.paid", actor=actor, target=claim, data=data)
    _evidence("small_matters.payment.paid", claim, actor, data)
    return payment
