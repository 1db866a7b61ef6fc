"""The figures of the 人大代表履职 cockpit: opinions by state, class and station, closure and satisfaction."""

import datetime as dt
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.dashboards.api import table_result

from . import queries
from .choices import OpinionCategory, OpinionStatus, Verdict
from .models import OpinionRating


def cell(n: int) -> dict:
    """A count of opinions (not of people: no small-cell suppression)."""
    return {"value": n, "n": n, "display": f"{n:,}", "suppressed": False}


def pct(part: int, whole: int) -> dict:
    if not whole:
        return {"value": None, "n": 0, "display": "—", "suppressed": False}
    value = round(100 * part / whole, 1)
    return {"value": value, "n": whole, "display": f"{value}%", "suppressed": False}


def cockpit_analyses(user) -> dict:
    opinions = queries.visible_opinions(user)
    statuses = queries.status_counts(opinions)
    total = sum(statuses.values())
    verdicts = Counter(OpinionRating.objects.filter(opinion__in=opinions.values("pk"))
                       .values_list("verdict", flat=True))
    rated = sum(verdicts.values())
    overdue = opinions.filter(case__closed_at__isnull=True, case__due_at__lt=timezone.now()).count()
    kpi = [
        [_("群众意见"), cell(total)],
        [_("已办结"), cell(statuses[OpinionStatus.CLOSED])],
        [_("办结率"), pct(statuses[OpinionStatus.CLOSED], total)],
        [_("满意率（满意与基本满意）"), pct(verdicts[Verdict.SATISFIED] + verdicts[Verdict.BASIC], rated)],
        [_("超期未答复"), cell(overdue)],
    ]
    categories = dict(opinions.exclude(category="").values_list("category").annotate(n=Count("id")))
    stations = opinions.values_list("station__name").annotate(n=Count("id")).order_by("-n")[:15]
    hot = _hot_words_in_scope(user)
    return {
        "hotwords": table_result("hotwords", _("近 12 个月群众意见热词"), [_("热词"), _("权重"), _("意见数")],
                                 [[h.word, h.weight, cell(h.opinions)] for h in hot], chart="hbar",
                                 series_columns=[1],
                                 note=_("权重 = 含该词的意见数 × ln(全部意见数 ÷ 全部意见中含该词的件数)，"
                                        "地名、虚词和通用词不计")),
        "kpi": table_result("kpi", _("总体情况"), [_("指标"), _("数值")], kpi, chart="kpi"),
        "status": table_result("status", _("意见办理状态"), [_("状态"), _("件数")],
                               [[str(OpinionStatus(s).label), cell(n)] for s, n in statuses.items()], chart="pie"),
        "category": table_result("category", _("意见分类"), [_("分类"), _("件数")],
                                 [[str(c.label), cell(categories.get(c.value, 0))] for c in OpinionCategory],
                                 chart="bar"),
        "station": table_result("station", _("联络站收集意见"), [_("联络站"), _("件数")],
                                [[name, cell(n)] for name, n in stations], chart="hbar"),
        "station_activity": _station_activity(opinions),
        "duty_score": _duty_scores(user),
        "proposals": _proposals_and_services(user),
    }


