"""The roles of the 智慧助残 scene, registered by the scene loader (no migration needed for a new role)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CLERK = "disability_aid_clerk"
WORKER = "disability_aid_worker"
APPROVER = "disability_aid_approver"
PREVENTION = "disability_aid_prevention"

ROLES = [
    RoleDefinition(CLERK, _("残联经办人员"), Colour.BLUE, department=True, home="disability_aid:suspect_list"),
    RoleDefinition(APPROVER, _("残联补贴复核人员"), Colour.ORANGE, department=True, home="disability_aid:run_list"),
    RoleDefinition(WORKER, _("残疾人专职委员"), Colour.GREEN, department=True, home="disability_aid:visit_list"),
    RoleDefinition(PREVENTION, _("致残事故防控联络员"), Colour.RED, department=True, home="disability_aid:injury_list"),
]
