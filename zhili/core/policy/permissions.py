"""Who may keep policies: department officers; anyone may use the calculator."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, rule
from zhili.core.identity.roles import DEPARTMENT_ROLES


@rule("policy.policy.manage")
def can_manage(user, policy) -> bool:
    return has_role(user, Role.OFFICER)


@rule("policy.policy.view")
def can_view(user, policy) -> bool:
    return has_role(user, *DEPARTMENT_ROLES)
