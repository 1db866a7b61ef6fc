"""Who may see the employment analytics: department staff (officers, inspectors), inside their region."""

from zhili.core.identity.choices import Role
from zhili.core.identity.permissions import has_role, rule


@rule("labor_contract.analytics.view")
def can_view_analytics(user, obj=None) -> bool:
    return has_role(user, Role.OFFICER, Role.INSPECTOR)
