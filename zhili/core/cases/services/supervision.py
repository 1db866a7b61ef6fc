"""Supervise (督办), urge (催办) and rate (评价) a case, and sweep deadlines (超期提醒/升级督办)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.identity.permissions import require
from zhili.core.identity.roles import DEPARTMENT_ROLES

from .. import notifications
from ..choices import EventAction, OverdueAction
from ..models import Case, CaseEvent
from ..registry import case_types
from .common import (
    add_event,
    append_to_ledger,
    lock_case,
    notify_user,
    sync_back,
)


def _supervisors(case: Case) -> list:
    """The case's supervisor, else the department staff of the office above the owning office."""
    if case.supervisor_id:
        return [case.supervisor]
    parent_id = case.organization.parent_id if case.organization_id else None
    if parent_id is None:
        return []
    from zhili.core.identity.models import User

    return list(User.objects.filter(memberships__organization_id=parent_id, memberships__is_active=True,
                                    memberships__role__in=DEPARTMENT_ROLES, is_active=True).distinct())


@transaction.atomic
def supervise_case(case: Case, *, actor, note: str) -> Case:
    """Put the case under supervision (督办) with the supervisor's instructions; the assignee is told."""
    locked = lock_case(case)
    require(actor, "cases.case.supervise", locked)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "督办意见：不能为空"}, code="required")
    now = timezone.now()
    stamp = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
    line = f"[{stamp} {getattr(actor, 'display_name', actor)}] {note}"
    locked.supervision_note = f"{locked.supervision_note}\n{line}".strip()
    locked.save(update_fields=["supervision_note", "updated_at"])
    event = add_event(locked, EventAction.SUPERVISED, actor=actor, comment=note)
    audit.record("cases.case.supervised", actor=actor, target=locked, data={"note": note})
    notify_user(locked.assignee, notifications.CASE_SUPERVISED, locked, dedup=f"supervised-{event.pk}", actor=actor,
            note=note)
    events.publish("cases.case.supervised", case_id=locked.pk)
    return sync_back(case, locked)


@transaction.atomic
def urge_case(case: Case, *, actor, note: str = "") -> CaseEvent:
    """Press the assignee to act (催办); recorded on the timeline and sent to the assignee."""
    locked = lock_case(case)
    require(actor, "cases.case.supervise", locked)
    if locked.is_closed:
        raise ValidationError({"case": "工单已办结，无需催办"}, code="closed")
    note = (note or "").strip() or "请尽快办理"
    event = add_event(locked, EventAction.URGED, actor=actor, comment=note)
    audit.record("cases.case.urged", actor=actor, target=locked, data={"note": note})
    notify_user(locked.assignee, notifications.CASE_URGED, locked, dedup=f"urged-{event.pk}", actor=actor, note=note)
    events.publish("cases.case.urged", case_id=locked.pk)
    return event


@transaction.atomic
def rate_case(case: Case, *, actor, rating, comment: str = "") -> Case:
    """The requester's satisfaction rating (满意度, 1–5) after closure; once, and written to the ledger."""
    locked = lock_case(case)
    require(actor, "cases.case.rate", locked)
    ct = locked.type
    if locked.state not in (ct.rating_states or ct.final_states):
        raise ValidationError({"rating": "满意度：工单办结后才能评价"}, code="not_closed")
    if locked.rating is not None:
        raise ValidationError({"rating": "满意度：本工单已评价，不能重复评价"}, code="already_rated")
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if str(rating).strip() != str(value) or not 1 <= value <= 5:
        raise ValidationError({"rating": "满意度：须为 1 至 5 的整数"}, code="invalid")
    locked.rating = value
    locked.rating_comment = (comment or "").strip()
    locked.rated_at = timezone.now()
    locked.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    add_event(locked, EventAction.RATED, actor=actor, comment=locked.rating_comment, data={"rating": value})
    audit.record("cases.case.rated", actor=actor, target=locked, data={"rating": value})
    append_to_ledger("case.rated", locked, actor)
    events.publish("cases.case.rated", case_id=locked.pk, rating=value)
    return sync_back(case, locked)




@dataclass
class DeadlineSweep:
    """What one run of ``check_deadlines`` did, by case number."""

    reminded: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)


def check_deadlines(now: dt.datetime | None = None) -> DeadlineSweep:
    """Remind or escalate (升级督办) every open case past the deadline of its current state, once per state."""
    now = now or timezone.now()
    sweep = DeadlineSweep()
    types = case_types()
    overdue = Case.objects.filter(due_at__lt=now, closed_at__isnull=True, case_type__in=list(types)).order_by("id")
    for case_id in overdue.values_list("id", flat=True):
        outcome = _handle_overdue(case_id, now)
        if outcome is not None:
            action, number = outcome
            (sweep.escalated if action == OverdueAction.ESCALATE else sweep.reminded).append(number)
    return sweep


@transaction.atomic
def _handle_overdue(case_id: int, now: dt.datetime) -> tuple[str, str] | None:
    case = Case.objects.select_for_update(of=("self",)).select_related("organization", "region").get(pk=case_id)
    if case.is_closed or case.due_at is None or case.due_at >= now:
        return None
    ct = case.type
    state_label = str(case.state_label)
    due = timezone.localtime(case.due_at).strftime("%Y-%m-%d %H:%M")
    params = {"state": state_label, "due": due}
    dedup = f"{case.state}-{case.state_entered_at.timestamp():.0f}"
    if ct.on_overdue == OverdueAction.ESCALATE:
        if case.escalated_at is not None and case.escalated_at >= case.state_entered_at:
            return None
        supervisors = _supervisors(case)
        case.escalated_at = now
        case.save(update_fields=["escalated_at", "updated_at"])
        add_event(case, EventAction.ESCALATED, actor=None, from_state=case.state, to_state=case.state,
               data={"due_at": case.due_at.isoformat(), "supervisor_ids": [u.pk for u in supervisors]})
        audit.record("cases.case.escalated", actor=None, target=case,
                     data={"state": case.state, "due_at": case.due_at, "supervisor_ids": [u.pk for u in supervisors]})
        for supervisor in supervisors:
            notify_user(supervisor, notifications.CASE_ESCALATED, case, dedup=f"escalated-{dedup}", **params)
        events.publish("cases.case.escalated", case_id=case.pk, state=case.state)
        return OverdueAction.ESCALATE, case.number
    else:
        if case.reminded_at is not None and case.reminded_at >= case.state_entered_at:
            return None
        case.reminded_at = now
        case.save(update_fields=["reminded_at", "updated_at"])
        add_event(case, EventAction.REMINDED, actor=None, from_state=case.state, to_state=case.state,
               data={"due_at": case.due_at.isoformat(), "assignee_id": case.assignee_id})
        audit.record("cases.case.reminded", actor=None, target=case,
                     data={"state": case.state, "due_at": case.due_at})
        notify_user(case.assignee, notifications.CASE_REMINDER, case, dedup=f"reminded-{dedup}", **params)
        events.publish("cases.case.reminded", case_id=case.pk, state=case.state)
        return OverdueAction.REMIND, case.number
