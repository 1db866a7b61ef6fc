"""What the labour-risk scene puts on the role workbenches: the warnings in the officer's region (red and orange
first), the enterprise's own warning, and the worst enterprises as a recent panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.indicators.api import Level
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries

OFFICERS = frozenset({"officer", "inspector"})
HR = frozenset({"employer_admin"})


def _worst(user, limit):
    return [RecentItem(title=e.name, url=reverse("labor_risk:profile", args=[e.uscc]), when=None,
                       status=(str(Level(e.level).label), Level(e.level).colour), note=e.region.name)
            for e in queries.warning_list(user).select_related("region")[:limit]]


WORKBENCH = [
    Todo("red_orange", _("辖区红橙预警"), url_name="labor_risk:warnings", roles=OFFICERS, colour=Colour.RED,
         count=lambda user: queries.warning_list(user).filter(level__in=[Level.RED, Level.ORANGE]).count(),
         hint=_("优先上门核查，逐户处置")),
    Todo("warnings", _("辖区预警"), url_name="labor_risk:warnings", roles=OFFICERS, colour=Colour.ORANGE,
         count=lambda user: queries.warning_list(user).count(), hint=_("蓝色及以上预警的企业")),
    Todo("own_warning", _("本单位风险预警"), url_name="labor_risk:mine", roles=HR, colour=Colour.ORANGE,
         count=lambda user: queries.own_enterprises(user).exclude(level=Level.NONE).count(),
         hint=_("查看扣分项并整改")),
    Recent("worst", _("预警等级最高的企业"), url_name="labor_risk:warnings", roles=OFFICERS, items=_worst),
    Shortcut("cockpit", _("劳动关系驾驶舱"), url_name="labor_risk:cockpit", roles=OFFICERS),
]
