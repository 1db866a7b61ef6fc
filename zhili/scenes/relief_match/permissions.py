"""Who may do what in 助共体: department staff in scope see and handle; a household sees its own."""

from zhili.core.identity.api import DEPARTMENT_ROLES, Role, has_role, in_scope, rule


@rule("relief_match.household.view")
def can_view_household(user, household) -> bool:
    """Department staff whose scope covers the household's village; or the household's own account."""
    if household is None:
        return has_role(user, *DEPARTMENT_ROLES)
    if household.user_id is not None and household.user_id == getattr(user, "pk", None):
        return True
    return has_role(user, *DEPARTMENT_ROLES) and in_scope(user, household.region)


@rule("relief_match.application.decide")
def can_decide(user, application) -> bool:
    return has_role(user, Role.OFFICER) and (application is None or in_scope(user, application.household.region))


@rule("relief_match.visit.record")
def can_record_visit(user, visit) -> bool:
    """The worker the visit is assigned to, or an officer in scope."""
    if visit is not None and visit.worker_id == getattr(user, "pk", None):
        return True
    return has_role(user, Role.OFFICER) and (visit is None or in_scope(user, visit.application.household.region))


@rule("relief_match.match.handle")
def can_handle_match(user, match) -> bool:
    return has_role(user, *DEPARTMENT_ROLES) and (match is None or in_scope(user, match.household.region))


@rule("relief_match.county.run")
def can_run(user, obj) -> bool:
    return has_role(user, Role.OFFICER)


@rule("relief_match.wish.post")
def can_post_wish(user, wish) -> bool:
    return user is not None and user.is_authenticated
