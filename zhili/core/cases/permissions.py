"""Who may see, move, supervise and rate a case."""

from zhili.core.identity.permissions import can, has_role, in_scope, organizations_of, rule
from zhili.core.identity.roles import DEPARTMENT_ROLES

from .choices import Who


def is_owner_member(user, case, roles=DEPARTMENT_ROLES) -> bool:
    """A member of the owning office holding one of ``roles``, whose data scope covers the case's region."""
    return (case.organization_id is not None and case.organization_id in organizations_of(user, *roles)
            and in_scope(user, case.region))


def is_parent_office_member(user, case) -> bool:
    """A department member of the owning office's parent (the office above, which supervises)."""
    parent_id = case.organization.parent_id if case.organization_id else None
    return (parent_id is not None and parent_id in organizations_of(user, *DEPARTMENT_ROLES)
            and in_scope(user, case.region))


def may_take(user, case, transition) -> bool:
    """True if ``user`` may take ``transition`` on ``case`` (the state is checked by the service)."""
    if transition.permission:
        return can(user, transition.permission, case)
    if user is None or not getattr(user, "is_active", False):
        return False
    if can(user, "cases.case.administer", case):
        return True
    if transition.who == Who.REQUESTER:
        return case.requester_id is not None and case.requester_id == user.pk
    if transition.who == Who.ASSIGNEE and case.assignee_id is not None and case.assignee_id == user.pk:
        return True
    return is_owner_member(user, case, transition.roles)


@rule("cases.case.administer")
def _administer(user, case) -> bool:
    """Only platform administrators (who pass every rule) may act on any case."""
    return False


@rule("cases.assignment_rule.change")
def _change_rule(user, assignment_rule) -> bool:
    """Only platform administrators configure routing."""
    return False


@rule("cases.case.view")
def _view(user, case) -> bool:
    if case is None:
        return has_role(user, *DEPARTMENT_ROLES)
    if user.pk in (case.requester_id, case.assignee_id, case.supervisor_id):
        return True
    return has_role(user, *DEPARTMENT_ROLES) and in_scope(user, case.region)


@rule("cases.case.manage")
def _manage(user, case) -> bool:
    """Assign, comment on and attach to a case: its office, assignee and supervisor."""
    if case is None:
        return has_role(user, *DEPARTMENT_ROLES)
    if user.pk in (case.assignee_id, case.supervisor_id):
        return True
    return is_owner_member(user, case) or is_parent_office_member(user, case)


@rule("cases.case.supervise")
def _supervise(user, case) -> bool:
    """督办 / 催办: the case's supervisor or the office above the owning office."""
    if case is None:
        return has_role(user, *DEPARTMENT_ROLES)
    return (case.supervisor_id is not None and case.supervisor_id == user.pk) or is_parent_office_member(user, case)


@rule("cases.case.rate")
def _rate(user, case) -> bool:
    return case is not None and case.requester_id is not None and case.requester_id == user.pk
