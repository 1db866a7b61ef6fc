"""The 劳务派遣监管 scene's menu: each entry shows to the roles named."""

from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role
from zhili.core.scenes.api import MenuItem

from .roles import AGENCY, OFFICER

_OFFICER = frozenset({OFFICER})

MENU = [
    MenuItem(label=_("派遣单位填报"), url_name="dispatch_watch:portal", roles=frozenset({AGENCY}), mobile=True),
    MenuItem(label=_("劳务派遣单位"), url_name="dispatch_watch:agency_list", roles=_OFFICER),
    MenuItem(label=_("派遣年度报告核验"), url_name="dispatch_watch:report_list", roles=_OFFICER),
    MenuItem(label=_("用工单位派遣预警"), url_name="dispatch_watch:host_list", roles=_OFFICER),
    MenuItem(label=_("特殊工时审批"), url_name="dispatch_watch:hours_list", roles=frozenset({OFFICER, Role.EMPLOYER_ADMIN})),
    MenuItem(label=_("劳务派遣驾驶舱"), url_name="dispatch_watch:cockpit", roles=_OFFICER),
]
