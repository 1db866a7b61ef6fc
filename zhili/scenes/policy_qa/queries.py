"""Reads of the 政策咨询机器人 scene: what a person may see, and the figures of the analysis."""

import datetime as dt
from collections import Counter

from django.db.models import Q, QuerySet
from django.http import Http404

from zhili.core.identity.api import Role, has_role, scope_region_paths

from .choices import Outcome, QueueStatus, TextStatus
from .models import Consultation, Entry, LawText


def consultations_for_officer(user) -> QuerySet:
    """Questions an officer may see: those without a region, and those in the officer's regions."""
    items = Consultation.objects.select_related("region", "entry")
    if has_role(user, Role.PLATFORM_ADMIN):
        return items
    paths = scope_region_paths(user)
    if paths is None:
        return items
    condition = Q(region__isnull=True)
    for path in paths:
        condition |= Q(region__path__startswith=path)
    return items.filter(condition)


def queue_for(user) -> QuerySet:
    return consultations_for_officer(user).filter(queue_status=QueueStatus.WAITING).order_by("created_at", "id")


def consultation_for_officer(user, pk: int) -> Consultation:
    found = consultations_for_officer(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这条咨询")
    return found


def my_consultations(user=None, visitor: str = "") -> QuerySet:
    """A person's own questions: by account when logged in, by the anonymous visitor key otherwise."""
    if user is not None and user.is_authenticated:
        return Consultation.objects.filter(asker=user).select_related("entry")
    if not visitor:
        return Consultation.objects.none()
    return Consultation.objects.filter(asker__isnull=True, visitor=visitor).select_related("entry")


def my_consultation(pk: int, *, user=None, visitor: str = "") -> Consultation:
    found = my_consultations(user, visitor).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这条咨询")
    return found


def current_texts() -> QuerySet:
    return LawText.objects.filter(status=TextStatus.CURRENT).order_by("short_title")


def entries(search: str = "", topic: str = "", status: str = "") -> QuerySet:
    items = Entry.objects.all()
    if search:
        items = items.filter(Q(question__icontains=search) | Q(variants__icontains=search)
                             | Q(answer__icontains=search) | Q(code__icontains=search))
    if topic:
        items = items.filter(topic=topic)
    if status:
        items = items.filter(status=status)
    return items


def summary(items: QuerySet) -> dict:
    """Headline figures: questions, answered share, people helped, guided to a service, satisfaction."""
    rows = list(items.values_list("outcome", "helpful", "service_opened", "queue_status", "asker_id", "visitor"))
    asked = len(rows)
    answered = sum(1 for r in rows if r[0] == Outcome.ANSWERED)
    rated = [r[1] for r in rows if r[1] is not None]
    people = {r[4] or r[5] for r in rows if (r[4] or r[5]) and r[0] == Outcome.ANSWERED}
    return {
        "asked": asked,
        "answered": answered,
        "unanswered_rate": round(1 - answered / asked, 4) if asked else 0.0,
        "people_helped": len(people),
        "guided": sum(1 for r in rows if r[2]),
        "satisfaction": round(sum(1 for h in rated if h) / len(rated), 4) if rated else None,
        "waiting": sum(1 for r in rows if r[3] == QueueStatus.WAITING),
    }


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def hot_topics(items: QuerySet, weeks: int = 8, today: dt.date | None = None) -> list[tuple[dt.date, dict]]:
    """Questions per topic per ISO week (Monday), the last ``weeks`` weeks, oldest first."""
    from django.utils import timezone

    today = today or timezone.localdate()
    start = week_of(today) - dt.timedelta(weeks=weeks - 1)
    counts: dict[dt.date, Counter] = {start + dt.timedelta(weeks=i): Counter() for i in range(weeks)}
    for created, topic in items.filter(created_at__date__gte=start).values_list("created_at", "topic"):
        week = week_of(timezone.localtime(created).date())
        if week in counts:
            counts[week][topic or "other"] += 1
    return [(week, dict(counter)) for week, counter in counts.items()]


def top_keywords(items: QuerySet, limit: int = 20) -> list[tuple[str, int]]:
    counter = Counter()
    for keywords in items.values_list("keywords", flat=True):
        counter.update(keywords or [])
    return counter.most_common(limit)


def search_articles(query: str, limit: int = 20) -> list:
    """Articles of the texts in force matching ``query``, best first.

    PostgreSQL: the question's jieba tokens (synonyms added) as a ``simple`` tsquery against the stored tokens,
    ranked by ts_rank plus pg_trgm similarity of the text (both indexed, migration 0002). Elsewhere: the articles
    whose tokens contain a query word, ranked by how many they contain.
    """
    import re

    from django.db import connection

    from . import engine
    from .models import Article

    words = [w for w in dict.fromkeys(engine.analyzer().variants(query)["normal"]) if re.fullmatch(r"\w+", w)][:12]
    if not words:
        return []
    current = Article.objects.select_related("law").filter(law__status=TextStatus.CURRENT)
    if connection.vendor == "postgresql":
        tsquery = " | ".join(words)
        sql = ("SELECT a.id FROM policy_qa_article a JOIN policy_qa_lawtext l ON l.id = a.law_id "
               "WHERE l.status = %s AND (to_tsvector('simple', a.tokens) @@ to_tsquery('simple', %s) "
               "OR a.text %% %s) ORDER BY ts_rank(to_tsvector('simple', a.tokens), to_tsquery('simple', %s)) "
               "+ similarity(a.text, %s) DESC, a.id LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [TextStatus.CURRENT, tsquery, query[:200], tsquery, query[:200], limit])
            ids = [row[0] for row in cursor.fetchall()]
        found = current.in_bulk(ids)
        return [found[i] for i in ids if i in found]
    condition = Q(pk__in=[])
    for word in words:
        condition |= Q(tokens__contains=word)
    candidates = list(current.filter(condition)[:2000])
    scored = [(sum(1 for w in words if w in set(a.tokens.split())), a) for a in candidates]
    return [a for score, a in sorted(scored, key=lambda x: (-x[0], x[1].pk)) if score][:limit]
