"""Reads of the 人大代表履职 scene: what a person may see, and the figures of the cockpit."""

import datetime as dt
import json
from collections import Counter

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .choices import OpinionStatus, RaterKind, Verdict
from .models import Deputy, LiaisonStation, Opinion
from .roles import HANDLER, OFFICE


def visible_opinions(user) -> QuerySet:
    """The office's opinions in its region, a department's referred ones, a deputy's followed ones, a citizen's own."""
    opinions = Opinion.objects.select_related("station", "region", "deputy", "department", "case")
    if has_role(user, Role.PLATFORM_ADMIN):
        return opinions
    condition = Q(citizen=user) | Q(deputy__user=user)
    if has_role(user, OFFICE):
        condition |= Q(pk__in=filter_by_scope(user, Opinion.objects.all()).values("pk"))
    departments = organizations_of(user, HANDLER)
    if departments:
        condition |= Q(department_id__in=departments)
    return opinions.filter(condition)


def opinion_for(user, pk: int) -> Opinion:
    """The opinion ``pk`` if ``user`` may see it; "not found" otherwise, as for one that does not exist."""
    return get_object_or_404(visible_opinions(user), pk=pk)


def my_opinions(user) -> QuerySet:
    return Opinion.objects.filter(citizen=user).select_related("station", "case")


def deputies_of(user) -> QuerySet:
    return Deputy.objects.filter(user=user, active=True).select_related("congress", "station")


def followed_opinions(user) -> QuerySet:
    return Opinion.objects.filter(deputy__user=user).select_related("station", "case")


def station_by_code(code: str) -> LiaisonStation:
    return get_object_or_404(LiaisonStation.objects.select_related("region", "congress"), code=code)


def deputy_by_code(code: str) -> Deputy:
    return get_object_or_404(Deputy.objects.select_related("station", "congress"), code=code, active=True)


def stations_in(region=None) -> QuerySet:
    stations = LiaisonStation.objects.select_related("region", "congress")
    return stations.filter(region__path__startswith=region.path) if region is not None else stations


def raters_of(opinion: Opinion) -> set[str]:
    """Who must rate an answer: the citizen (if they have an account) and the deputy who follows it."""
    return {kind for kind, present in ((RaterKind.CITIZEN, opinion.citizen_id), (RaterKind.DEPUTY, opinion.deputy_id))
            if present}


def round_outcome(opinion: Opinion) -> str:
    """``unsatisfied`` if anyone rated this round 不满意, ``satisfied`` once every rater is content, else ``pending``."""
    verdicts = dict(opinion.ratings.filter(round=opinion.round).values_list("rater_kind", "verdict"))
    if Verdict.UNSATISFIED in verdicts.values():
        return "unsatisfied"
    return "satisfied" if raters_of(opinion) <= set(verdicts) else "pending"


def rating_overdue(opinion: Opinion, now) -> bool:
    """True once the dated rating period after the answer has passed."""
    from .rules import parameter

    if opinion.answered_at is None:
        return False
    days = parameter("opinion_rating_days", now.date()).value
    return now >= opinion.answered_at + dt.timedelta(days=days)


def may_rate(opinion: Opinion, user) -> bool:
    """True if ``user`` is a rater of ``opinion`` whose answer awaits their rating in this round."""
    if opinion.status not in (OpinionStatus.ANSWERED, OpinionStatus.REPLIED):
        return False
    kind = RaterKind.CITIZEN if opinion.citizen_id == user.pk else (
        RaterKind.DEPUTY if opinion.deputy_id and opinion.deputy.user_id == user.pk else None)
    return kind is not None and not opinion.ratings.filter(round=opinion.round, rater_kind=kind).exists()


def status_counts(opinions: QuerySet) -> dict[str, int]:
    """How many opinions stand in each state (every state listed, zero included)."""
    counts = Counter(opinions.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in OpinionStatus.values}


def case_timeline(opinion: Opinion) -> list:
    """The steps of the opinion's case (交办, 答复, 重新办理, 办结 …) in order; empty for one answered on the spot."""
    if opinion.case_id is None:
        return []
    case_type = opinion.case.type
    return [{"at": e.created_at, "action": e.get_action_display(), "comment": e.comment,
             "state": case_type.state(e.to_state).label if e.to_state else ""}
            for e in opinion.case.events.order_by("id")]


