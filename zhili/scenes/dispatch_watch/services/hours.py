"""Special working hours (特殊工时): an enterprise applies for 综合计算工时 or 不定时工作制, an officer decides.

An approval carries a decision number and its period; it lapses at the period's end and is renewed by a new
application that names it. Approval decisions are appended to the evidence ledger.
"""

import datetime as dt
import hashlib
import io

from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from ..choices import HoursCycle, HoursKind, HoursStatus
from ..models import SpecialHoursApproval
from ..rules import add_years
from .common import as_count, as_date, officer_department, person, refuse

DECISION_FIELD = "BureauSeal"
DECISION_STATEMENT = "本人以本机关名义作出特殊工时审批决定，并确认对决定书加盖本机关电子印章。"
SEAL_BOX = (360, 90, 540, 170)

MAX_YEARS = 3  # longest period granted at once: local practice, see rules.HOURS_REFERENCE
HOURS_REFERENCE = ("《关于企业实行不定时工作制和综合计算工时工作制的审批办法》（劳部发〔1994〕503号）第四条、第五条；"
                   "批准期限最长3年为本系统设定（各地多为1至3年），未核实统一规定")


@transaction.atomic
def apply_special_hours(organization, *, kind: str, posts: str, workers, period_start, period_end,
                        arrangement: str, cycle: str = "", renews: SpecialHoursApproval | None = None,
                        actor) -> SpecialHoursApproval:
    require(actor, "dispatch_watch.hours.apply", organization)
    if kind not in HoursKind.values:
        refuse("kind", "工时制度：须为综合计算工时工作制或不定时工作制")
    if kind == HoursKind.COMPREHENSIVE and cycle not in HoursCycle.values:
        refuse("cycle", "综合计算周期：实行综合计算工时须选择周、月、季或年（劳部发〔1994〕503号第五条）", "required")
    start = as_date(period_start, "period_start", "实行期间自")
    end = as_date(period_end, "period_end", "实行期间至")
    if end <= start:
        refuse("period_end", "实行期间至：须晚于实行期间自", "dates_order")
    if end > add_years(start, MAX_YEARS):
        refuse("period_end", f"实行期间至：一次批准期限不超过 {MAX_YEARS} 年（{HOURS_REFERENCE}）", "too_long")
    count = as_count(workers, "workers", "涉及人数")
    if count == 0:
        refuse("workers", "涉及人数：须大于 0")
    posts, arrangement = (posts or "").strip(), (arrangement or "").strip()
    if not posts:
        refuse("posts", "实行岗位：不能为空", "required")
    if not arrangement:
        refuse("arrangement", "工作时间与休息安排：须说明如何保障劳动者休息休假权利", "required")
    if renews is not None and renews.organization_id != organization.pk:
        refuse("renews", "延续自：只能延续本单位的批准")
    approval = SpecialHoursApproval.objects.create(
        organization=organization, region=organization.region, kind=kind,
        cycle=cycle if kind == HoursKind.COMPREHENSIVE else "", posts=posts[:300], workers=count,
        period_start=start, period_end=end, arrangement=arrangement[:4000], applicant=actor, renews=renews)
    audit.record("dispatch_watch.hours.applied", actor=actor, target=approval, data={"kind": kind, "workers": count})
    events.publish("dispatch_watch.hours.applied", approval_id=approval.pk)
    return approval


