"""Who may register and change organisations (platform admins may do everything, see identity.permissions)."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, in_scope, rule


@rule("orgs.enterprise.register")
def _register_enterprise(user, region) -> bool:
    """A department officer registers enterprises located inside their data scope."""
    return has_role(user, Role.OFFICER) and in_scope(user, region)


@rule("orgs.department.register")
def _register_department(user, region) -> bool:
    """Only platform administrators register departments (the rule itself grants no one else)."""
    return False


@rule("orgs.organization.change")
def _change_organization(user, organization) -> bool:
    """A department officer changes organisations inside their data scope."""
    return organization is not None and has_role(user, Role.OFFICER) and in_scope(user, organization.region)
