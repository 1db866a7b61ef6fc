"""How a mediation ends: the agreement (rendered from the case, signed by both parties and the mediator on
core.esign, PAdES B-LTA once complete), failure or withdrawal recorded by the mediator, the 15-day sweep,
performance follow-up of the agreed payments, and the parties' ratings."""

import datetime as dt
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.identity.api import require

from ..choices import AgreementStatus, MediationStatus, Side
from ..models import Agreement, Claim, Mediation, Rating, Record
from ..permissions import is_mediator, keeps_committee_seal, side_of
from ..rules import rule
from ..seal import seal_png
from .common import amount, locked, move_case, notify_party, notify_user, publish, record, sha256

SIGNERS = ("worker", "employer", "mediator")
# Signature boxes on the agreement's last page (points from the bottom-left of an A4 page).
SIGNATURE_BOXES = {"worker": (60, 470, 270, 540), "employer": (320, 470, 535, 540), "mediator": (60, 340, 270, 410)}
SIGNER_LABELS = {"worker": "劳动者（签名）", "employer": "用人单位（签名或盖章）", "mediator": "调解员（签名）"}
SEAL_BOX = (320, 330, 430, 440)  # the committee's round seal, beside the mediator's signature
SEAL_STATEMENT = "本人受调解委员会授权，确认以本委员会名义对本调解协议书加盖电子印章。"
TERMS_MAX_CHARS = 3000
AGREEMENT_STATEMENT = "本人已阅读本调解协议书全部内容，确认协议内容是本人真实意思表示，同意以电子签名方式签署。"


def _page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf), strict=False).root["/Pages"]["/Count"])


def render_agreement(mediation: Mediation, terms: str) -> bytes:
    """The agreement as PDF (parties, claims asked and agreed, dates, terms, the record's digest, the legal effect)."""
    from zhili.core.esign.api import render_pdf

    rec = Record.objects.filter(mediation=mediation).first()
    context = {"m": mediation, "claims": list(mediation.claims.all()), "terms": terms, "record": rec,
               "mediator": mediation.mediator, "committee": mediation.committee,
               "confirmation_days": rule("judicial_confirmation_days", timezone.localdate()),
               "labels": SIGNER_LABELS, "today": timezone.localdate()}
    return render_pdf("", context, template_name="mediation/agreement_pdf.html")


def _require_mediating(mediation: Mediation) -> None:
    if mediation.status != MediationStatus.MEDIATING:
        raise ValidationError({"status": _("案件状态为「{s}」，不能办理此事项").format(s=mediation.status_choice.label)},
                              code="not_mediating")


@transaction.atomic
def draft_agreement(mediation: Mediation, *, agreed: dict, terms: str, actor) -> Agreement:
    """The mediator sets the agreed amount and due date of each claim and the performance terms, and the
    agreement is rendered for signing. ``agreed`` maps a claim's id to ``(amount, due_on)`` (amount 0 or
    empty: the claim is given up). Allowed again until the first signature; the record must be confirmed."""
    require(actor, "mediation.mediation.mediate", mediation)
    if not is_mediator(actor, mediation):
        raise PermissionDenied(_("只有本案调解员可以制作调解协议"))
    mediation = locked(mediation)
    _require_mediating(mediation)
    rec = Record.objects.get(mediation=mediation)
    if not rec.fully_confirmed:
        raise ValidationError({"record": _("调解笔录须经双方当事人确认后，才能据以制作调解协议")}, code="record_unconfirmed")
    existing = Agreement.objects.select_for_update().filter(mediation=mediation).first()
    if existing is not None and any(existing.signed_at(r) for r in SIGNERS):
        raise ValidationError({"agreement": _("调解协议已有人签署，不能再修改")}, code="signing_started")
    terms = (terms or "").strip()
    if len(terms) > TERMS_MAX_CHARS:
        raise ValidationError({"terms": _("履行方式及其他约定：不能超过 {n} 个字").format(n=TERMS_MAX_CHARS)},
                              code="too_long")
    claims = list(Claim.objects.select_for_update().filter(mediation=mediation))
    unknown = {str(k) for k in agreed} - {str(c.pk) for c in claims}
    if unknown:
        raise ValidationError({"agreed": _("请求事项 {ids} 不属于本案").format(ids="、".join(sorted(unknown)))},
                              code="unknown_claim")
    today = timezone.localdate()
    any_amount = False
    for claim in claims:
        value, due_on = agreed.get(claim.pk) or agreed.get(str(claim.pk)) or (None, None)
        if value in (None, "", 0, "0"):
            claim.agreed_amount, claim.due_on = None, None
        else:
            claim.agreed_amount = amount(value, f"agreed_{claim.pk}")
            if not isinstance(due_on, dt.date):
                raise ValidationError({f"due_{claim.pk}": _("履行日期：有协议金额的事项必须填写履行日期")}, code="required")
            if due_on < today:
                raise ValidationError({f"due_{claim.pk}": _("履行日期：不能早于今天")}, code="past")
            claim.due_on = due_on
            any_amount = True
        claim.save(update_fields=["agreed_amount", "due_on", "updated_at"])
    if not any_amount and not terms:
        raise ValidationError({"terms": _("调解协议须至少约定一项金额或写明其他约定")}, code="empty")
    mediation.refresh_from_db()
    pdf = render_agreement(mediation, terms)
    digest = sha256(pdf)
    if existing is None:
        agreement = Agreement.objects.create(mediation=mediation, terms=terms, pdf=pdf, sha256=digest,
                                             unsigned_sha256=digest)
    else:
        agreement = existing
        agreement.terms, agreement.pdf, agreement.sha256, agreement.unsigned_sha256 = terms, pdf, digest, digest
        agreement.save()
    record("agreement.drafted", mediation, actor=actor, sha256=digest,
           agreed={str(c.pk): str(c.agreed_amount or 0) for c in claims})
    for side in (Side.WORKER, Side.EMPLOYER):
        notify_party(mediation, side, "mediation_agreement_ready", actor=actor, dedup=f"agreement:{digest[:12]}",
                     url=mediation.invite_url)
    return agreement


