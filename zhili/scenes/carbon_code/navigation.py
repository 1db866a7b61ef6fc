"""The 碳效码 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import BANK, ENTERPRISE, OFFICER

MENU = [
    MenuItem(label=_("我的碳效码"), url_name="carbon_code:mine", roles=frozenset({ENTERPRISE}), mobile=True),
    MenuItem(label=_("我的碳足迹"), url_name="carbon_code:footprint", roles=frozenset({ENTERPRISE}), mobile=True),
    MenuItem(label=_("碳效贷"), url_name="carbon_code:loan_mine", roles=frozenset({ENTERPRISE}), mobile=True),
    MenuItem(label=_("碳效服务"), url_name="carbon_code:services_mine", roles=frozenset({ENTERPRISE}), mobile=True),
    MenuItem(label=_("碳效贷审批"), url_name="carbon_code:loan_bank", roles=frozenset({BANK})),
    MenuItem(label=_("企业碳效"), url_name="carbon_code:result_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("区域与行业碳效"), url_name="carbon_code:region_list", roles=frozenset({OFFICER})),
    MenuItem(label=_("碳效服务匹配"), url_name="carbon_code:services_officer", roles=frozenset({OFFICER})),
    MenuItem(label=_("碳效预警与整改"), url_name="carbon_code:warnings", roles=frozenset({OFFICER})),
    MenuItem(label=_("碳效码驾驶舱"), url_name="carbon_code:cockpit", roles=frozenset({OFFICER})),
    MenuItem(label=_("碳效地图"), url_name="carbon_code:map", roles=frozenset({OFFICER})),
]
