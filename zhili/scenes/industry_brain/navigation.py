"""The 童装产业大脑 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import BANK, BRAND, FACTORY, OFFICER, SUPPLIER, WORKER

FIRMS = frozenset({BRAND, FACTORY, SUPPLIER})
MENU = [
    MenuItem(label=_("我的企业（童装产业大脑）"), url_name="industry_brain:firm_home", roles=FIRMS),
    MenuItem(label=_("童装设计库"), url_name="industry_brain:design_list", roles=FIRMS),
    MenuItem(label=_("童装用工"), url_name="industry_brain:worker_home", roles=frozenset({WORKER}), mobile=True),
    MenuItem(label=_("童装企业信贷"), url_name="industry_brain:bank_home", roles=frozenset({BANK})),
    MenuItem(label=_("童装产业地图"), url_name="industry_brain:firm_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("云工厂派单"), url_name="industry_brain:order_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("童装集采"), url_name="industry_brain:procurement_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("童装企业信用"), url_name="industry_brain:credit_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("童装企业运行监测"), url_name="industry_brain:monitoring_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("童装产业大脑驾驶舱"), url_name="industry_brain:cockpit", roles=frozenset({OFFICER})),
]