def signer_role(user, mediation: Mediation) -> str | None:
    if is_mediator(user, mediation):
        return "mediator"
    return side_of(user, mediation)


@transaction.atomic
def sign_agreement(agreement: Agreement, *, actor, agreed: bool, document_sha256: str) -> Agreement:
    """One signer signs the agreement they were shown (its SHA-256), with their own certificate (PAdES B-T).

    The parties sign first, the mediator after them; the committee's seal (``seal_agreement``) then makes the
    agreement effective.
    """
    from zhili.core.esign import api as esign

    mediation = locked(agreement.mediation)
    role = signer_role(actor, mediation)
    if role is None:
        raise PermissionDenied(_("只有本案当事人和调解员可以签署调解协议"))
    _require_mediating(mediation)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreed:
        raise ValidationError({"agree": _("签署意愿：请勾选确认后再签署")}, code="not_agreed")
    if (document_sha256 or "").strip().lower() != agreement.sha256:
        raise ValidationError({"document_sha256": _("协议文件已变化，请重新阅读后再签署")}, code="document_changed")
    if agreement.signed_at(role):
        raise ValidationError({"agreement": _("您已签署本协议")}, code="already_signed")
    if role == "mediator" and not (agreement.worker_signed_at and agreement.employer_signed_at):
        raise ValidationError({"agreement": _("双方当事人签署后，调解员再签署")}, code="parties_first")
    if not actor.is_verified:
        raise ValidationError({"identity": _("签署前须完成实名认证（姓名与身份证号码）")}, code="not_verified")
    now = timezone.now()
    certificate = esign.issue_person_certificate(actor, actor=actor)
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method,
                           "verified_at": actor.verified_at.isoformat(), "login": "sms_otp"},
        intent_evidence={"confirmation_id": f"mediation.agreement:{agreement.pk}:{role}", "method": "checkbox",
                         "confirmed_at": now.isoformat(), "document_sha256": agreement.sha256,
                         "statement": AGREEMENT_STATEMENT}, actor=actor)
    pdf = bytes(agreement.pdf)
    stamp = _("{label}：{name}\n签署时间：{time}").format(label=SIGNER_LABELS[role], name=actor.name,
                                                      time=esign.chinese_time(now))
    signed = esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role=role,
                            field_name=f"Mediation{role.title()}Signature", page=_page_count(pdf) - 1,
                            box=SIGNATURE_BOXES[role], stamp_text=stamp, reason=_("签署劳动争议调解协议"),
                            subject=agreement, actor=actor)
    setattr(agreement, f"{role}_signed_at", now)
    agreement.pdf, agreement.sha256 = signed, sha256(signed)
    record("agreement.signed", mediation, actor=actor, ledger_kind="agreement.signed", role=role,
           sha256=agreement.sha256, certificate=certificate.serial_number)
    agreement.save()
    return agreement


