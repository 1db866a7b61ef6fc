"""Deputies' motions (议案) and suggestions (代表建议) with the statutory rules as dated parameters.

A motion needs the statutory number of deputies (ten at the county level and up, five at a township's, the lead
deputy included; or a delegation where the rules allow); the presidium places it on the agenda, turns it into a
suggestion, or does not place it and says why. A suggestion is answered within three months of assignment
(代表法 Art. 49), at most six where the matter is broad or complex, and within one month of the deputy's 不满意
evaluation when handled again. A unit that finds a suggestion is not its own returns it within ten days; the office
assigns it again and the period runs from the new assignment."""

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.orgs.api import OrganizationKind

from ..choices import AnswerClass, CongressLevel, MotionDecision, ProposalKind, SuggestionStatus, Verdict
from ..models import CoHandling, CosignInvitation, Suggestion
from ..rules import parameter
from .common import evidence, required


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day), as periods in months are read."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _own_draft(suggestion, actor) -> Suggestion:
    require(actor, "deputy_duty.deputy.act", suggestion.deputy)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.DRAFT:
        raise ValidationError({"status": _("建议已提交，不能再修改")}, code="invalid_state")
    return suggestion


def _invitees(deputy, cosigners) -> list:
    cosigners = [d for d in cosigners if d.pk != deputy.pk]
    if any(d.congress_id != deputy.congress_id or not d.active for d in cosigners):
        raise ValidationError({"cosigners": _("附议代表：须为本级人大在任代表")}, code="invalid")
    return cosigners


@transaction.atomic
def draft_suggestion(*, deputy, title: str, text: str, cosigners=(), kind: str = ProposalKind.SUGGESTION,
                     by_delegation: bool = False, actor) -> Suggestion:
    """A deputy drafts a suggestion or a motion (``kind``) and invites fellow deputies of the same congress to
    co-sign (附议 / 联名); ``by_delegation``: a motion filed in the name of the deputy's delegation."""
    require(actor, "deputy_duty.deputy.act", deputy)
    if kind not in ProposalKind.values:
        raise ValidationError({"kind": _("类别：须为议案或建议")}, code="invalid")
    if by_delegation and kind != ProposalKind.MOTION:
        raise ValidationError({"by_delegation": _("以代表团名义：只适用于议案")}, code="invalid")
    invitees = _invitees(deputy, cosigners)
    suggestion = Suggestion.objects.create(deputy=deputy, status=SuggestionStatus.DRAFT, kind=kind,
                                           by_delegation=bool(by_delegation),
                                           title=required(title, "title", _("标题"), 100),
                                           text=required(text, "text", _("内容"), 5000))
    CosignInvitation.objects.bulk_create(CosignInvitation(suggestion=suggestion, deputy=d) for d in invitees)
    audit.record("deputy_duty.suggestion.drafted", actor=actor, target=suggestion,
                 data={"kind": kind, "by_delegation": suggestion.by_delegation, "invited": [d.pk for d in invitees]})
    return suggestion


def motion_threshold(congress, day: dt.date):
    """The statutory number of deputies a motion of ``congress`` needs on ``day`` (the lead deputy included)."""
    name = "motion_cosigners_township" if congress.level == CongressLevel.TOWNSHIP else "motion_cosigners_county"
    return parameter(name, day)


def _check_motion_signers(suggestion: Suggestion, day: dt.date) -> dict:
    """Refuse a motion without the statutory signers, naming the rule; the facts checked, for the audit."""
    congress = suggestion.deputy.congress
    if suggestion.by_delegation:
        allowed = parameter("motion_by_delegation", day)
        if congress.level == CongressLevel.TOWNSHIP or not allowed.value:
            raise ValidationError({"by_delegation": _("以代表团名义：本级人大的代表团不能提出议案（{ref}）").format(
                ref=allowed.reference)}, code="not_allowed")
        return {"delegation": suggestion.deputy.delegation, "reference": allowed.reference}
    needed = motion_threshold(congress, day)
    signers = 1 + suggestion.cosigners.count()
    if signers < needed.value:
        raise ValidationError({"cosigners": _("联名代表：议案须由本级人大代表 {n} 人以上联名提出（含领衔代表），"
                                              "现有 {m} 人已确认").format(n=needed.value, m=signers)},
                              code="too_few_signers")
    return {"signers": signers, "needed": needed.value, "reference": needed.reference}