def _proposals_and_services(user) -> dict:
    """This year in the user's regions: motions and their decisions, suggestions and answers on time, activities
    and who reported, confirmed duty registrations, comments on drafts."""
    from django.db.models import F

    from zhili.core.identity.api import filter_by_scope

    from .choices import ProposalKind, RecordStatus, SuggestionStatus
    from .models import ActivityParticipation, DraftComment, DutyRecord, Suggestion

    start = dt.datetime(timezone.localdate().year, 1, 1, tzinfo=dt.UTC)
    filed = filter_by_scope(user, Suggestion.objects.exclude(status=SuggestionStatus.DRAFT), "deputy__congress__region"
                            ).filter(created_at__gte=start)
    motions = filed.filter(Q(kind=ProposalKind.MOTION) | Q(from_motion=True))
    suggestions = filed.filter(kind=ProposalKind.SUGGESTION)
    answered = suggestions.filter(answered_on__isnull=False)
    in_scope = {"deputy__congress__in": queries.congresses_of(user)}
    rows = [
        [_("代表议案"), cell(motions.count())],
        [_("列入大会议程的议案"), cell(motions.filter(status=SuggestionStatus.ON_AGENDA).count())],
        [_("代表建议（含议案转建议）"), cell(suggestions.count())],
        [_("按期答复率"), pct(answered.filter(answered_on__lte=F("due_on")).count(), answered.count())],
        [_("承办单位提出交办不当"), cell(filed.filter(unit_return_note__gt="").count())],
        [_("代表参加并报告主题活动（人次）"), cell(ActivityParticipation.objects.filter(
            reported_at__gte=start, **in_scope).count())],
        [_("已确认的履职登记"), cell(DutyRecord.objects.filter(status=RecordStatus.CONFIRMED, done_on__gte=start.date(),
                                                          **in_scope).count())],
        [_("法规草案收到的意见"), cell(DraftComment.objects.filter(created_at__gte=start, draft__congress__in=queries
                                                          .congresses_of(user)).count())],
    ]
    return table_result("proposals", _("议案建议和履职服务（本年度）"), [_("指标"), _("数值")], rows, chart="hbar",
                        note=_("承办单位提出交办不当：目前待重新交办的件数"))


def _hot_words_in_scope(user, limit: int = 20) -> list:
    """The hot words of the last twelve months in the user's regions (every region for a platform administrator)."""
    from django.db.models import Q

    from zhili.core.identity.api import scope_region_paths

    from .queries import weighted_hot_words

    today = timezone.localdate()
    since = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    paths = scope_region_paths(user)
    condition = Q()
    if paths is not None:
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(region__path__startswith=path)
    return weighted_hot_words(condition, since, today, limit=limit)


def _station_activity(opinions) -> dict:
    """Per station over the last twelve months: opinions received, deputies who entered or followed one, share closed."""
    since = timezone.now() - dt.timedelta(days=365)
    rows = (opinions.filter(created_at__gte=since).values("station__name")
            .annotate(n=Count("id"), deputies=Count("deputy", distinct=True),
                      closed=Count("id", filter=Q(status=OpinionStatus.CLOSED)))
            .order_by("-n", "station__name")[:20])
    return table_result("station_activity", _("联络站活跃度（近 12 个月）"),
                        [_("联络站"), _("收集意见"), _("参与代表"), _("办结率")],
                        [[r["station__name"], cell(r["n"]), cell(r["deputies"]), pct(r["closed"], r["n"])]
                         for r in rows], chart="hbar", series_columns=[1])


def _duty_scores(user, limit: int = 20) -> dict:
    """The deputies of the user's regions with the highest duty score this year (weights: dated parameters)."""
    from zhili.core.identity.api import filter_by_scope

    from .models import Deputy

    today = timezone.localdate()
    deputies = filter_by_scope(user, Deputy.objects.filter(active=True), "congress__region")
    scores = queries.duty_scores(deputies, dt.date(today.year, 1, 1), today)[:limit]
    headers = [_("代表"), _("积分"), _("领衔议案"), _("领衔建议"), _("附议"), _("意见办结"), _("代为录入"), _("票决"), _("监督意见"), _("主题活动"),
               _("履职登记"), _("立法意见")]
    return table_result("duty_score", _("代表履职积分（本年度）"), headers,
                        [[s["deputy"].name, cell(s["score"]), *(cell(n) for n in s["counts"].values())]
                         for s in scores], chart="hbar", series_columns=[1],
                        note=_("积分规则为设计假设（未查到官方公式），权重见规则页 deputy_duty.duty_points_*"))