@transaction.atomic
def seal_agreement(agreement: Agreement, *, actor, confirmed: bool) -> Agreement:
    """加盖调解组织印章: after the mediator's signature, a seal keeper (印章管理员) of the committee seals the
    agreement with the committee's organisation certificate (core.esign checks the seal-keeper membership again).
    The seal makes the agreement effective (LDMAL Art. 14: signed by the parties, signed by the mediator and
    sealed by the mediation organisation): B-LTA, the case closed as settled, both parties told by SMS."""
    from zhili.core.esign import api as esign

    mediation = locked(agreement.mediation)
    if not keeps_committee_seal(actor, mediation):
        raise PermissionDenied(_("只有本调解委员会的印章管理员可以加盖调解委员会印章"))
    _require_mediating(mediation)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.mediator_signed_at:
        raise ValidationError({"agreement": _("调解员签署后，再加盖调解委员会印章")}, code="mediator_first")
    if agreement.sealed_at:
        raise ValidationError({"agreement": _("本协议已加盖调解委员会印章")}, code="already_sealed")
    if not confirmed:
        raise ValidationError({"confirm": _("确认用印：请勾选确认以本委员会名义加盖电子印章")}, code="not_confirmed")
    now = timezone.now()
    committee = mediation.committee
    certificate = esign.issue_organization_certificate(committee, actor=actor)
    verified_at = actor.verified_at or actor.last_login or now
    authorization = esign.authorize_key_use(
        certificate,
        identity_evidence={"user_id": actor.pk, "method": actor.verification_method or "platform_login",
                           "verified_at": verified_at.isoformat(), "login": "platform_session"},
        intent_evidence={"confirmation_id": f"mediation.agreement:{agreement.pk}:seal", "method": "checkbox_confirm_seal",
                         "confirmed_at": now.isoformat(), "document_sha256": agreement.sha256,
                         "statement": SEAL_STATEMENT}, actor=actor)
    pdf = bytes(agreement.pdf)
    # the seal's appearance is the committee's round seal drawn from its name; the signature with the committee's
    # certificate under it is what seals
    sealed = esign.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="committee",
                            field_name="MediationCommitteeSeal", page=_page_count(pdf) - 1, box=SEAL_BOX,
                            stamp_image=seal_png(committee.name), reason=_("加盖调解组织印章"), subject=agreement,
                            actor=actor)
    agreement.sealed_at = now
    agreement.pdf, agreement.sha256 = sealed, sha256(sealed)
    record("agreement.sealed", mediation, actor=actor, ledger_kind="agreement.sealed", sha256=agreement.sha256,
           certificate=certificate.serial_number, committee=committee.name)
    completed = esign.complete_document(sealed)
    agreement.pdf, agreement.sha256 = completed, sha256(completed)
    agreement.status, agreement.effective_at = AgreementStatus.EFFECTIVE, now
    agreement.save()
    # the case's settle step is the mediator's (core.cases lets the assignee take it); the audit names the keeper
    _close(mediation, MediationStatus.SETTLED, actor=mediation.mediator, note=_("达成调解协议"))
    record("agreement.effective", mediation, actor=actor, ledger_kind="agreement.effective", sha256=agreement.sha256)
    for side in (Side.WORKER, Side.EMPLOYER):
        notify_party(mediation, side, "mediation_settled", actor=actor, dedup="settled", url=mediation.invite_url)
    publish("mediation.settled", mediation, recovered=str(sum((c.agreed_amount or 0) for c in mediation.claims.all())))
    return agreement


def _close(mediation: Mediation, status: str, *, actor, note: str) -> None:
    from zhili.core.live import api as live

    from .room import channel_key

    mediation.status, mediation.closed_at, mediation.outcome_note = status, timezone.now(), note[:500]
    mediation.save(update_fields=["status", "closed_at", "outcome_note", "updated_at"])
    transition = {MediationStatus.SETTLED: "settle", MediationStatus.FAILED: "fail",
                  MediationStatus.WITHDRAWN: "withdraw"}[status]
    move_case(mediation, transition, actor=actor, comment=note)
    for session in ("joint", "worker", "employer"):
        channel = live.channel_by_key(channel_key(mediation, session))
        if channel is not None:
            live.close_channel(channel, actor=actor)


@transaction.atomic
def close_mediation(mediation: Mediation, *, outcome: str, note: str, actor) -> Mediation:
    """The mediator ends the mediation without agreement (调解不成) or records a withdrawal (撤回)."""
    require(actor, "mediation.mediation.mediate", mediation)
    if outcome not in (MediationStatus.FAILED, MediationStatus.WITHDRAWN):
        raise ValidationError({"outcome": _("结案方式：须为调解不成或撤回（调解成功以签署调解协议结案）")}, code="invalid")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("结案说明：必须填写")}, code="required")
    mediation = locked(mediation)
    if not mediation.is_open:
        raise ValidationError({"status": _("案件已结案")}, code="closed")
    _close(mediation, outcome, actor=actor, note=note)
    record("mediation.closed", mediation, actor=actor, ledger_kind=f"mediation.{outcome}", outcome=outcome, note=note)
    if outcome == MediationStatus.FAILED:
        for side in (Side.WORKER, Side.EMPLOYER):
            notify_party(mediation, side, "mediation_failed", actor=actor, dedup="failed", reason=note)
    publish(f"mediation.{outcome}", mediation, reason="mediator")
    return mediation


