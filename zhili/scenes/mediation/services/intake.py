"""Intake (一站式受理): an application from a worker, an employer, a mediator on a walk-in's behalf, or a referral
from another scene; the other party's invitation by SMS link; accepting, declining and withdrawing."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import pii, validate_mobile, validate_uscc
from zhili.core.identity.api import Role, has_role, organizations_of, require

from ..choices import Channel, ClaimKind, DisputeType, MediationStatus, Side
from ..models import Claim, Mediation, Record
from ..permissions import side_of
from ..rules import mediation_deadline
from .assignment import committee_for
from .common import amount, digest_of, locked, move_case, notify_party, notify_user, person, publish, record

FACTS_MAX_CHARS = 5000
CLAIMS_MAX = 20
INVITE_LINK_DAYS = 15


def _number(today: dt.date) -> str:
    prefix = f"TJ{today:%Y%m%d}"
    last = (Mediation.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


def _claims(claims) -> list[tuple[str, object]]:
    claims = list(claims or [])
    if not claims:
        raise ValidationError({"claims": _("请求事项：至少填写一项")}, code="required")
    if len(claims) > CLAIMS_MAX:
        raise ValidationError({"claims": _("请求事项：不能超过 {n} 项").format(n=CLAIMS_MAX)}, code="too_many")
    checked = []
    for index, claim in enumerate(claims, start=1):
        kind = (claim.get("kind") or "").strip()
        if kind not in ClaimKind.values:
            raise ValidationError({"claims": _("第 {i} 项请求：类型须为 {kinds} 之一").format(
                i=index, kinds="、".join(str(label) for label in ClaimKind.labels))}, code="invalid")
        checked.append((kind, amount(claim.get("amount"), "claims")))
    return checked


def _validated(*, worker_name, worker_phone, employer_name, employer_uscc, employer_phone, dispute_type, facts,
               region) -> dict:
    errors = {}
    values = {"worker_name": (worker_name or "").strip(), "employer_name": (employer_name or "").strip(),
              "employer_uscc": (employer_uscc or "").strip().upper(), "facts": (facts or "").strip(),
              "worker_phone": pii.normalise(worker_phone or ""), "employer_phone": pii.normalise(employer_phone or "")}
    if not values["worker_name"] or len(values["worker_name"]) > 50:
        errors["worker_name"] = _("劳动者姓名：必须填写，且不超过 50 个字")
    for field, label in (("worker_phone", _("劳动者手机号")), ("employer_phone", _("用人单位联系电话"))):
        try:
            validate_mobile(values[field])
        except ValidationError:
            errors[field] = _("{label}：须为 11 位手机号码").format(label=label)
    if not errors.get("worker_phone") and values["worker_phone"] == values["employer_phone"]:
        errors["employer_phone"] = _("用人单位联系电话：不能与劳动者手机号相同")
    if not values["employer_name"] or len(values["employer_name"]) > 200:
        errors["employer_name"] = _("用人单位名称：必须填写，且不超过 200 个字")
    try:
        validate_uscc(values["employer_uscc"])
    except ValidationError:
        errors["employer_uscc"] = _("统一社会信用代码：须为 18 位有效代码（含校验位）")
    if dispute_type not in DisputeType.values:
        errors["dispute_type"] = _("争议类型：须为 {types} 之一").format(
            types="、".join(str(label) for label in DisputeType.labels))
    if not values["facts"]:
        errors["facts"] = _("事实与理由：必须填写")
    elif len(values["facts"]) > FACTS_MAX_CHARS:
        errors["facts"] = _("事实与理由：不能超过 {n} 个字").format(n=FACTS_MAX_CHARS)
    if region is None:
        errors["region"] = _("所在区划：必须选择")
    if errors:
        raise ValidationError(errors, code="invalid")
    return values


def _check_channel(channel: str, applicant_side: str, actor, values: dict, employer) -> None:
    """Each door has its applicant: a worker for themselves, an employer's administrator for it, a mediator or
    the committee for a walk-in, the platform for a referral."""
    if channel == Channel.REFERRAL:
        return
    require(actor, "mediation.apply")
    if channel == Channel.WORKER:
        if applicant_side != Side.WORKER or actor.phone_index != pii.blind_index(values["worker_phone"]):
            raise PermissionDenied(_("劳动者在线申请须使用本人手机号登录，并以本人手机号作为劳动者手机号"))
    elif channel == Channel.EMPLOYER:
        if applicant_side != Side.EMPLOYER or employer is None or \
                employer.pk not in organizations_of(actor, Role.EMPLOYER_ADMIN):
            raise PermissionDenied(_("用人单位在线申请须由该单位的管理员提交"))
    elif channel == Channel.WALK_IN:
        from ..roles import ADMIN

        if not has_role(actor, Role.MEDIATOR, ADMIN):
            raise PermissionDenied(_("口头申请只能由调解员或调解委员会代为登记"))
    else:
        raise ValidationError({"channel": _("受理渠道：未知渠道")}, code="invalid")


def invite_path(mediation: Mediation) -> str:
    return reverse("mediation:invitation", args=[mediation.pk])


@transaction.atomic
def apply_for_mediation(*, channel: str, applicant_side: str, region, worker_name: str, worker_phone: str,
                        employer_name: str, employer_uscc: str, employer_phone: str, dispute_type: str, facts: str,
                        claims, actor, referral: str = "") -> Mediation:
    """Register an application (调解申请): its parties, claims and facts; route it to a mediator by region and
    type (回避 observed); open its case (core.cases); invite the other party by SMS link.

    The 15-day period of LDMAL Art. 14 runs from today, the day of receipt. Nothing is written if any field is
    wrong, and the error names the field and the rule.
    """
    from zhili.core.cases.api import open_case
    from zhili.core.notify import api as notify
    from zhili.core.orgs.api import Organization

    if applicant_side not in Side.values:
        raise ValidationError({"applicant_side": _("申请方：须为劳动者或用人单位")}, code="invalid")
    values = _validated(worker_name=worker_name, worker_phone=worker_phone, employer_name=employer_name,
                        employer_uscc=employer_uscc, employer_phone=employer_phone, dispute_type=dispute_type,
                        facts=facts, region=region)
    checked_claims = _claims(claims)
    employer = Organization.objects.filter(uscc=values["employer_uscc"]).first()
    _check_channel(channel, applicant_side, actor, values, employer)
    today = timezone.localdate()
    actor_user = person(actor)
    mediation = Mediation(
        number=_number(today), region=region, channel=channel, applicant_side=applicant_side, filed_by=actor_user,
        worker_name=values["worker_name"], worker_phone=values["worker_phone"], employer=employer,
        employer_name=values["employer_name"], employer_uscc=values["employer_uscc"],
        employer_phone=values["employer_phone"], dispute_type=dispute_type, facts=values["facts"],
        received_on=today, deadline_on=mediation_deadline(today), referral=(referral or "")[:100])
    if channel == Channel.WORKER:
        mediation.worker = actor_user
    elif channel == Channel.EMPLOYER:
        mediation.employer_contact = actor_user
    committee, mediator = committee_for(mediation)
    if committee is None:
        raise ValidationError({"region": _("所在区划：该区划还没有在册的劳动争议调解组织，请到线下调解组织申请")},
                              code="no_committee")
    mediation.committee, mediation.mediator = committee, mediator
    mediation.save()
    Claim.objects.bulk_create([Claim(mediation=mediation, kind=k, amount=a) for k, a in checked_claims])
    Record.objects.create(mediation=mediation)
    other = Side.EMPLOYER if applicant_side == Side.WORKER else Side.WORKER
    link = notify.make_short_link(invite_path(mediation), expires_in=dt.timedelta(days=INVITE_LINK_DAYS),
                                  actor=actor_user, subject=mediation)
    mediation.invite_url, mediation.invited_at = link.url, timezone.now()
    mediation.case = open_case(
        "mediation.dispute", title=f"{mediation.number} {mediation.employer_name}"[:200], region=region,
        actor=actor_user, subject=mediation, requester=actor_user if channel != Channel.WALK_IN else None,
        organization=committee, assignee=mediator,
        description=f"{DisputeType(dispute_type).label}：{values['facts'][:500]}")
    mediation.save(update_fields=["invite_url", "invited_at", "case", "updated_at"])
    application = {"channel": channel, "applicant_side": applicant_side, "dispute_type": dispute_type,
                   "employer_uscc": mediation.employer_uscc, "facts_sha256": digest_of({"facts": mediation.facts}),
                   "claims": [{"kind": k, "amount": str(a)} for k, a in checked_claims],
                   "received_on": today.isoformat(), "deadline_on": mediation.deadline_on.isoformat(),
                   "referral": mediation.referral}
    record("application.received", mediation, actor=actor, ledger_kind="application.received",
           mediator_id=getattr(mediator, "pk", None), **application)
    notify_party(mediation, other, "mediation_invite", actor=actor, dedup="invite", url=link.url,
                 applicant=str(Side(applicant_side).label))
    if channel in (Channel.WALK_IN, Channel.REFERRAL):
        notify_party(mediation, applicant_side, "mediation_received", actor=actor, dedup="received", url=link.url)
    notify_user(mediator, "mediation_assigned", mediation, actor=actor, dedup=f"assigned:{getattr(mediator, 'pk', 0)}")
    publish("application.received", mediation, channel=channel, dispute_type=dispute_type)
    return mediation


@transaction.atomic
def respond_to_invitation(mediation: Mediation, *, accept: bool, actor, reason: str = "") -> Mediation:
    """The invited party accepts (mediation begins) or declines (the mediation ends as failed: LDMAL Art. 14)."""
    require(actor, "mediation.mediation.respond", mediation)
    mediation = locked(mediation)
    if mediation.status != MediationStatus.INVITED:
        raise ValidationError({"status": _("案件状态为「{s}」，不能再答复邀请").format(s=mediation.status_choice.label)},
                              code="already_answered")
    side = side_of(actor, mediation)
    if side == Side.WORKER and mediation.worker_id is None:
        mediation.worker = actor
    if side == Side.EMPLOYER and mediation.employer_contact_id is None:
        mediation.employer_contact = actor
    mediation.responded_at = timezone.now()
    reason = (reason or "").strip()[:300]
    if accept:
        mediation.status = MediationStatus.MEDIATING
        mediation.save()
        record("invitation.accepted", mediation, actor=actor, ledger_kind="invitation.accepted", side=side)
        if mediation.mediator_id:
            move_case(mediation, "start", actor=actor)
        notify_party(mediation, mediation.applicant_side, "mediation_accepted", actor=actor, dedup="accepted",
                     url=mediation.invite_url)
        publish("invitation.accepted", mediation)
        return mediation
    mediation.status = MediationStatus.FAILED
    mediation.closed_at = timezone.now()
    mediation.outcome_note = _("对方当事人不同意调解{reason}").format(reason=f"：{reason}" if reason else "")[:500]
    mediation.save()
    record("invitation.declined", mediation, actor=actor, ledger_kind="mediation.failed", side=side, reason=reason)
    move_case(mediation, "fail", actor=actor, comment=mediation.outcome_note)
    notify_party(mediation, mediation.applicant_side, "mediation_failed", actor=actor, dedup="failed",
                 reason=mediation.outcome_note)
    publish("mediation.failed", mediation, reason="declined")
    return mediation


@transaction.atomic
def withdraw_application(mediation: Mediation, *, actor, reason: str = "") -> Mediation:
    """The applicant withdraws (撤回申请) while the mediation is open."""
    require(actor, "mediation.mediation.withdraw", mediation)
    mediation = locked(mediation)
    if not mediation.is_open:
        raise ValidationError({"status": _("案件已结案，不能撤回")}, code="closed")
    mediation.status = MediationStatus.WITHDRAWN
    mediation.closed_at = timezone.now()
    mediation.outcome_note = (_("申请人撤回申请：{r}").format(r=reason.strip()) if (reason or "").strip()
                              else _("申请人撤回申请"))[:500]
    mediation.save()
    record("application.withdrawn", mediation, actor=actor, ledger_kind="mediation.withdrawn",
           reason=mediation.outcome_note)
    move_case(mediation, "withdraw", actor=actor, comment=mediation.outcome_note)
    notify_user(mediation.mediator, "mediation_closed", mediation, actor=actor, dedup="closed",
                status=str(mediation.status_choice.label))
    publish("mediation.withdrawn", mediation)
    return mediation
