"""What core.cases puts on every department role's workbench: the open cases waiting for me, those due this week, the overdue
ones in my view, and the latest cases."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.choices import Colour
from zhili.core.ui.api import Recent, RecentItem, Todo

from . import queries
from .registry import case_types


def _due_this_week(user):
    return queries.awaiting_me(user).filter(due_at__lte=timezone.now() + dt.timedelta(days=7)).count()


def _latest(user, limit):
    types = case_types()
    items = []
    for case in queries.visible_cases(user).filter(closed_at__isnull=True).order_by("-id")[:limit]:
        case_type = types.get(case.case_type)
        status = ((str(case.state_label), case.state_colour) if case_type else (case.state, Colour.GRAY))
        items.append(RecentItem(title=case.title, url=case.get_absolute_url(), when=case.due_at,
                                status=status, note=case.number))
    return items


WORKBENCH = [
    Todo("mine", _("待办工单"), url_name="cases:list", query="box=mine", department=True, colour=Colour.BLUE,
         count=lambda user: queries.awaiting_me(user).count(),
         hint=_("分派给我的，以及本单位待我受理、派单、办结的工单")),
    Todo("due_this_week", _("本周到期"), url_name="cases:list", query="box=mine", department=True,
         colour=Colour.ORANGE, count=_due_this_week, hint=_("七天内到期的待办工单")),
    Todo("overdue", _("超期工单"), url_name="cases:list", query="box=overdue", department=True, colour=Colour.RED,
         count=lambda user: queries.overdue_cases(user).count(), hint=_("已过当前环节期限，需督办")),
    Recent("latest", _("最新工单"), url_name="cases:list", query="box=all", department=True, items=_latest),
]
