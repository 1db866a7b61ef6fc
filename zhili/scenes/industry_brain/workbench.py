"""What the 童装产业大脑 scene puts on the role workbenches (工作台)."""

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Shortcut, Todo

from . import queries
from .choices import OrderStatus, PartStatus
from .roles import FACTORY, OFFICER


def _posted(user):
    return queries.orders(user).filter(status=OrderStatus.POSTED).count()


def _proposed(user):
    return queries.parts(user).filter(status=PartStatus.PROPOSED).count()


def _late(user):
    return len(queries.late_risk(user))


WORKBENCH = [
    Todo("to_dispatch", _("云工厂待派单"), url_name="industry_brain:order_list", roles=frozenset({OFFICER}),
         colour=Colour.BLUE, count=_posted, hint=_("一键派单，按成本最优拆分给工厂")),
    Todo("late_risk", _("云工厂延期风险"), url_name="industry_brain:order_list", roles=frozenset({OFFICER}),
         colour=Colour.RED, count=_late, hint=_("进度落后于计划的派单")),
    Todo("to_answer", _("待确认的派单"), url_name="industry_brain:firm_home", roles=frozenset({FACTORY}),
         personal=True, count=_proposed, hint=_("接单或拒单")),
    Shortcut("cockpit", _("童装产业大脑驾驶舱"), url_name="industry_brain:cockpit", roles=frozenset({OFFICER})),
]
