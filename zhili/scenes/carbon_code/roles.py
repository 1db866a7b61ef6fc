"""The roles of the 碳效码 scene, registered by the scene loader (no migration needed for a new role).

An enterprise's own pages are for its administrators (core's ``employer_admin`` role with the enterprise as the
membership's organisation); the officer of 经信局 / 发改委 sees the enterprises of their region.
"""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import Role, RoleDefinition

OFFICER = "carbon_code_officer"
BANK = "carbon_code_bank"
ENTERPRISE = Role.EMPLOYER_ADMIN

ROLES = [
    RoleDefinition(OFFICER, _("碳效码管理人员（经信局）"), Colour.BLUE, department=True,
                   home="carbon_code:result_list"),
    RoleDefinition(BANK, _("碳效贷客户经理（银行）"), Colour.GREEN, home="carbon_code:loan_bank"),
]
