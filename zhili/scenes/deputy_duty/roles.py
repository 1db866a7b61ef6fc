"""The roles of the 人大代表履职 scene, registered by the scene loader (no migration needed for a new role).

Any signed-in person may give an opinion by a station's or a deputy's QR code; the citizen role (群众) only puts
the scene's page and to-dos on a resident's workbench.
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

OFFICE = "deputy_duty_office"
DEPUTY = "deputy_duty_deputy"
HANDLER = "deputy_duty_handler"
CITIZEN = "deputy_duty_citizen"

ROLES = [
    RoleDefinition(OFFICE, _("人大联络站工作人员"), Colour.RED, department=True, home="deputy_duty:opinion_list"),
    RoleDefinition(DEPUTY, _("人大代表"), Colour.RED, home="deputy_duty:deputy_home"),
    RoleDefinition(HANDLER, _("意见承办部门工作人员"), Colour.BLUE, department=True, home="deputy_duty:opinion_list"),
    RoleDefinition(CITIZEN, _("群众"), Colour.GREEN, home="deputy_duty:home"),
]
