"""The 关键小事 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import CITIZEN, CLERK, EXPERIENCE, OFFICER, POLICE

MENU = [
    MenuItem(label=_("关键小事"), url_name="small_matters:home", roles=frozenset({CITIZEN}), mobile=True),
    MenuItem(label=_("居住登记"), url_name="small_matters:residence", roles=frozenset({CITIZEN}), mobile=True),
    MenuItem(label=_("犬只登记"), url_name="small_matters:dogs", roles=frozenset({CITIZEN}), mobile=True),
    MenuItem(label=_("我的证件照"), url_name="small_matters:photo", roles=frozenset({CITIZEN}), mobile=True),
    MenuItem(label=_("体验发现"), url_name="small_matters:findings", roles=frozenset({EXPERIENCE}), mobile=True),
    MenuItem(label=_("体验员发现"), url_name="small_matters:findings", roles=frozenset({OFFICER})),
    MenuItem(label=_("犬只登记审核"), url_name="small_matters:dog_queue", roles=frozenset({POLICE})),
    MenuItem(label=_("居住登记审核"), url_name="small_matters:residence_queue", roles=frozenset({POLICE})),
    MenuItem(label=_("失业保险金主动办理"), url_name="small_matters:claim_list", roles=frozenset({CLERK})),
    MenuItem(label=_("关键小事驾驶舱"), url_name="small_matters:cockpit", roles=frozenset({CLERK, OFFICER, POLICE})),
]
