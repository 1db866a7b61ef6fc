"""The platform's own menu entries: core's pages that belong to no scene (cases, data, verification, grants, jobs).

The left menu groups them under their ``group``; scenes' entries come from each scene's ``navigation.py``.
"""

from django.utils.translation import gettext_lazy as _

from .base import MenuItem

WORKER = frozenset({"worker"})
OFFICERS = frozenset({"officer", "inspector"})

MENU = [
    MenuItem(label=_("工单办理"), url_name="cases:list", department=True, group=_("协同处置")),
    MenuItem(label=_("数据归集"), url_name="datapool:batch_list", roles=OFFICERS, group=_("协同处置")),
    MenuItem(label=_("电子合同验签"), url_name="esign:verify", roles=OFFICERS, group=_("协同处置")),
    MenuItem(label=_("授权管理"), url_name="sharing:grants", roles=WORKER, group=_("我的数据"), mobile=True),
    MenuItem(label=_("查阅记录"), url_name="sharing:access_log", roles=WORKER, group=_("我的数据"), mobile=True),
    MenuItem(label=_("定时任务"), url_name="jobs:list", roles=frozenset({"platform_admin"}), group=_("平台管理")),
]
