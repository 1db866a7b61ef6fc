"""The roles of the 安薪在线 scene, registered by the scene loader (no migration needed for a new role).

Workers use the platform's own worker role (``Role.WORKER``).
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CONTRACTOR = "wage_guard_contractor"
TEAM_LEAD = "wage_guard_team_lead"
HOUSING = "wage_guard_housing"
HRSS = "wage_guard_hrss"

OFFICERS = (HOUSING, HRSS)

ROLES = [
    RoleDefinition(CONTRACTOR, _("总包单位劳资专管员"), Colour.BLUE, home="wage_guard:project_list"),
    RoleDefinition(TEAM_LEAD, _("分包班组长"), Colour.GREEN, home="wage_guard:project_list"),
    RoleDefinition(HOUSING, _("住建部门欠薪监管人员"), Colour.ORANGE, department=True, home="wage_guard:project_list"),
    RoleDefinition(HRSS, _("人社部门欠薪治理人员"), Colour.RED, department=True, home="wage_guard:project_list"),
]
