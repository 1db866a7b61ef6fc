"""Who may see warnings and enterprise profiles, run evaluations and load the register."""

from zhili.core.identity.api import DEPARTMENT_ROLES, Role, has_role, in_scope, rule


def own_usccs(user) -> set[str]:
    """The USCCs of the enterprises in which ``user`` is an administrator."""
    if user is None or not user.is_authenticated:
        return set()
    return set(user.memberships.filter(is_active=True, role=Role.EMPLOYER_ADMIN, organization__isnull=False)
               .values_list("organization__uscc", flat=True))


@rule("labor_risk.warning.view")
def can_view_warnings(user, obj) -> bool:
    """Department staff see warnings in their data scope (filtered by ``filter_by_scope``)."""
    return has_role(user, *DEPARTMENT_ROLES)


@rule("labor_risk.enterprise.view")
def can_view_enterprise(user, enterprise) -> bool:
    """Department staff whose scope covers the enterprise's town; or the enterprise's own administrator."""
    if enterprise is None:
        return has_role(user, *DEPARTMENT_ROLES)
    if enterprise.uscc in own_usccs(user):
        return True
    return has_role(user, *DEPARTMENT_ROLES) and in_scope(user, enterprise.region)


def may_view_entity(user, uscc: str) -> bool:
    """The scope of the generic indicator pages for this scene's system: the enterprise's own rule above."""
    from zhili.core.identity.api import can

    from .models import MonitoredEnterprise

    enterprise = MonitoredEnterprise.objects.select_related("region").filter(uscc=uscc).first()
    return enterprise is not None and can(user, "labor_risk.enterprise.view", enterprise)


@rule("labor_risk.evaluation.run")
def can_run_evaluation(user, obj) -> bool:
    return has_role(user, Role.OFFICER)


@rule("labor_risk.enterprise.sync")
def can_sync(user, obj) -> bool:
    return has_role(user, Role.OFFICER)


@rule("labor_risk.own.view")
def can_view_own(user, obj) -> bool:
    """An enterprise administrator sees their own enterprise's colour code."""
    return bool(own_usccs(user))
