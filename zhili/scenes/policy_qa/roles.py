"""The roles of the 政策咨询机器人 scene, registered by the scene loader (no migration needed for a new role).

Citizens need no role: anyone may ask, logged in or not.
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

OFFICER = "policy_qa_officer"
LEADER = "policy_qa_leader"

ROLES = [
    RoleDefinition(OFFICER, _("政策咨询坐席人员"), Colour.BLUE, department=True, home="policy_qa:queue"),
    RoleDefinition(LEADER, _("劳动关系决策人员"), Colour.ORANGE, department=True, home="policy_qa:cockpit"),
]
