"""The roles of the 劳务派遣监管 scene, registered by the scene loader (no migration needed for a new role).

Enterprises applying for special working hours act as the platform's employer administrators (core role).
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

OFFICER = "dispatch_watch_officer"
AGENCY = "dispatch_watch_agency"

ROLES = [
    RoleDefinition(OFFICER, _("劳务派遣监管员"), Colour.BLUE, department=True, home="dispatch_watch:agency_list"),
    RoleDefinition(AGENCY, _("劳务派遣单位填报员"), Colour.GREEN, home="dispatch_watch:portal"),
]