def verify_receipt(session, receipt: str) -> dict:
    """What a deputy's receipt proves: their ballot's line, whether it is in the tally list, the list's digest."""
    from .services.votes import ballot_line, lines_digest, receipt_hash

    digest = receipt_hash(session.pk, (receipt or "").strip())
    ballot = session.ballots.filter(receipt_hash=digest).first()
    line = ballot_line(digest, ballot.choices) if ballot else ""
    from zhili.core.ledger.api import entries_for

    ledgered = [json.loads(e.record)["data"].get("lines_digest")
                for e in entries_for(session) if e.kind == "deputy_duty.voting.tallied"]
    return {"found": ballot is not None, "choices": ballot.choices if ballot else {}, "line": line,
            "in_tally": bool(line) and line in set(session.tally_lines),
            "digest_matches": bool(ledgered) and ledgered[-1] == lines_digest(session.tally_lines)}


def sessions_for(user) -> QuerySet:
    """The votes of the congresses ``user`` is a deputy of, or in the office's region."""
    from .models import VotingSession

    sessions = VotingSession.objects.select_related("congress")
    if has_role(user, Role.PLATFORM_ADMIN):
        return sessions
    condition = Q(congress__deputies__user=user, congress__deputies__active=True)
    if has_role(user, OFFICE):
        condition |= Q(pk__in=filter_by_scope(user, VotingSession.objects.all(), "congress__region").values("pk"))
    return sessions.filter(condition).distinct()


def projects_for(user) -> QuerySet:
    from .models import LivelihoodProject

    projects = LivelihoodProject.objects.select_related("congress", "department")
    if has_role(user, Role.PLATFORM_ADMIN):
        return projects
    condition = Q(congress__deputies__user=user, congress__deputies__active=True)
    departments = organizations_of(user, HANDLER)
    if departments:
        condition |= Q(department_id__in=departments)
    if has_role(user, OFFICE):
        condition |= Q(pk__in=filter_by_scope(user, LivelihoodProject.objects.all(), "congress__region").values("pk"))
    return projects.filter(condition).distinct()


def hot_words(region, start, end, limit: int = 20) -> list:
    """The ``limit`` heaviest words (``hotwords.HotWord``) of the opinions of ``region`` (and below) from month
    ``start`` to ``end``, weighted against the whole corpus, place names of the region table left out."""
    return weighted_hot_words(Q(region__path__startswith=region.path), start, end, limit=limit)


def weighted_hot_words(where: Q, start, end, limit: int = 20) -> list:
    """The hot words of the cells matching ``where`` (a condition on ``region``) from month ``start`` to ``end``."""
    from django.db.models import Sum

    from .hotwords import place_words, rank
    from .models import HotwordCell, HotwordCount, HotwordTotal

    period = Q(month__gte=start.replace(day=1), month__lte=end)
    selected = dict(HotwordCount.objects.filter(where & period).values("word").annotate(n=Sum("count"))
                    .values_list("word", "n"))
    if not selected:
        return []
    corpus_opinions = HotwordCell.objects.aggregate(n=Sum("opinions"))["n"] or 0
    corpus = dict(HotwordTotal.objects.values_list("word", "opinions"))
    return rank(selected, corpus, corpus_opinions, excluded=place_words(), limit=limit)


def suggestions_for(user) -> QuerySet:
    """A deputy's own, co-signed and invited suggestions; the office's region's (drafts aside); a unit's assigned."""
    from .choices import SuggestionStatus
    from .models import Suggestion

    suggestions = Suggestion.objects.select_related("deputy", "deputy__congress", "lead_unit")
    if has_role(user, Role.PLATFORM_ADMIN):
        return suggestions
    condition = Q(deputy__user=user) | Q(invitations__deputy__user=user)
    if has_role(user, OFFICE):
        in_region = filter_by_scope(user, Suggestion.objects.exclude(status=SuggestionStatus.DRAFT),
                                    "deputy__congress__region")
        condition |= Q(pk__in=in_region.values("pk"))
    units = organizations_of(user, HANDLER)
    if units:
        condition |= Q(lead_unit_id__in=units) | Q(cohandlings__unit_id__in=units)
    return suggestions.filter(condition).distinct()


def suggestion_for(user, pk: int):
    return get_object_or_404(suggestions_for(user), pk=pk)


