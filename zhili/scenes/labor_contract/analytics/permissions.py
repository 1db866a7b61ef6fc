"""Who may see the employment analytics: department staff (officers, inspectors), inside their region."""

from zhili.core.identity.api import Role, has_role, rule


@rule("labor_contract.analytics.view")
def can_view_analytics(user, obj=None) -> bool:
    return has_role(user, Role.OFFICER, Role.INSPECTOR)
