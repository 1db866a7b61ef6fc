"""JSON API under /api/v1/relief_match/: warnings, applications and matches for department systems (the same
permission checks and scope as the pages), a household's own 幸福清单."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zhili.core.identity.api import can, require

from . import queries
from .models import ReliefApplication, ReliefHousehold

router = Router(tags=["助共体"])


class WarningOut(Schema):
    id: int
    household: str
    village: str
    rule: str
    rule_name: str
    found_on: dt.date
    status: str
    case_number: str | None


class ApplicationOut(Schema):
    id: int
    household: str
    channel: str
    status: str
    category: str
    check_source: str
    due_on: dt.date | None
    explanation: list


class MatchOut(Schema):
    id: int
    household: str
    policy_code: str
    policy_name: str
    owner: str
    in_statute: bool
    kind: str
    amount: Decimal | None
    status: str
    due_on: dt.date | None


def _match(m) -> dict:
    return {"id": m.pk, "household": m.household.key, "policy_code": m.policy_code, "policy_name": m.policy_name,
            "owner": m.owner, "in_statute": m.in_statute, "kind": m.kind, "amount": m.amount, "status": m.status,
            "due_on": m.due_on}


@router.get("/warnings", response=list[WarningOut])
def list_warnings(request, rule: str = "", status: str = "", limit: int = 100, offset: int = 0):
    """Proactive-discovery warnings in the caller's scope, newest first."""
    require(request.auth, "relief_match.household.view")
    found = queries.warnings_for(request.auth, rule=rule, status=status)[offset:offset + min(limit, 1000)]
    return [{"id": w.pk, "household": w.household.key, "village": w.household.region.code, "rule": w.rule,
             "rule_name": w.rule_name, "found_on": w.found_on, "status": w.status,
             "case_number": w.case.number if w.case else None} for w in found]


@router.get("/applications/{application_id}", response=ApplicationOut)
def get_application(request, application_id: int):
    """One application with its check's explanation: the applicant, or staff in scope (404 for anyone else)."""
    application = get_object_or_404(ReliefApplication.objects.select_related("household__region"), pk=application_id)
    if application.applicant_id != getattr(request.auth, "pk", None) and \
            not can(request.auth, "relief_match.household.view", application.household):
        raise Http404
    return {"id": application.pk, "household": application.household.key, "channel": application.channel,
            "status": application.status, "category": application.category,
            "check_source": application.check_source, "due_on": application.due_on,
            "explanation": application.explanation}


@router.get("/matches", response=list[MatchOut])
def list_matches(request, status: str = "", owner: str = "", limit: int = 100, offset: int = 0):
    """Matched helps in the caller's scope (a department system filters by ``owner``)."""
    require(request.auth, "relief_match.household.view")
    found = queries.matches_for(request.auth, status=status, owner=owner)[offset:offset + min(limit, 1000)]
    return [_match(m) for m in found]


@router.get("/my/list", response=list[MatchOut])
def my_list(request):
    """The caller's own household's helps (幸福清单)."""
    household = ReliefHousehold.objects.filter(user=request.auth).first()
    if household is None:
        raise Http404
    return [_match(m) for m in household.matches.select_related("household").order_by("-id")]
