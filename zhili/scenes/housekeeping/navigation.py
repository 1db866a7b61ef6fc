"""The 浙里好家政 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import AGENCY_ADMIN, CLERK, CUSTOMER, WORKER

MENU = [
    MenuItem(label=_("我的安心码"), url_name="housekeeping:my_code", roles=frozenset({WORKER}), mobile=True),
    MenuItem(label=_("找家政"), url_name="housekeeping:customer_home", roles=frozenset({CUSTOMER}), mobile=True),
    MenuItem(label=_("本机构家政服务员"), url_name="housekeeping:agency_home", roles=frozenset({AGENCY_ADMIN})),
    MenuItem(label=_("家政服务员"), url_name="housekeeping:worker_list", roles=frozenset({CLERK})),
    MenuItem(label=_("重点关注名单"), url_name="housekeeping:watch_list", roles=frozenset({CLERK})),
    MenuItem(label=_("当家政：就业帮扶"), url_name="housekeeping:seeker_list", roles=frozenset({CLERK})),
    MenuItem(label=_("浙里好家政驾驶舱"), url_name="housekeeping:cockpit", roles=frozenset({CLERK})),
]
