"""What the 浙里急救 scene puts on the role workbenches (工作台): the dispatcher's waiting calls, the crew's
active run, the hospital's incoming patients, and shortcuts."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Shortcut, Todo

from . import queries
from .choices import CallStatus
from .roles import CALLER, CREW, DISPATCHER, HOSPITAL, LEADER

WORKBENCH = [
    Todo("waiting_calls", _("待调度呼救"), url_name="emergency:console", roles=frozenset({DISPATCHER}),
         colour=Colour.RED, count=lambda user: queries.centre_calls(user).filter(status=CallStatus.WAITING).count(),
         hint=_("按优先级分诊、派车")),
    Todo("crew_runs", _("我的出车任务"), url_name="emergency:crew", roles=frozenset({CREW}), personal=True,
         colour=Colour.ORANGE, count=lambda user: queries.crew_runs(user).count(), hint=_("接单并报告状态")),
    Todo("incoming", _("即将送达的患者"), url_name="emergency:hospital", roles=frozenset({HOSPITAL}),
         colour=Colour.BLUE, count=lambda user: queries.incoming_runs(user).count(), hint=_("提前查看生命体征")),
    Shortcut("call", _("一键呼救 120"), url_name="emergency:call", roles=frozenset({CALLER})),
    Shortcut("cockpit", _("急救驾驶舱"), url_name="emergency:cockpit", roles=frozenset({DISPATCHER, LEADER})),
]
