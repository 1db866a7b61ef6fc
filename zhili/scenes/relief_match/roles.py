"""The roles of 助共体, registered by the scene loader: the families who apply and the volunteers of social
organisations; department staff use core's officer role."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

APPLICANT = "relief_match_applicant"
VOLUNTEER = "relief_match_volunteer"

ROLES = [
    RoleDefinition(APPLICANT, _("助共体救助家庭"), Colour.ORANGE, home="relief_match:home"),
    RoleDefinition(VOLUNTEER, _("助共体志愿者"), Colour.GREEN, home="relief_match:wishes"),
]
