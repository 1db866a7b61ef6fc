"""The 浙农补 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import APPROVER, CLERK, FARMER

MENU = [
    MenuItem(label=_("我的种粮补贴"), url_name="grain_subsidy:mine", roles=frozenset({FARMER}), mobile=True),
    MenuItem(label=_("浙农补地块"), url_name="grain_subsidy:plot_list", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("浙农补一张图"), url_name="grain_subsidy:plot_map", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("浙农补航拍监测"), url_name="grain_subsidy:survey_list", roles=frozenset({CLERK})),
    MenuItem(label=_("浙农补批次"), url_name="grain_subsidy:round_list", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("浙农补代发"), url_name="grain_subsidy:payment_list", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("粮食安全预警"), url_name="grain_subsidy:security", roles=frozenset({CLERK, APPROVER})),
    MenuItem(label=_("浙农补驾驶舱"), url_name="grain_subsidy:cockpit", roles=frozenset({CLERK, APPROVER})),
]
