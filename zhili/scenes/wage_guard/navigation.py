"""The 安薪在线 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.scenes.api import MenuItem

from .roles import CONTRACTOR, HOUSING, HRSS, TEAM_LEAD

MENU = [
    MenuItem(label=_("我的工资"), url_name="wage_guard:my_wages", roles=frozenset({Role.WORKER}), mobile=True),
    MenuItem(label=_("在建项目"), url_name="wage_guard:project_list",
             roles=frozenset({CONTRACTOR, TEAM_LEAD, HOUSING, HRSS})),
    MenuItem(label=_("欠薪风险"), url_name="wage_guard:finding_list", roles=frozenset({CONTRACTOR, TEAM_LEAD, HOUSING, HRSS})),
    MenuItem(label=_("诚信等级"), url_name="wage_guard:credit_list", roles=frozenset({HOUSING, HRSS})),
    MenuItem(label=_("安薪在线驾驶舱"), url_name="wage_guard:cockpit", roles=frozenset({HOUSING, HRSS})),
]