@transaction.atomic
def answer_invitation(suggestion: Suggestion, *, confirm: bool, actor) -> CosignInvitation:
    """An invited deputy confirms (附议) or declines; only a confirmed deputy becomes a co-signer."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    invitation = (CosignInvitation.objects.select_for_update().select_related("deputy")
                  .filter(suggestion=suggestion, deputy__user=actor, confirmed_at=None, declined_at=None).first())
    if invitation is None:
        raise PermissionDenied(_("没有待您确认的附议邀请"))
    require(actor, "deputy_duty.deputy.act", invitation.deputy)
    if suggestion.status != SuggestionStatus.DRAFT:
        raise ValidationError({"status": _("建议已提交，附议邀请已结束")}, code="invalid_state")
    now = timezone.now()
    if confirm:
        invitation.confirmed_at = now
        suggestion.cosigners.add(invitation.deputy)
    else:
        invitation.declined_at = now
    invitation.save()
    audit.record("deputy_duty.suggestion.cosign_" + ("confirmed" if confirm else "declined"), actor=actor,
                 target=suggestion, data={"deputy": invitation.deputy_id})
    return invitation


@transaction.atomic
def submit_suggestion(suggestion: Suggestion, *, actor) -> Suggestion:
    """The lead deputy submits the draft; invitations not yet answered lapse (only confirmed co-signers count)."""
    suggestion = _own_draft(suggestion, actor)
    checked = (_check_motion_signers(suggestion, timezone.localdate())
               if suggestion.kind == ProposalKind.MOTION else {})
    lapsed = list(suggestion.invitations.filter(confirmed_at=None, declined_at=None).values_list("deputy", flat=True))
    suggestion.invitations.filter(deputy__in=lapsed).delete()
    suggestion.status, suggestion.review_note = SuggestionStatus.SUBMITTED, ""
    suggestion.save(update_fields=["status", "review_note", "updated_at"])
    audit.record("deputy_duty.suggestion.submitted", actor=actor, target=suggestion,
                 data={"kind": suggestion.kind, "cosigners": sorted(suggestion.cosigners.values_list("pk", flat=True)),
                       "lapsed": lapsed, **checked})
    return suggestion


@transaction.atomic
def decide_motion(suggestion: Suggestion, *, decision: str, note: str = "", actor,
                  on: dt.date | None = None) -> Suggestion:
    """The office records the presidium's decision on a submitted motion: on the agenda; not a motion, handled as a
    suggestion (then assigned like one, its period running from that assignment); or not on the agenda, with the
    explanation owed to the deputies. Ledgered, since the deputies rely on it."""
    require(actor, "deputy_duty.structure.manage", suggestion.deputy.congress.region)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.kind != ProposalKind.MOTION or suggestion.status != SuggestionStatus.SUBMITTED:
        raise ValidationError({"decision": _("主席团决定：只适用于已提交待审查的议案")}, code="invalid_state")
    if decision not in MotionDecision.values:
        raise ValidationError({"decision": _("主席团决定：须为列入议程、转作建议或不列入议程之一")}, code="invalid")
    note = (note or "").strip()
    if decision != MotionDecision.AGENDA:
        note = required(note, "note", _("说明"), 500)
    elif len(note) > 500:
        note = required(note, "note", _("说明"), 500)
    suggestion.decision_note, suggestion.decided_on = note, on or timezone.localdate()
    if decision == MotionDecision.AGENDA:
        suggestion.status = SuggestionStatus.ON_AGENDA
    elif decision == MotionDecision.NOT_LISTED:
        suggestion.status = SuggestionStatus.NOT_LISTED
    else:
        suggestion.kind, suggestion.from_motion = ProposalKind.SUGGESTION, True
    suggestion.save()
    data = {"suggestion": suggestion.pk, "decision": decision, "note": note,
            "decided_on": suggestion.decided_on.isoformat()}
    audit.record("deputy_duty.motion.decided", actor=actor, target=suggestion, data=data)
    evidence("deputy_duty.motion.decided", suggestion, actor, data)
    return suggestion


@transaction.atomic
def return_suggestion(suggestion: Suggestion, *, note: str, actor) -> Suggestion:
    """On review the office returns a submission that is not a suggestion as filed (e.g. a personal matter) to the
    deputy's drafts, with its reason."""
    require(actor, "deputy_duty.structure.manage", suggestion.deputy.congress.region)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.SUBMITTED:
        raise ValidationError({"status": _("只有待审查的建议可以退回")}, code="invalid_state")
    suggestion.review_note = required(note, "note", _("退回理由"), 500)
    suggestion.status = SuggestionStatus.DRAFT
    suggestion.save(update_fields=["status", "review_note", "updated_at"])
    audit.record("deputy_duty.suggestion.returned", actor=actor, target=suggestion, data={"note": suggestion.review_note})
    return suggestion


