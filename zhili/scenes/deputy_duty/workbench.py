"""What the 人大代表履职 scene puts on the role workbenches (工作台): the office's opinions to grade, a department's
to answer, a deputy's and a citizen's answers to rate, the latest opinions and the cockpit."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Colour
from zhili.core.identity.api import Role, has_role
from zhili.core.ui.api import Recent, RecentItem, Shortcut, Todo

from . import queries
from .choices import OpinionStatus
from .roles import CITIZEN, DEPUTY, HANDLER, OFFICE


def _to_grade(user):
    if not has_role(user, OFFICE):
        return 0
    return queries.visible_opinions(user).filter(status=OpinionStatus.SUBMITTED).count()


def _to_answer(user):
    return queries.visible_opinions(user).filter(
        Q(department__isnull=False), status__in=[OpinionStatus.REFERRED, OpinionStatus.REHANDLING]).count()


def _to_rate_as_deputy(user):
    return sum(queries.may_rate(o, user) for o in queries.followed_opinions(user).filter(
        status__in=[OpinionStatus.ANSWERED, OpinionStatus.REPLIED]))


def _to_rate_as_citizen(user):
    return sum(queries.may_rate(o, user) for o in queries.my_opinions(user).filter(
        status__in=[OpinionStatus.ANSWERED, OpinionStatus.REPLIED]))


def _votes_open(user):
    from django.utils import timezone

    from .models import BallotCast

    now = timezone.now()
    open_sessions = queries.sessions_for(user).filter(opens_at__lte=now, closes_at__gt=now, tallied_at__isnull=True)
    voted = BallotCast.objects.filter(deputy__user=user).values("session_id")
    return open_sessions.exclude(pk__in=voted).count()


def _suggestions_to_review(user):
    from .choices import SuggestionStatus

    return queries.suggestions_for(user).filter(status=SuggestionStatus.SUBMITTED).count() if has_role(
        user, OFFICE) else 0


def _suggestions_to_handle(user):
    from zhili.core.identity.api import organizations_of

    from .choices import SuggestionStatus

    units = organizations_of(user, HANDLER)
    open_work = queries.suggestions_for(user).filter(
        status__in=[SuggestionStatus.ASSIGNED, SuggestionStatus.REHANDLING])
    return open_work.filter(Q(lead_unit_id__in=units) | Q(cohandlings__unit_id__in=units,
                                                          cohandlings__answered_on__isnull=True)).distinct().count()


def _suggestions_for_deputy(user):
    from .choices import SuggestionStatus

    mine = queries.suggestions_for(user)
    invited = mine.filter(status=SuggestionStatus.DRAFT, invitations__deputy__user=user,
                          invitations__confirmed_at=None, invitations__declined_at=None)
    answered = mine.filter(status=SuggestionStatus.ANSWERED, deputy__user=user)
    return invited.count() + answered.count()


def _duty_records_to_check(user):
    return queries.duty_records_to_check(user).count()


def _drafts_open(user):
    from django.utils import timezone

    from .models import DraftComment

    now = timezone.now()
    mine = DraftComment.objects.filter(author=user).values("draft_id")
    return queries.drafts_for(user).filter(opens_at__lte=now, closes_at__gt=now).exclude(pk__in=mine).count()


def _latest(user, limit):
    return [RecentItem(title=o.title, url=o.get_absolute_url(), when=o.created_at,
                       status=(str(o.status_choice.label), o.status_choice.colour))
            for o in queries.visible_opinions(user).order_by("-id")[:limit]]


WORKBENCH = [
    Todo("to_grade", _("群众意见待分级交办"), url_name="deputy_duty:opinion_list", roles=frozenset({OFFICE}),
         colour=Colour.BLUE, count=_to_grade, hint=_("小事当场答复，其他交政府部门办理")),
    Todo("to_answer", _("交办意见待答复"), url_name="deputy_duty:opinion_list", roles=frozenset({HANDLER}),
         colour=Colour.ORANGE, count=_to_answer, hint=_("在答复期限内答复，群众和代表将评价")),
    Todo("to_rate", _("待我评价的答复"), url_name="deputy_duty:deputy_home", roles=frozenset({DEPUTY}),
         personal=True, count=_to_rate_as_deputy, hint=_("不满意的将重新办理")),
    Todo("to_vote", _("民生实事项目待投票"), url_name="deputy_duty:project_list", roles=frozenset({DEPUTY}),
         personal=True, colour=Colour.RED, count=_votes_open, hint=_("在投票截止前对每个候选项目投票")),
    Todo("mine_to_rate", _("我的意见已答复待评价"), url_name="deputy_duty:home",
         roles=frozenset({CITIZEN, Role.WORKER}),
         personal=True, count=_to_rate_as_citizen, hint=_("请对答复作出评价")),
    Todo("suggestions_to_review", _("代表建议待审查交办"), url_name="deputy_duty:suggestion_list",
         roles=frozenset({OFFICE}), colour=Colour.BLUE, count=_suggestions_to_review,
         hint=_("交办主办、协办单位，或说明理由退回")),
    Todo("suggestions_to_handle", _("代表建议待办理"), url_name="deputy_duty:suggestion_list",
         roles=frozenset({HANDLER}), colour=Colour.ORANGE, count=_suggestions_to_handle,
         hint=_("自交办之日起三个月内答复；协办单位一个月内提出协办意见")),
    Todo("suggestions_for_deputy", _("代表建议待我附议或评价"), url_name="deputy_duty:suggestion_list",
         roles=frozenset({DEPUTY}), personal=True, count=_suggestions_for_deputy, hint=_("确认附议；对答复作出评价")),
    Todo("duty_records_to_check", _("履职登记待确认"), url_name="deputy_duty:duty_records",
         roles=frozenset({OFFICE}), colour=Colour.BLUE, count=_duty_records_to_check,
         hint=_("确认后计入代表履职积分；不予确认的须说明理由")),
    Todo("drafts_open", _("法规草案征求意见中"), url_name="deputy_duty:draft_list", roles=frozenset({DEPUTY}),
         personal=True, count=_drafts_open, hint=_("在截止前提出意见")),
    Recent("latest", _("最新群众意见"), url_name="deputy_duty:opinion_list", roles=frozenset({OFFICE, HANDLER}),
           items=_latest),
    Shortcut("cockpit", _("人大代表履职驾驶舱"), url_name="deputy_duty:cockpit", roles=frozenset({OFFICE})),
]