def public_replies() -> QuerySet:
    """Answers the lead unit marked as publishable, once given (anyone may read them)."""
    from .choices import SuggestionStatus
    from .models import Suggestion

    return (Suggestion.objects.filter(public=True, answered_on__isnull=False)
            .exclude(status=SuggestionStatus.DRAFT).select_related("deputy", "deputy__congress", "lead_unit")
            .order_by("-answered_on", "-id"))


def similar_suggestions(text: str, congress, *, exclude=None, limit: int = 5) -> list[tuple]:
    """Past suggestions of the congress's region most like ``text`` (share of common words, Jaccard), with the share;
    the topic help of drafting (a deputy sees whether the matter was raised and how it was answered)."""
    from .choices import SuggestionStatus
    from .hotwords import opinion_words
    from .models import Suggestion

    mine = opinion_words(text)
    if not mine:
        return []
    past = (Suggestion.objects.exclude(status=SuggestionStatus.DRAFT)
            .filter(deputy__congress__region__path__startswith=congress.region.path)
            .select_related("deputy", "lead_unit").order_by("-created_at")[:2000])
    scored = []
    for suggestion in past:
        if exclude is not None and suggestion.pk == exclude.pk:
            continue
        theirs = opinion_words(f"{suggestion.title} {suggestion.text}")
        share = len(mine & theirs) / len(mine | theirs) if theirs else 0
        if share > 0:
            scored.append((suggestion, round(share, 2)))
    scored.sort(key=lambda item: (-item[1], -item[0].pk))
    return scored[:limit]


def topic_hot_words(congress, limit: int = 15) -> list:
    """The hot words of citizens' opinions of the congress's region over the last twelve months (drafting help)."""
    from django.utils import timezone

    today = timezone.localdate()
    since = (today.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
    return hot_words(congress.region, since, today, limit=limit)


def duty_scores(deputies, start, end) -> list[dict]:
    """Each deputy's duty record from ``start`` to ``end`` (days) and score by the dated weights in force at ``end``,
    highest first: motions led, suggestions led and co-signed, followed opinions closed, opinions entered for citizens, votes
    taken part in, project comments, activities reported, confirmed duty registrations, comments on drafts."""
    from django.db.models import Count

    from .choices import OpinionChannel, RecordStatus, SuggestionStatus
    from .models import ActivityParticipation, BallotCast, DraftComment, DutyRecord, ProjectComment, Suggestion
    from .rules import parameter

    deputies = list(deputies.select_related("congress"))
    ids = [d.pk for d in deputies]
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)

    def per_deputy(rows, field):
        return dict(rows.values(field).annotate(n=Count("id", distinct=True)).values_list(field, "n"))

    filed = Suggestion.objects.exclude(status=SuggestionStatus.DRAFT).filter(created_at__gte=lo, created_at__lt=hi)
    from .choices import ProposalKind

    motions = Q(kind=ProposalKind.MOTION) | Q(from_motion=True)
    counts = {
        "motion": per_deputy(filed.filter(motions, deputy_id__in=ids), "deputy_id"),
        "suggestion": per_deputy(filed.exclude(motions).filter(deputy_id__in=ids), "deputy_id"),
        "cosign": per_deputy(filed.filter(cosigners__in=ids), "cosigners"),
        "opinion_closed": per_deputy(Opinion.objects.filter(deputy_id__in=ids, status=OpinionStatus.CLOSED,
                                                            closed_at__gte=lo, closed_at__lt=hi), "deputy_id"),
        "opinion_entered": per_deputy(Opinion.objects.filter(deputy_id__in=ids, channel=OpinionChannel.DEPUTY_UPLOAD,
                                                             created_at__gte=lo, created_at__lt=hi), "deputy_id"),
        "vote": per_deputy(BallotCast.objects.filter(deputy_id__in=ids, session__opens_at__gte=lo,
                                                     session__opens_at__lt=hi), "deputy_id"),
        "project_comment": per_deputy(ProjectComment.objects.filter(deputy_id__in=ids, created_at__gte=lo,
                                                                    created_at__lt=hi), "deputy_id"),
        "activity": per_deputy(ActivityParticipation.objects.filter(deputy_id__in=ids, reported_at__gte=lo,
                                                                    reported_at__lt=hi), "deputy_id"),
        "duty_record": per_deputy(DutyRecord.objects.filter(deputy_id__in=ids, status=RecordStatus.CONFIRMED,
                                                            done_on__gte=start, done_on__lte=end), "deputy_id"),
        "draft_comment": per_deputy(DraftComment.objects.filter(deputy_id__in=ids, created_at__gte=lo,
                                                                created_at__lt=hi), "deputy_id"),
    }
    weights = {kind: parameter(f"duty_points_{kind}", end).value for kind in counts}
    scores = []
    for deputy in deputies:
        mine = {kind: counts[kind].get(deputy.pk, 0) for kind in counts}
        scores.append({"deputy": deputy, "counts": mine,
                       "score": sum(weights[kind] * n for kind, n in mine.items())})
    scores.sort(key=lambda s: (-s["score"], s["deputy"].name, s["deputy"].pk))
    return scores


