"""What the 碳效码 scene puts on the role workbenches (工作台): the officer's enterprises that could not be graded
(data to correct), those of grade 5, and the cockpit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries
from .choices import Grade, ResultStatus
from .roles import OFFICER


def _latest_year(user):
    results = queries.visible_results(user)
    period = results.filter(period__regex=r"^\d{4}$").order_by("-period").values_list("period", flat=True).first()
    return results.filter(period=period) if period else results.none()


def _not_graded(user):
    return _latest_year(user).filter(status=ResultStatus.NOT_GRADED).count()


def _grade_five(user):
    return _latest_year(user).filter(grade=Grade.FIVE).count()


def _latest(user, limit):
    return [RecentItem(title=f"{r.enterprise.name} {r.period}", url=reverse("carbon_code:result_detail", args=[r.pk]),
                       when=r.created_at, status=(str(r.status_choice.label), r.status_choice.colour))
            for r in _latest_year(user).filter(status=ResultStatus.NOT_GRADED).order_by("-id")[:limit]]


WORKBENCH = [
    Todo("not_graded", _("碳效无法评价的企业（数据待更正）"), url_name="carbon_code:result_list",
         roles=frozenset({OFFICER}), colour=Colour.RED, count=_not_graded, hint=_("逐家核对数据问题并通知报送部门更正")),
    Todo("grade_five", _("碳效 5 级企业"), url_name="carbon_code:result_list", roles=frozenset({OFFICER}),
         colour=Colour.ORANGE, count=_grade_five, hint=_("安排节能诊断和技术改造")),
    Recent("latest", _("无法评价的企业"), url_name="carbon_code:result_list", roles=frozenset({OFFICER}),
           items=_latest),
    Shortcut("cockpit", _("碳效码驾驶舱"), url_name="carbon_code:cockpit", roles=frozenset({OFFICER})),
]
