"""What the 浙里好家政 scene puts on the role workbenches (工作台)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Shortcut, Todo

from . import queries
from .choices import CodeColour
from .roles import AGENCY_ADMIN, CLERK, WORKER


def _red(user):
    return queries.visible_workers(user).filter(code_colour=CodeColour.RED, active=True).count()


def _open_slips(user):
    return queries.open_slips(queries.visible_slips(user)).count()


def _own_not_green(user):
    worker = queries.own_worker(user)
    return int(worker is not None and worker.code_colour != CodeColour.GREEN)


WORKBENCH = [
    Todo("red_workers", _("辖区红码家政服务员"), url_name="housekeeping:worker_list", query="colour=red",
         roles=frozenset({CLERK}), colour=Colour.RED, count=_red, hint=_("核实情况，列入重点关注")),
    Todo("open_slips", _("待签收的安心码整改通知单"), url_name="housekeeping:agency_home", roles=frozenset({AGENCY_ADMIN}),
         colour=Colour.ORANGE, count=_open_slips, hint=_("签收后督促服务员整改")),
    Todo("my_code", _("我的安心码待整改"), url_name="housekeeping:my_code", roles=frozenset({WORKER}), personal=True,
         colour=Colour.YELLOW, count=_own_not_green, hint=_("查看原因和整改要求")),
    Shortcut("cockpit", _("浙里好家政驾驶舱"), url_name="housekeeping:cockpit", roles=frozenset({CLERK})),
]
