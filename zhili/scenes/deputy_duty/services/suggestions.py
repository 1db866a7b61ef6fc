"""Deputies' suggestions (代表建议) with the statutory handling periods of 代表法 Art. 49 as dated parameters:
answered within three months of assignment, at most six where the matter is broad or complex, and within one month
of the deputy's 不满意 evaluation when handled again."""

import calendar
import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require
from zhili.core.orgs.api import OrganizationKind

from ..choices import AnswerClass, SuggestionStatus, Verdict
from ..models import Suggestion
from ..rules import parameter
from .common import evidence, required


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day), as periods in months are read."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def submit_suggestion(*, deputy, title: str, text: str, cosigners=(), actor) -> Suggestion:
    """A deputy files a suggestion, with fellow deputies of the same congress as co-signers (附议)."""
    require(actor, "deputy_duty.deputy.act", deputy)
    cosigners = [d for d in cosigners if d.pk != deputy.pk]
    if any(d.congress_id != deputy.congress_id or not d.active for d in cosigners):
        raise ValidationError({"cosigners": _("附议代表：须为本级人大在任代表")}, code="invalid")
    suggestion = Suggestion.objects.create(deputy=deputy, title=required(title, "title", _("标题"), 100),
                                           text=required(text, "text", _("内容"), 5000))
    suggestion.cosigners.set(cosigners)
    audit.record("deputy_duty.suggestion.submitted", actor=actor, target=suggestion,
                 data={"cosigners": [d.pk for d in cosigners]})
    return suggestion


@transaction.atomic
def assign_suggestion(suggestion: Suggestion, *, lead_unit, actor, on: dt.date | None = None) -> Suggestion:
    """The office assigns the suggestion to its lead unit; the answer is due three months later (dated rule)."""
    require(actor, "deputy_duty.structure.manage", suggestion.deputy.congress.region)
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.SUBMITTED:
        raise ValidationError({"status": _("建议已交办")}, code="invalid_state")
    if lead_unit.kind != OrganizationKind.DEPARTMENT:
        raise ValidationError({"lead_unit": _("主办单位：须为政府部门")}, code="invalid")
    on = on or timezone.localdate()
    months = parameter("suggestion_reply_months", on)
    suggestion.lead_unit, suggestion.assigned_on = lead_unit, on
    suggestion.due_on, suggestion.status = add_months(on, months.value), SuggestionStatus.ASSIGNED
    suggestion.save()
    audit.record("deputy_duty.suggestion.assigned", actor=actor, target=suggestion,
                 data={"lead_unit": lead_unit.pk, "due_on": suggestion.due_on.isoformat(),
                       "reference": months.reference})
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
def answer_suggestion(suggestion: Suggestion, *, answer_class: str, answer: str, actor,
                      on: dt.date | None = None) -> Suggestion:
    """The lead unit's written answer, classed A–D; ledgered, since the deputy and the public rely on it."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _require_lead_unit(suggestion, actor)
    if suggestion.status not in (SuggestionStatus.ASSIGNED, SuggestionStatus.REHANDLING):
        raise ValidationError({"status": _("该建议当前不能答复")}, code="invalid_state")
    if answer_class not in AnswerClass.values:
        raise ValidationError({"answer_class": _("答复分类：须为 A、B、C、D 之一")}, code="invalid")
    suggestion.answer_class, suggestion.answer = answer_class, required(answer, "answer", _("答复"), 5000)
    suggestion.answered_on, suggestion.status = on or timezone.localdate(), SuggestionStatus.ANSWERED
    suggestion.save()
    data = {"suggestion": suggestion.pk, "class": answer_class, "answered_on": suggestion.answered_on.isoformat(),
            "due_on": suggestion.due_on.isoformat(), "late": suggestion.answered_on > suggestion.due_on}
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