@transaction.atomic
def assign_suggestion(suggestion: Suggestion, *, lead_unit, actor, co_units=(), on: dt.date | None = None) -> Suggestion:
    """The office accepts the suggestion on review and assigns it to its lead unit (the answer due three months
    later, dated rule) and any co-handling units (their opinions due to the lead unit a month later)."""
    require(actor, "deputy_duty.structure.manage", suggestion.deputy.congress.region)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.SUBMITTED:
        raise ValidationError({"status": _("建议已交办")}, code="invalid_state")
    if suggestion.kind == ProposalKind.MOTION:
        raise ValidationError({"status": _("议案由主席团决定是否列入大会议程，不能直接交办")}, code="invalid_state")
    if lead_unit.kind != OrganizationKind.DEPARTMENT:
        raise ValidationError({"lead_unit": _("主办单位：须为政府部门")}, code="invalid")
    co_units = [u for u in dict.fromkeys(co_units) if u.pk != lead_unit.pk]
    if any(u.kind != OrganizationKind.DEPARTMENT for u in co_units):
        raise ValidationError({"co_units": _("协办单位：须为政府部门")}, code="invalid")
    on = on or timezone.localdate()
    reassigned = bool(suggestion.unit_return_note)
    start = on
    if reassigned and not parameter("reassigned_clock_restarts", on).value:
        start = suggestion.assigned_on
    months = parameter("suggestion_reply_months", start)
    co_months = parameter("cohandler_opinion_months", on)
    suggestion.lead_unit, suggestion.assigned_on = lead_unit, start
    suggestion.due_on, suggestion.status = add_months(start, months.value), SuggestionStatus.ASSIGNED
    suggestion.review_note = suggestion.unit_return_note = ""
    suggestion.save()
    CoHandling.objects.bulk_create(CoHandling(suggestion=suggestion, unit=u, due_on=add_months(on, co_months.value))
                                   for u in co_units)
    audit.record("deputy_duty.suggestion.assigned", actor=actor, target=suggestion,
                 data={"lead_unit": lead_unit.pk, "co_units": [u.pk for u in co_units], "reassigned": reassigned,
                       "due_on": suggestion.due_on.isoformat(), "reference": months.reference})
    events.publish("deputy_duty.suggestion.assigned", suggestion_id=suggestion.pk, lead_unit=lead_unit.pk,
                   co_units=[u.pk for u in co_units])
    return suggestion


def misassigned_open(suggestion: Suggestion, on: dt.date | None = None) -> bool:
    """True while the lead unit may still return the assigned suggestion as not its own."""
    if suggestion.status != SuggestionStatus.ASSIGNED or suggestion.assigned_on is None:
        return False
    days = parameter("misassigned_report_days", suggestion.assigned_on).value
    return (on or timezone.localdate()) <= suggestion.assigned_on + dt.timedelta(days=days)


@transaction.atomic
def report_misassigned(suggestion: Suggestion, *, reason: str, actor, on: dt.date | None = None) -> Suggestion:
    """The lead unit returns a suggestion that is not its own (交办不当) within the dated period after assignment;
    it goes back to the office to assign again (co-handling units released), with the unit's reason."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_lead_unit(suggestion, actor)
    if suggestion.status != SuggestionStatus.ASSIGNED:
        raise ValidationError({"status": _("只有已交办、尚未答复的建议可以申请调整")}, code="invalid_state")
    on = on or timezone.localdate()
    days = parameter("misassigned_report_days", suggestion.assigned_on)
    if not misassigned_open(suggestion, on):
        raise ValidationError({"reason": _("交办不当：应在交办之日起 {n} 日内提出（{ref}），已逾期").format(
            n=days.value, ref=days.reference)}, code="too_late")
    reason = required(reason, "reason", _("退回理由"), 500)
    unit = suggestion.lead_unit_id
    released = list(suggestion.cohandlings.values_list("unit_id", flat=True))
    suggestion.cohandlings.all().delete()
    suggestion.lead_unit, suggestion.due_on, suggestion.status = None, None, SuggestionStatus.SUBMITTED
    suggestion.unit_return_note = reason
    suggestion.save()
    audit.record("deputy_duty.suggestion.misassigned", actor=actor, target=suggestion,
                 data={"unit": unit, "reason": reason, "released_co_units": released, "reported_on": on.isoformat(),
                       "reference": days.reference})
    return suggestion


@transaction.atomic
def extend_suggestion(suggestion: Suggestion, *, reason: str, actor) -> Suggestion:
    """The lead unit tells the deputy the matter is broad or complex: due six months after assignment at most."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_lead_unit(suggestion, actor)
    if suggestion.status != SuggestionStatus.ASSIGNED or suggestion.complex:
        raise ValidationError({"status": _("只有已交办、未延期的建议可以延期")}, code="invalid_state")
    reason = required(reason, "reason", _("延期理由"), 500)
    months = parameter("suggestion_complex_months", suggestion.assigned_on)
    suggestion.complex, suggestion.due_on = True, add_months(suggestion.assigned_on, months.value)
    suggestion.save(update_fields=["complex", "due_on", "updated_at"])
    audit.record("deputy_duty.suggestion.extended", actor=actor, target=suggestion,
                 data={"reason": reason, "due_on": suggestion.due_on.isoformat(), "reference": months.reference})
    return suggestion


