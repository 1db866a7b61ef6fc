"""The roles of the 浙里好家政 scene, registered by the scene loader (no migration needed for a new role)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

CLERK = "housekeeping_clerk"
AGENCY_ADMIN = "housekeeping_agency_admin"
WORKER = "housekeeping_worker"
CUSTOMER = "housekeeping_customer"

ROLES = [
    RoleDefinition(CLERK, _("家政服务监管人员"), Colour.BLUE, department=True, home="housekeeping:worker_list"),
    RoleDefinition(AGENCY_ADMIN, _("家政机构管理员"), Colour.ORANGE, home="housekeeping:agency_home"),
    RoleDefinition(WORKER, _("家政服务员"), Colour.GREEN, home="housekeeping:my_code"),
    RoleDefinition(CUSTOMER, _("家政客户"), Colour.GREEN, home="housekeeping:customer_home"),
]
