"""Helpers shared by the case services: numbers, deadlines, timeline entries, messages, the ledger."""

import datetime as dt
import hashlib
import json

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhili.core.foundation.parameters import parameter_on, parameter_sets
from zhili.core.identity.roles import DEPARTMENT_ROLES

from ..declarations import CaseType
from ..models import AssignmentRule, Case, CaseEvent, CaseNumberCounter
from ..registry import deadline_set
from ..workdays import add_working_days

NUMBER_PREFIX = "AJ"


def user_or_none(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


def local_end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))


def due_for(case_type: CaseType, state: str, entered_at: dt.datetime) -> dt.datetime | None:
    """The end of the last working day a case may stay in ``state``, or None if the state has no deadline.

    The deadline is the dated parameter ``cases.<type>`` / ``<state>`` in force on the day the case entered the
    state (registered with the case type: ``registry.register``).
    """
    deadlines = parameter_sets.get(deadline_set(case_type))
    if deadlines is None or state not in deadlines.parameters:
        return None
    entered_on = timezone.localdate(entered_at)
    days = parameter_on(deadline_set(case_type), state, entered_on).value
    return local_end_of_day(add_working_days(entered_on, days))


def next_number(now: dt.datetime) -> str:
    day = timezone.localdate(now)
    CaseNumberCounter.objects.get_or_create(day=day)
    counter = CaseNumberCounter.objects.select_for_update().get(day=day)
    counter.last += 1
    counter.save(update_fields=["last", "updated_at"])
    return f"{NUMBER_PREFIX}{day:%Y%m%d}-{counter.last:04d}"


def add_event(case: Case, action: str, *, actor, comment: str = "", transition: str = "", from_state: str = "",
           to_state: str = "", data: dict | None = None) -> CaseEvent:
    return CaseEvent.objects.create(case=case, action=action, actor=user_or_none(actor), comment=comment,
                                    transition=transition, from_state=from_state, to_state=to_state,
                                    data=data or {})


def notify_user(user, template: str, case: Case, *, dedup: str, actor=None, **params) -> None:
    from zhili.core.notify.api import queue_message

    if user is None:
        return
    queue_message(channel="in_app", template=template, address=user.username, recipient=user,
                  params={"number": case.number, "title": case.title, **params},
                  dedup_key=f"cases:{case.pk}:{dedup}:{user.pk}", actor=actor)


def lock_case(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("organization", "region").get(pk=case.pk)


def sync_back(target: Case, source: Case) -> Case:
    """Copy the saved state back onto the caller's instance so that it does not hold stale values."""
    if target is not source:
        target.refresh_from_db()
    return target


def case_digest(case: Case) -> str:
    """SHA-256 of a canonical summary of the case: what the ledger entry for its closure or rating proves."""
    summary = {
        "number": case.number, "case_type": case.case_type, "title": case.title, "state": case.state,
        "organization_id": case.organization_id, "region": case.region.code, "assignee_id": case.assignee_id,
        "requester_id": case.requester_id, "result": case.result,
        "closed_at": case.closed_at.isoformat() if case.closed_at else None,
        "rating": case.rating, "rating_comment": case.rating_comment,
    }
    canonical = json.dumps(summary, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_to_ledger(kind: str, case: Case, actor) -> None:
    from zhili.core.ledger import api as ledger

    ledger.append(kind=kind, subject=case, digest=case_digest(case), actor=user_or_none(actor))


def find_assignment_rule(case_type: str, region) -> AssignmentRule | None:
    """The active rule for this type (or any type) whose region contains ``region``; the most specific wins."""
    candidates = AssignmentRule.objects.filter(is_active=True, case_type__in=[case_type, ""]).select_related(
        "region", "organization", "assignee", "supervisor")
    matching = [r for r in candidates if region.path.startswith(r.region.path)]
    if not matching:
        return None
    return sorted(matching, key=lambda r: (-len(r.region.path), r.case_type == "", r.order, r.pk))[0]


def require_department_member(user, organization, field: str) -> None:
    if user is None:
        return
    if not user.memberships.filter(is_active=True, organization=organization, role__in=DEPARTMENT_ROLES).exists():
        raise ValidationError({field: f"{user} 不是承办单位「{organization}」的工作人员，不能承办本工单"},
                              code="not_a_member")