TIMELINE_STEPS = {
    "deputy_duty.suggestion.drafted": _("起草"),
    "deputy_duty.suggestion.cosign_confirmed": _("代表确认附议"),
    "deputy_duty.suggestion.cosign_declined": _("代表谢绝附议"),
    "deputy_duty.suggestion.submitted": _("提交"),
    "deputy_duty.suggestion.returned": _("审查退回代表"),
    "deputy_duty.motion.decided": _("主席团决定"),
    "deputy_duty.suggestion.assigned": _("交办"),
    "deputy_duty.suggestion.misassigned": _("承办单位提出交办不当，退回重新交办"),
    "deputy_duty.suggestion.extended": _("延期答复"),
    "deputy_duty.suggestion.cohandled": _("协办单位提出协办意见"),
    "deputy_duty.suggestion.answered": _("答复"),
    "deputy_duty.suggestion.evaluated": _("代表评价"),
}


def suggestion_timeline(suggestion) -> list[dict]:
    """The steps of a motion or suggestion in order, from the audit log (who acted is named by role, not person)."""
    from zhili.core.foundation.api import audit

    from .choices import MotionDecision

    steps = []
    for entry in audit.entries_for(suggestion).order_by("id"):
        label = TIMELINE_STEPS.get(entry.action)
        if label is None:
            continue
        data = entry.data or {}
        detail = ""
        if entry.action == "deputy_duty.motion.decided":
            detail = str(MotionDecision(data["decision"]).label) + (f"：{data['note']}" if data.get("note") else "")
        elif entry.action == "deputy_duty.suggestion.misassigned":
            detail = data.get("reason", "")
        elif data.get("due_on"):
            detail = _("答复期限 {d}").format(d=data["due_on"])
        steps.append({"at": entry.created_at, "step": str(label), "detail": detail})
    return steps


def congresses_of(user) -> QuerySet:
    """The congresses whose duty services ``user`` sees: a deputy's own; the office's region's."""
    from .models import Congress

    if has_role(user, Role.PLATFORM_ADMIN):
        return Congress.objects.all()
    condition = Q(deputies__user=user, deputies__active=True)
    if has_role(user, OFFICE):
        condition |= Q(pk__in=filter_by_scope(user, Congress.objects.all(), "region").values("pk"))
    return Congress.objects.filter(condition).distinct()


def activities_for(user) -> QuerySet:
    from .models import Activity

    return Activity.objects.filter(congress__in=congresses_of(user)).select_related("congress")


def materials_for(user) -> QuerySet:
    from .models import LearningMaterial

    return LearningMaterial.objects.filter(congress__in=congresses_of(user)).select_related("congress")


def drafts_for(user) -> QuerySet:
    """Every opened draft, and the office's own not yet opened."""
    from django.utils import timezone

    from .models import DraftLaw

    condition = Q(opens_at__lte=timezone.now())
    if has_role(user, OFFICE) or has_role(user, Role.PLATFORM_ADMIN):
        condition |= Q(congress__in=congresses_of(user))
    return DraftLaw.objects.filter(condition).select_related("congress")


def duty_records_to_check(user) -> QuerySet:
    from .choices import RecordStatus
    from .models import DutyRecord

    if not has_role(user, OFFICE, Role.PLATFORM_ADMIN):
        return DutyRecord.objects.none()
    return (DutyRecord.objects.filter(status=RecordStatus.PENDING, deputy__congress__in=congresses_of(user))
            .select_related("deputy"))
