from django.utils.translation import gettext_lazy as _

from zhili.core.scenes.api import MenuItem

from .roles import APPLICANT

DEPARTMENT = frozenset({"officer", "inspector"})

MENU = [
    MenuItem(label=_("主动发现预警"), url_name="relief_match:warnings", roles=DEPARTMENT),
    MenuItem(label=_("救助申请"), url_name="relief_match:applications", roles=DEPARTMENT),
    MenuItem(label=_("入户核查"), url_name="relief_match:visits", roles=DEPARTMENT, mobile=True),
    MenuItem(label=_("联合帮扶"), url_name="relief_match:matches", roles=DEPARTMENT),
    MenuItem(label=_("助共体驾驶舱"), url_name="relief_match:cockpit", roles=DEPARTMENT),
    MenuItem(label=_("我的救助"), url_name="relief_match:home", roles=frozenset({APPLICANT}), mobile=True),
    MenuItem(label=_("微心愿"), url_name="relief_match:wishes", mobile=True),
]
