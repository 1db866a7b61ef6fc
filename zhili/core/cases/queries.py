"""Reads: inboxes per officer and per office, overdue lists, the timeline."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhili.core.identity.permissions import filter_by_scope, has_role, organizations_of
from zhili.core.identity.roles import DEPARTMENT_ROLES

from .choices import Who
from .models import Case
from .registry import case_types


def open_states() -> list[str]:
    """Every non-final state value across the registered case types."""
    return sorted({state for ct in case_types().values() for state in ct.open_states})


def visible_cases(user) -> QuerySet:
    """Cases ``user`` may see: their own (requested, assigned, supervised) and those in their data scope."""
    base = Case.objects.select_related("organization", "region", "assignee")
    own = Q(requester=user) | Q(assignee=user) | Q(supervisor=user)
    if has_role(user, *DEPARTMENT_ROLES):
        scoped = filter_by_scope(user, Case.objects.all()).values("pk")
        return base.filter(own | Q(pk__in=scoped))
    return base.filter(own)


def my_inbox(user, *, include_closed: bool = False) -> QuerySet:
    """Cases assigned to ``user`` (我的待办)."""
    cases = visible_cases(user).filter(assignee=user)
    return cases if include_closed else cases.filter(closed_at__isnull=True)


def awaiting_me(user) -> QuerySet:
    """Open cases waiting for ``user`` (我的待办): those assigned to them, and those of their offices in a state whose
    next step the office takes with a role they hold (受理, 派单, 办结 …). Without the second half an officer who
    accepts and closes what an inspector handles would find nothing to do."""
    condition = Q(assignee=user)
    if user is not None and user.is_authenticated:
        held = user.memberships.filter(is_active=True, organization__isnull=False, role__in=DEPARTMENT_ROLES)
        offices_by_role: dict[str, set[int]] = {}
        for role, office in held.values_list("role", "organization_id"):
            offices_by_role.setdefault(role, set()).add(office)
        for case_type in case_types().values():
            for role, offices in offices_by_role.items():
                states = sorted({state for t in case_type.transitions for state in t.source
                                 if t.who == Who.OWNER and not t.permission and role in t.roles
                                 and not case_type.is_final(state)})
                if states:
                    condition |= Q(case_type=case_type.code, state__in=states, organization_id__in=sorted(offices))
    return visible_cases(user).filter(condition, closed_at__isnull=True)


def office_inbox(user, *, include_closed: bool = False) -> QuerySet:
    """Cases owned by the offices in which ``user`` holds a department role (科室待办)."""
    offices = organizations_of(user, *DEPARTMENT_ROLES)
    cases = filter_by_scope(user, Case.objects.select_related("organization", "region", "assignee")).filter(
        organization_id__in=offices)
    return cases if include_closed else cases.filter(closed_at__isnull=True)


def overdue_cases(user, now=None) -> QuerySet:
    """Open cases in the user's view past the deadline of their current state (超期工单)."""
    now = now or timezone.now()
    return visible_cases(user).filter(closed_at__isnull=True, due_at__lt=now).order_by("due_at")


def timeline(case: Case) -> QuerySet:
    return case.events.select_related("actor").order_by("id")
