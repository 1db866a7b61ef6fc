from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

MENU = [
    MenuItem(label=_("劳动合同"), url_name="labor_contract:list", roles=frozenset({"employer_admin", "seal_keeper"})),
    MenuItem(label=_("批量发约"), url_name="labor_contract:batch_upload", roles=frozenset({"employer_admin"})),
    MenuItem(label=_("存量合同录入"), url_name="labor_contract:existing_upload", roles=frozenset({"employer_admin"})),
    MenuItem(label=_("签署二维码"), url_name="labor_contract:qr_sheet", roles=frozenset({"employer_admin"})),
    MenuItem(label=_("印章管理"), url_name="labor_contract:seal_settings", roles=frozenset({"employer_admin", "seal_keeper"})),
    MenuItem(label=_("我的合同"), url_name="labor_contract:mine", roles=frozenset({"worker"}), mobile=True),
    MenuItem(label=_("辖区劳动合同"), url_name="labor_contract:region", roles=frozenset({"officer", "inspector"})),
    MenuItem(label=_("就业用工分析"), url_name="labor_contract:analytics:cockpit", roles=frozenset({"officer", "inspector"})),
]