@transaction.atomic
def decide_special_hours(approval: SpecialHoursApproval, *, approve: bool, note: str = "",
                         actor) -> SpecialHoursApproval:
    require(actor, "dispatch_watch.hours.decide", approval)
    approval = SpecialHoursApproval.objects.select_for_update().get(pk=approval.pk)
    if approval.status != HoursStatus.SUBMITTED:
        refuse("status", "该申请已审批", "already_decided")
    note = (note or "").strip()
    if not approve and not note:
        refuse("note", "审批意见：不予批准须写明理由", "required")
    approval.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    approval.decided_by, approval.decided_at, approval.note = person(actor), timezone.now(), note[:500]
    if approve:
        year = timezone.localdate().year
        sequence = SpecialHoursApproval.objects.filter(decision_no__startswith=f"特工审〔{year}〕").count() + 1
        approval.decision_no = f"特工审〔{year}〕{sequence}号"
    approval.decision_pdf = seal_decision(approval, actor=actor)
    approval.decision_sha256 = hashlib.sha256(approval.decision_pdf).hexdigest()
    approval.save()
    decision = {"approval": approval.pk, "organization": approval.organization.uscc, "kind": approval.kind,
                "status": approval.status, "decision_no": approval.decision_no,
                "period": [approval.period_start.isoformat(), approval.period_end.isoformat()], "note": approval.note,
                "document_sha256": approval.decision_sha256}
    audit.record("dispatch_watch.hours.decided", actor=actor, target=approval, data=decision)
    ledger.append(kind="dispatch_watch.hours.decided", subject=approval, actor=person(actor),
                  digest=approval.decision_sha256, data=decision)
    from zhili.core.notify.api import send_in_app

    send_in_app(approval.applicant, "dispatch_watch_hours_decided", {
        "organization": approval.organization.name, "kind": approval.get_kind_display(), "posts": approval.posts,
        "result": "已批准" if approve else "不予批准",
        "number": f"（{approval.decision_no}）" if approval.decision_no else ""},
        dedup_key=f"dispatch_watch:hours:{approval.pk}", actor=actor)
    events.publish("dispatch_watch.hours.decided", approval_id=approval.pk, status=approval.status)
    return approval


def approval_in_force(organization_uscc: str, day: dt.date) -> SpecialHoursApproval | None:
    """The enterprise's approval in force on ``day``, if any (overtime is then judged against it)."""
    return (SpecialHoursApproval.objects.filter(organization__uscc=organization_uscc, status=HoursStatus.APPROVED,
                                                period_start__lte=day, period_end__gte=day)
            .order_by("-period_end").first())


def render_decision(approval: SpecialHoursApproval, bureau) -> bytes:
    """The decision document (准予／不予特殊工时审批决定书) as PDF, before the seal."""
    from zhili.core.esign.api import render_pdf

    return render_pdf("", {"a": approval, "bureau": bureau, "reference": HOURS_REFERENCE,
                           "day": timezone.localdate()}, template_name="dispatch_watch/hours_decision_pdf.html")


def seal_decision(approval: SpecialHoursApproval, *, actor) -> bytes:
    """Render the decision and seal it with the deciding bureau's certificate (PAdES B-T, visible stamp).

    The officer's platform session is the identity evidence, the decision button with the document's digest the
    intent; the bureau (the officer's department) holds the seal certificate. No department, no decision.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    from zhili.core.esign import api as esign

    bureau = officer_department(actor)
    if bureau is None:
        refuse("decided_by", "审批人：须为本局劳务派遣监管员，决定书以本局名义盖章", "no_department")
    pdf = render_decision(approval, bureau)
    now = timezone.now()
    user = person(actor)
    certificate = esign.issue_organization_certificate(bureau, actor=user)
    verified_at = user.verified_at or user.last_login or now
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": user.pk, "method": user.verification_method or "platform_login",
                           "verified_at": verified_at.isoformat(), "login": "platform_session"},
        intent_evidence={"confirmation_id": f"dispatch_watch.hours:{approval.pk}:{approval.status}",
                         "method": "decision_button", "confirmed_at": now.isoformat(),
                         "document_sha256": hashlib.sha256(pdf).hexdigest(), "statement": DECISION_STATEMENT},
        actor=user)
    pages = int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])
    stamp = f"{bureau.name}\n{approval.decision_no or '特殊工时审批'}\n{esign.chinese_time(now)}"
    return esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="department",
                          field_name=DECISION_FIELD, page=pages - 1, box=SEAL_BOX, stamp_text=stamp,
                          reason="特殊工时审批决定", location=bureau.region.name, subject=approval, actor=user)
