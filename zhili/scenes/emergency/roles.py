"""The roles of the 浙里急救 scene, registered by the scene loader (no migration needed for a new role)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CALLER = "emergency_caller"
DISPATCHER = "emergency_dispatcher"
CREW = "emergency_crew"
HOSPITAL = "emergency_hospital"
LEADER = "emergency_leader"

ROLES = [
    RoleDefinition(CALLER, _("急救呼救人"), Colour.RED, home="emergency:call"),
    RoleDefinition(DISPATCHER, _("120 调度员"), Colour.BLUE, department=True, home="emergency:console"),
    RoleDefinition(CREW, _("救护车组人员"), Colour.ORANGE, home="emergency:crew"),
    RoleDefinition(HOSPITAL, _("医院急诊接收人员"), Colour.GREEN, home="emergency:hospital"),
    RoleDefinition(LEADER, _("急救中心负责人"), Colour.BLUE, department=True, home="emergency:cockpit"),
]