def expire_mediations(today: dt.date | None = None) -> list[str]:
    """The daily sweep: a mediation still open after its legal period (15 days, LDMAL Art. 14) ends as failed and
    both parties are told they may apply for arbitration. Returns the numbers closed."""
    today = today or timezone.localdate()
    closed = []
    for pk in Mediation.objects.filter(status__in=(MediationStatus.INVITED, MediationStatus.MEDIATING),
                                       deadline_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            mediation = Mediation.objects.select_for_update().get(pk=pk)
            if not mediation.is_open or mediation.deadline_on >= today:
                continue
            basis = rule("mediation_days", mediation.received_on)
            note = _("自收到调解申请之日起 {days} 日内未达成调解协议（{ref}），当事人可以依法申请仲裁").format(
                days=basis.value, ref=basis.reference)
            # The case's step is taken in the mediator's name (core.cases needs a person); the audit entry of the
            # mediation names the platform's sweep.
            _close(mediation, MediationStatus.FAILED, actor=mediation.mediator, note=note)
            record("mediation.expired", mediation, actor=None, ledger_kind="mediation.failed", note=note,
                   deadline_on=mediation.deadline_on.isoformat())
            for side in (Side.WORKER, Side.EMPLOYER):
                notify_party(mediation, side, "mediation_failed", actor=None, dedup="failed", reason=note)
            publish("mediation.failed", mediation, reason="expired")
            closed.append(mediation.number)
    return closed


@transaction.atomic
def record_payment(claim: Claim, *, paid_on: dt.date, actor) -> Claim:
    """The worker (or the mediator) records that an agreed payment was made."""
    mediation = claim.mediation
    if side_of(actor, mediation) != Side.WORKER and not is_mediator(actor, mediation):
        raise PermissionDenied(_("只有劳动者本人或调解员可以登记履行情况"))
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if mediation.status != MediationStatus.SETTLED or claim.agreed_amount is None:
        raise ValidationError({"claim": _("该事项没有生效的协议金额")}, code="not_agreed")
    if claim.paid_on is not None:
        raise ValidationError({"paid_on": _("该事项已登记履行")}, code="already_paid")
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("履行日期：不能晚于今天")}, code="future")
    claim.paid_on = paid_on
    claim.save(update_fields=["paid_on", "updated_at"])
    record("payment.recorded", mediation, actor=actor, ledger_kind="payment.recorded", claim_id=claim.pk,
           amount=str(claim.agreed_amount), paid_on=paid_on.isoformat())
    return claim


def check_performance(today: dt.date | None = None) -> list[int]:
    """The daily check of agreed payments: a missed due date tells the worker and the mediator that help
    continues (arbitration, or a court payment order on the agreement: LDMAL Arts. 15–16), once per claim."""
    today = today or timezone.localdate()
    missed = []
    for claim in (Claim.objects.filter(mediation__status=MediationStatus.SETTLED, agreed_amount__isnull=False,
                                       paid_on__isnull=True, due_on__lt=today).select_related("mediation")):
        mediation = claim.mediation
        with transaction.atomic():
            notify_party(mediation, Side.WORKER, "mediation_payment_missed", actor=None, dedup=f"missed:{claim.pk}",
                         amount=str(claim.agreed_amount), due_on=claim.due_on.isoformat())
            notify_user(mediation.mediator, "mediation_payment_missed", mediation, actor=None,
                        dedup=f"missed:{claim.pk}", amount=str(claim.agreed_amount), due_on=claim.due_on.isoformat())
            publish("agreement.breached", mediation, claim_id=claim.pk)
        missed.append(claim.pk)
    return missed


@transaction.atomic
def rate_mediation(mediation: Mediation, *, process: int, result: int, mediator_score: int, comment: str = "",
                   actor) -> Rating:
    """A party rates the process, the result and the mediator (1–5 each), once, after the case closed."""
    side = side_of(actor, mediation)
    if side is None:
        raise PermissionDenied(_("只有本案当事人可以评价"))
    if mediation.status not in (MediationStatus.SETTLED, MediationStatus.FAILED):
        raise ValidationError({"status": _("调解结案后才能评价")}, code="not_closed")
    scores = {}
    for field, value in (("process", process), ("result", result), ("mediator_score", mediator_score)):
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 5:
            raise ValidationError({field: _("评分：须为 1 至 5 的整数")}, code="invalid")
        scores[field] = number
    if Rating.objects.filter(mediation=mediation, side=side).exists():
        raise ValidationError({"rating": _("您已评价过本案")}, code="already_rated")
    rating = Rating.objects.create(mediation=mediation, user=actor, side=side, comment=(comment or "")[:500], **scores)
    record("mediation.rated", mediation, actor=actor, side=side, **scores)
    publish("mediation.rated", mediation, side=side, **scores)
    return rating
