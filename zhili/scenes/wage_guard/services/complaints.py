"""Complaints by the 安薪码 and every other channel, registered in one window (一窗受理), mediation first.

A worker scans the project's 安薪码 (its rights notice board, MWR Art. 34), says how much is owed, for which months
and how many workers: a ``wage_guard.complaint`` case is opened for the HR bureau of the project's region (首问负责,
MWR Art. 10) and ``wage_guard.complaint.filed`` is published so the mediation scene can take it up. The worker
follows the case's steps and rates the result through core.cases.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.cases.api import open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import Role, has_role

from ..choices import ComplaintChannel
from ..models import Complaint, Project
from .common import evidence, money, required
from .payroll import month_start

COMPLAINT_CASE = "wage_guard.complaint"


@transaction.atomic
def file_complaint(project: Project, *, amount, period_from: dt.date, period_to: dt.date, description: str,
                   workers: int = 1, channel: str = ComplaintChannel.QR, complainant=None, actor) -> Complaint:
    """Register a complaint about ``project``; a worker files their own, an HR officer one taken at the window."""
    complainant = complainant or actor
    if complainant.pk != actor.pk and not has_role(actor, "wage_guard_hrss"):
        raise PermissionDenied(_("只能以本人名义投诉"))
    if not has_role(complainant, Role.WORKER):
        raise PermissionDenied(_("请先以劳动者身份实名登录"))
    if channel not in ComplaintChannel.values:
        raise ValidationError({"channel": _("未知的投诉渠道")}, code="invalid")
    amount = money(amount, "amount", label=_("被拖欠金额"))
    description = required(description, "description", _("情况描述"), 2000)
    period_from, period_to = month_start(period_from), month_start(period_to)
    if period_to < period_from:
        raise ValidationError({"period_to": _("拖欠截止月份早于起始月份")}, code="order")
    if period_from < month_start(project.start_date):
        raise ValidationError({"period_from": _("拖欠起始月份早于项目开工")}, code="before_start")
    try:
        workers = int(workers)
    except (TypeError, ValueError):
        raise ValidationError({"workers": _("涉及人数须为整数")}, code="invalid") from None
    if not 1 <= workers <= 10000:
        raise ValidationError({"workers": _("涉及人数须在 1 至 10000 之间")}, code="out_of_range")
    case = open_case(COMPLAINT_CASE, title=_("{p}：欠薪投诉 {a} 元").format(p=project.name, a=amount)[:200],
                     region=project.region, actor=actor, requester=complainant, subject=project,
                     description=_("{d}\n拖欠期间 {f} 至 {t}，涉及 {n} 人，渠道：{c}").format(
                         d=description, f=period_from.strftime("%Y-%m"), t=period_to.strftime("%Y-%m"), n=workers,
                         c=ComplaintChannel(channel).label))
    complaint = Complaint.objects.create(project=project, complainant=complainant, channel=channel, amount=amount,
                                         period_from=period_from, period_to=period_to, workers=workers,
                                         description=description, case=case)
    data = {"complaint": complaint.pk, "project": project.pk, "amount": str(amount), "case": case.number,
            "channel": channel, "period": [period_from.isoformat(), period_to.isoformat()], "workers": workers}
    audit.record("wage_guard.complaint.filed", actor=actor, target=complaint, data=data)
    evidence("wage_guard.complaint.filed", complaint, actor, data)
    events.publish("wage_guard.complaint.filed", complaint_id=complaint.pk, case_id=case.pk, project_id=project.pk,
                   amount=str(amount), workers=workers)
    return complaint