def _require_lead_unit(suggestion, actor) -> None:
    from zhili.core.identity.api import organizations_of

    if suggestion.lead_unit_id is None or suggestion.lead_unit_id not in organizations_of(actor):
        raise PermissionDenied(_("只有主办单位可以办理该建议"))


@transaction.atomic
def give_cohandling_opinion(suggestion: Suggestion, *, opinion: str, actor, on: dt.date | None = None) -> CoHandling:
    """A co-handling unit sends its opinion (协办意见) to the lead unit; the lead unit's answer draws on it."""
    from zhili.core.identity.api import organizations_of

    cohandling = (CoHandling.objects.select_for_update()
                  .filter(suggestion=suggestion, unit_id__in=organizations_of(actor)).first())
    if cohandling is None:
        raise PermissionDenied(_("只有协办单位可以提出协办意见"))
    if suggestion.status not in (SuggestionStatus.ASSIGNED, SuggestionStatus.REHANDLING) or cohandling.answered_on:
        raise ValidationError({"opinion": _("协办意见：该建议当前不能再提出协办意见")}, code="invalid_state")
    cohandling.opinion = required(opinion, "opinion", _("协办意见"), 3000)
    cohandling.answered_on = on or timezone.localdate()
    cohandling.save()
    audit.record("deputy_duty.suggestion.cohandled", actor=actor, target=suggestion,
                 data={"unit": cohandling.unit_id, "late": cohandling.answered_on > cohandling.due_on})
    return cohandling


@transaction.atomic
def answer_suggestion(suggestion: Suggestion, *, answer_class: str, answer: str, actor, public: bool = False,
                      on: dt.date | None = None) -> Suggestion:
    """The lead unit's written answer, classed A–D; ledgered, since the deputy and the public rely on it.
    ``public``: the answer may be published (it holds no state secret or private matter)."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_lead_unit(suggestion, actor)
    if suggestion.status not in (SuggestionStatus.ASSIGNED, SuggestionStatus.REHANDLING):
        raise ValidationError({"status": _("该建议当前不能答复")}, code="invalid_state")
    if answer_class not in AnswerClass.values:
        raise ValidationError({"answer_class": _("答复分类：须为 A、B、C、D 之一")}, code="invalid")
    suggestion.answer_class, suggestion.answer = answer_class, required(answer, "answer", _("答复"), 5000)
    suggestion.answered_on, suggestion.status = on or timezone.localdate(), SuggestionStatus.ANSWERED
    suggestion.public = bool(public)
    suggestion.save()
    data = {"suggestion": suggestion.pk, "class": answer_class, "answered_on": suggestion.answered_on.isoformat(),
            "due_on": suggestion.due_on.isoformat(), "late": suggestion.answered_on > suggestion.due_on,
            "public": suggestion.public}
    audit.record("deputy_duty.suggestion.answered", actor=actor, target=suggestion, data=data)
    evidence("deputy_duty.suggestion.answered", suggestion, actor, {**data, "answer": suggestion.answer})
    return suggestion


@transaction.atomic
def evaluate_suggestion(suggestion: Suggestion, *, verdict: str, actor, on: dt.date | None = None) -> Suggestion:
    """The lead deputy's evaluation (征询意见表): 不满意 means handling again, due one month later."""
    require(actor, "deputy_duty.deputy.act", suggestion.deputy)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.ANSWERED:
        raise ValidationError({"verdict": _("建议尚未答复，不能评价")}, code="not_answered")
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("评价：须为满意、基本满意或不满意")}, code="invalid")
    on = on or timezone.localdate()
    suggestion.evaluation = verdict
    if verdict == Verdict.UNSATISFIED:
        months = parameter("suggestion_rehandle_months", on)
        suggestion.status, suggestion.due_on = SuggestionStatus.REHANDLING, add_months(on, months.value)
    else:
        suggestion.status = SuggestionStatus.CLOSED
    suggestion.save()
    audit.record("deputy_duty.suggestion.evaluated", actor=actor, target=suggestion,
                 data={"verdict": verdict, "due_on": suggestion.due_on.isoformat()})
    return suggestion
