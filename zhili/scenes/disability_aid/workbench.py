"""What the 智慧助残 scene puts on the role workbenches (工作台): the worker's cases to visit and to apply for, the
clerk's results to record and certificates to issue, the latest suspected cases and the cockpit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries
from .choices import ApplicationStatus, RunStatus, SuspectStatus
from .roles import APPROVER, CLERK, PREVENTION, WORKER


def _to_visit(user):
    return queries.visible_suspects(user).filter(status=SuspectStatus.DETECTED).count()


def _to_apply(user):
    return queries.visible_suspects(user).filter(status=SuspectStatus.VISITED).count()


def _to_assess(user):
    return queries.visible_applications(user).filter(status=ApplicationStatus.BOOKED).count()


def _to_issue(user):
    return queries.visible_applications(user).filter(status=ApplicationStatus.ASSESSED, certificate__isnull=True).count()


def _runs(status):
    def count(user):
        return queries.visible_runs(user).filter(status=status).exclude(prepared_by=user).exclude(
            first_approver=user).count()
    return count


def _to_place(user):
    return queries.visible_placements(user).filter(status__in=("recommended", "interested")).count()


def _unrouted(user):
    return queries.visible_injuries(user).filter(case__isnull=True).count()


def _latest(user, limit):
    return [RecentItem(title=s.person.key, url=reverse("disability_aid:suspect_detail", args=[s.pk]),
                       when=s.created_at, status=(str(s.status_choice.label), s.status_choice.colour))
            for s in queries.visible_suspects(user).order_by("-id")[:limit]]


WORKBENCH = [
    Todo("to_visit", _("疑似残疾待入户核查"), url_name="disability_aid:visit_list", roles=frozenset({WORKER}),
         colour=Colour.BLUE, count=_to_visit, hint=_("上门核查，记录本人意愿")),
    Todo("to_apply", _("已核查待申请评残"), url_name="disability_aid:visit_list", roles=frozenset({WORKER}),
         colour=Colour.ORANGE, count=_to_apply, hint=_("平台生成申请并预约指定医院")),
    Todo("to_assess", _("待录入评定结果"), url_name="disability_aid:suspect_list", query="status=applied",
         roles=frozenset({CLERK}), colour=Colour.ORANGE, count=_to_assess),
    Todo("to_issue", _("待发残疾人证"), url_name="disability_aid:suspect_list", query="status=applied",
         roles=frozenset({CLERK}), colour=Colour.GREEN, count=_to_issue),
    Todo("run_to_approve", _("两项补贴批次待审核"), url_name="disability_aid:run_list", roles=frozenset({CLERK, APPROVER}),
         colour=Colour.ORANGE, count=_runs(RunStatus.PREPARED), hint=_("制表人以外的人审核")),
    Todo("run_to_review", _("两项补贴批次待复核"), url_name="disability_aid:run_list", roles=frozenset({APPROVER}),
         colour=Colour.RED, count=_runs(RunStatus.FIRST_APPROVED), hint=_("复核后生成发放文件并存证")),
    Todo("to_place", _("推荐就业待记录结果"), url_name="disability_aid:job_list", roles=frozenset({CLERK}),
         colour=Colour.BLUE, count=_to_place, hint=_("本人有意向或已推荐，记录用人单位的答复")),
    Todo("unrouted", _("致残事故未分派"), url_name="disability_aid:injury_list", roles=frozenset({CLERK}),
         colour=Colour.RED, count=_unrouted, hint=_("为该类工单配置分派规则后重新推送")),
    Shortcut("injuries", _("致残事故推送"), url_name="disability_aid:injury_list", roles=frozenset({PREVENTION})),
    Recent("latest", _("最新疑似残疾线索"), url_name="disability_aid:suspect_list", roles=frozenset({CLERK}),
           items=_latest),
    Shortcut("cockpit", _("智慧助残驾驶舱"), url_name="disability_aid:cockpit", roles=frozenset({CLERK})),
]
