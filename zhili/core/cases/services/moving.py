"""Open a case and move it through its state machine, one at a time or in bulk."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation import audit, events

from .. import notifications
from ..choices import EventAction, Priority
from ..declarations import CaseType
from ..models import Case
from ..permissions import may_take
from ..registry import get_case_type
from .common import (
    add_event,
    append_to_ledger,
    due_for,
    find_assignment_rule,
    lock_case,
    next_number,
    notify_user,
    sync_back,
)


@transaction.atomic
def open_case(case_type: str | CaseType, *, title: str, region, actor, subject=None, requester=None,
              priority: str = Priority.NORMAL, description: str = "", organization=None, assignee=None,
              now: dt.datetime | None = None) -> Case:
    """Register a case (登记) and route it to an office by the assignment rules of its type and region.

    ``actor`` is the person or None for the platform itself (an indicator warning, a scene's sweep).
    ``organization`` and ``assignee`` override the rules; without either a matching rule is required.
    """
    ct = case_type if isinstance(case_type, CaseType) else get_case_type(case_type)
    if actor is not None and not getattr(actor, "is_active", False):
        raise PermissionDenied("账户已停用，不能登记工单")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "标题：不能为空"}, code="required")
    if len(title) > 200:
        raise ValidationError({"title": "标题：不能超过 200 个字"}, code="max_length")
    if priority not in Priority.values:
        raise ValidationError({"priority": f"紧急程度：须为 {'、'.join(Priority.values)} 之一"}, code="invalid")
    if region is None:
        raise ValidationError({"region": "所属区划：不能为空"}, code="required")
    rule = find_assignment_rule(ct.code, region)
    if organization is None and rule is None:
        raise ValidationError(
            {"region": f"区划「{region}」没有工单类型「{ct.name}」的分派规则，请先配置分派规则或指定承办单位"},
            code="no_assignment_rule")
    organization = organization or rule.organization
    if assignee is None and rule is not None and rule.organization_id == organization.pk:
        assignee = rule.assignee
    supervisor = rule.supervisor if rule is not None else None
    now = now or timezone.now()
    case = Case(
        case_type=ct.code, number=next_number(now), title=title, description=description, region=region,
        organization=organization, assignee=assignee, supervisor=supervisor, requester=requester,
        priority=priority, state=ct.initial, state_entered_at=now, due_at=due_for(ct, ct.initial, now),
    )
    if subject is not None:
        case.subject_type = ContentType.objects.get_for_model(subject)
        case.subject_id = str(subject.pk)
    case.save()
    add_event(case, EventAction.OPENED, actor=actor, to_state=case.state,
           data={"organization_id": organization.pk, "assignee_id": case.assignee_id,
                 "rule_id": rule.pk if rule else None})
    audit.record("cases.case.opened", actor=actor, target=case,
                 data={"case_type": ct.code, "organization_id": organization.pk, "assignee_id": case.assignee_id,
                       "region": region.code, "rule_id": rule.pk if rule else None})
    notify_user(case.assignee, notifications.CASE_ASSIGNED, case, dedup="assigned-open", actor=actor)
    events.publish("cases.case.opened", case_id=case.pk, case_type=ct.code, number=case.number)
    return case


@transaction.atomic
def transition_case(case: Case, transition_name: str, *, actor, comment: str = "",
                    now: dt.datetime | None = None) -> Case:
    """Take the named step of the case's state machine (受理、派单、处置、反馈、办结 …)."""
    locked = lock_case(case)
    ct = locked.type
    transition = ct.transition(transition_name)
    if transition is None:
        raise ValidationError({"transition": f"工单类型「{ct.name}」没有名为 {transition_name} 的流转"},
                              code="unknown_transition")
    if not may_take(actor, locked, transition):
        raise PermissionDenied(f"无权对工单 {locked.number} 执行「{transition.label}」")
    if locked.state not in transition.source:
        raise ValidationError(
            {"transition": f"工单当前状态为「{locked.state_label}」，不能执行「{transition.label}」"},
            code="invalid_state")
    comment = (comment or "").strip()
    if transition.requires_comment and not comment:
        raise ValidationError({"comment": f"意见：执行「{transition.label}」必须填写意见"}, code="required")
    if transition.requires_assignee and locked.assignee_id is None:
        raise ValidationError({"assignee": f"承办人：执行「{transition.label}」前须先指定承办人"}, code="required")
    now = now or timezone.now()
    from_state = locked.state
    locked.state = transition.target
    locked.state_entered_at = now
    locked.due_at = due_for(ct, transition.target, now)
    if transition.sets_result:
        locked.result = comment
    closing = ct.is_final(transition.target)
    if closing:
        locked.closed_at = now
        locked.due_at = None
    locked.save()
    add_event(locked, EventAction.TRANSITION, actor=actor, comment=comment, transition=transition.name,
           from_state=from_state, to_state=transition.target)
    audit.record("cases.case.transitioned", actor=actor, target=locked,
                 data={"transition": transition.name, "from": from_state, "to": transition.target,
                       "comment": comment})
    if closing:
        append_to_ledger("case.closed", locked, actor)
    events.publish("cases.case.transitioned", case_id=locked.pk, case_type=ct.code, transition=transition.name,
                   from_state=from_state, to_state=transition.target)
    if closing:
        events.publish("cases.case.closed", case_id=locked.pk, case_type=ct.code, state=transition.target)
    return sync_back(case, locked)


@dataclass
class BulkResult:
    """What a bulk action did: the numbers it moved and, for each it could not, the reason."""

    done: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def bulk_transition(cases, transition_name: str, *, actor, comment: str = "",
                    now: dt.datetime | None = None) -> BulkResult:
    """Take the same step on many cases; each case moves or stays as a whole, and every refusal is reported."""
    result = BulkResult()
    for case in cases:
        try:
            transition_case(case, transition_name, actor=actor, comment=comment, now=now)
        except PermissionDenied as exc:
            result.failed[case.number] = str(exc) or "无权操作"
        except ValidationError as exc:
            result.failed[case.number] = "；".join(exc.messages)
        else:
            result.done.append(case.number)
    return result
