"""Who may run evaluations and see results: department staff."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, rule
from zhili.core.identity.roles import DEPARTMENT_ROLES


@rule("indicators.system.evaluate")
def can_evaluate(user, system) -> bool:
    return has_role(user, Role.OFFICER)


@rule("indicators.result.view")
def can_view(user, result) -> bool:
    return has_role(user, *DEPARTMENT_ROLES)
