"""Case endpoints: my cases, one case with its timeline, and taking a step."""

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zhili.core.identity.permissions import require_or_404

from . import queries, services
from .models import Case
from .registry import case_types

router = Router(tags=["cases"])


class ErrorOut(Schema):
    detail: str
    errors: dict | None = None


class CaseOut(Schema):
    number: str
    case_type: str
    title: str
    state: str
    state_label: str
    priority: str
    organization: str | None
    assignee: str | None
    region_code: str
    due_at: dt.datetime | None
    escalated_at: dt.datetime | None
    closed_at: dt.datetime | None
    rating: int | None


class EventOut(Schema):
    action: str
    transition: str
    from_state: str
    to_state: str
    actor: str | None
    comment: str
    created_at: dt.datetime


class CaseDetailOut(CaseOut):
    result: str
    transitions: list[str]
    timeline: list[EventOut]


class TransitionIn(Schema):
    transition: str
    comment: str = ""


def _user(request):
    user = request.auth
    if not hasattr(user, "memberships"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("此接口仅供登录用户使用")
    return user


def _out(case: Case) -> dict:
    ct = case_types().get(case.case_type)
    return {
        "number": case.number, "case_type": case.case_type, "title": case.title, "state": case.state,
        "state_label": str(ct.state(case.state).label) if ct else case.state, "priority": case.priority,
        "organization": str(case.organization) if case.organization_id else None,
        "assignee": str(case.assignee) if case.assignee_id else None, "region_code": case.region.code,
        "due_at": case.due_at, "escalated_at": case.escalated_at, "closed_at": case.closed_at,
        "rating": case.rating,
    }


def _detail(case: Case, user) -> dict:
    from .permissions import may_take

    ct = case.type
    return {
        **_out(case), "result": case.result,
        "transitions": [t.name for t in ct.transitions_from(case.state) if may_take(user, case, t)],
        "timeline": [{"action": e.action, "transition": e.transition, "from_state": e.from_state,
                      "to_state": e.to_state, "actor": str(e.actor) if e.actor_id else None, "comment": e.comment,
                      "created_at": e.created_at} for e in queries.timeline(case)],
    }


@router.get("/cases", response={200: list[CaseOut], 403: ErrorOut}, summary="我的待办工单")
def my_cases(request: HttpRequest, box: str = "mine", limit: int = 50, offset: int = 0):
    """``box``: mine (assigned to me), office (my office's), overdue, all (everything I may see)."""
    user = _user(request)
    query = {"mine": queries.my_inbox, "office": queries.office_inbox, "overdue": queries.overdue_cases,
             "all": queries.visible_cases}.get(box, queries.my_inbox)
    limit = max(1, min(limit, 200))
    return [_out(c) for c in query(user).order_by("-id")[offset:offset + limit]]


@router.get("/cases/{number}", response={200: CaseDetailOut, 403: ErrorOut, 404: ErrorOut}, summary="工单详情")
def case_detail(request: HttpRequest, number: str):
    user = _user(request)
    case = get_object_or_404(Case.objects.select_related("organization", "region", "assignee"), number=number)
    require_or_404(user, "cases.case.view", case)
    return _detail(case, user)


@router.post("/cases/{number}/transition", response={200: CaseDetailOut, 400: ErrorOut, 403: ErrorOut,
                                                     404: ErrorOut}, summary="工单流转")
def transition(request: HttpRequest, number: str, payload: TransitionIn):
    user = _user(request)
    case = get_object_or_404(Case.objects.select_related("organization", "region", "assignee"), number=number)
    require_or_404(user, "cases.case.view", case)
    services.transition_case(case, payload.transition, actor=user, comment=payload.comment)
    return _detail(case, user)
