"""The roles of the 童装产业大脑 scene, registered by the scene loader (no migration needed for a new role)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import RoleDefinition

OFFICER = "industry_brain_officer"
BRAND = "industry_brain_brand"
FACTORY = "industry_brain_factory"
SUPPLIER = "industry_brain_supplier"
WORKER = "industry_brain_worker"
BANK = "industry_brain_bank"
FIRM_ROLES = (BRAND, FACTORY, SUPPLIER)

ROLES = [
    RoleDefinition(OFFICER, _("产业大脑运营人员（经信局）"), Colour.BLUE, department=True, home="industry_brain:firm_list"),
    RoleDefinition(BRAND, _("童装品牌商"), Colour.BLUE, home="industry_brain:firm_home"),
    RoleDefinition(FACTORY, _("童装加工厂"), Colour.GREEN, home="industry_brain:firm_home"),
    RoleDefinition(SUPPLIER, _("面辅料供应商"), Colour.ORANGE, home="industry_brain:firm_home"),
    RoleDefinition(WORKER, _("童装工人"), Colour.GREEN, home="industry_brain:worker_home"),
    RoleDefinition(BANK, _("银行客户经理"), Colour.YELLOW, home="industry_brain:bank_home"),
]
