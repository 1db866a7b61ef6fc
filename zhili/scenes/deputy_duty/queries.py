"""Reads of the 人大代表履职 scene: what a person may see, and the figures of the cockpit."""

import datetime as dt
import json
from collections import Counter

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

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
    if has_role(user, OFFICE):
        condition |= Q(pk__in=filter_by_scope(user, LivelihoodProject.objects.all(), "congress__region").values("pk"))
    return projects.filter(condition).distinct()


def hot_words(region, start, end, limit: int = 20) -> list[tuple[str, int]]:
    """The ``limit`` most frequent words of the opinions of ``region`` (and below) from month ``start`` to ``end``."""
    from django.db.models import Sum

    from .models import HotwordCount

    rows = (HotwordCount.objects.filter(region__path__startswith=region.path, month__gte=start.replace(day=1),
                                        month__lte=end)
            .values("word").annotate(n=Sum("count")).order_by("-n", "word")[:limit])
    return [(row["word"], row["n"]) for row in rows]
