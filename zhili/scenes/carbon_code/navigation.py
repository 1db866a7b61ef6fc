"""The 碳效码 scene's menu: each entry shows to the roles named."""

from zhili.core.scenes.api import MenuItem

from .roles import ENTERPRISE, OFFICER

MENU = [
    MenuItem(label="我的碳效码", url_name="carbon_code:mine", roles=frozenset({ENTERPRISE}), mobile=True),
    MenuItem(label="企业碳效", url_name="carbon_code:result_list", roles=frozenset({OFFICER})),
    MenuItem(label="区域与行业碳效", url_name="carbon_code:region_list", roles=frozenset({OFFICER})),
    MenuItem(label="碳效码驾驶舱", url_name="carbon_code:cockpit", roles=frozenset({OFFICER})),
]
