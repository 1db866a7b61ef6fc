"""The roles of the 浙农补 scene, registered by the scene loader (no migration needed for a new role)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CLERK = "grain_subsidy_clerk"
APPROVER = "grain_subsidy_approver"
FARMER = "grain_subsidy_farmer"

ROLES = [
    RoleDefinition(CLERK, _("浙农补经办人员"), Colour.BLUE, department=True, home="grain_subsidy:plot_list"),
    RoleDefinition(APPROVER, _("浙农补资金审批人"), Colour.ORANGE, department=True,
                   home="grain_subsidy:payment_list"),
    RoleDefinition(FARMER, _("种粮农户"), Colour.GREEN, home="grain_subsidy:mine"),
]
