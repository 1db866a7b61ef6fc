"""What people ask and the labour-relations situation, for decision-makers (the cockpit and the monthly report).

Consultations come from this scene. The situation combines what the platform already has, through core only:
cases of the labour scenes (``core.cases``: warnings, arrears, mediation, dispatch supervision by case type),
complaints and disputes (``core.dashboards`` observation streams ``labor.complaint`` and ``labor.dispute``, fed by
the labour-contract scene), and the contracts completed and warnings raised that this scene counts from events
(``labor.contract.completed``, ``labor.warning``; see ``events.py``). A source that was never fed shows "no data",
not zero. Every count of people passes core's small-cell suppression.
"""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhili.core.cases.api import Case, case_types
from zhili.core.dashboards.api import (
    count_cell,
    no_data_cell,
    observation_counts,
    observation_streams_seen,
    share_cell,
    table_result,
)
from zhili.core.identity.api import scope_region_paths

from .choices import Outcome, Topic
from .models import Consultation, Entry, LawText

STREAMS = {
    "labor.contract.completed": "电子劳动合同签订",
    "labor.warning": "风险预警",
    "labor.complaint": "投诉举报",
    "labor.dispute": "劳动争议",
}
CASE_FAMILIES = {  # case types are named by string: a scene that is not installed has none
    "labor_risk": "风险预警处置",
    "wage_guard": "欠薪处置",
    "mediation": "调解案件",
    "dispatch_watch": "派遣监管",
}


def scoped_consultations(user, region_path: str = "") -> QuerySet:
    items = Consultation.objects.all()
    paths = scope_region_paths(user)
    if paths is not None:
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(region__path__startswith=path)
        items = items.filter(condition)
    if region_path:
        items = items.filter(region__path__startswith=region_path)
    return items


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_back(today: dt.date, count: int) -> list[dt.date]:
    first = month_start(today)
    months = []
    for _ in range(count):
        months.append(first)
        first = month_start(first - dt.timedelta(days=1))
    return list(reversed(months))


def headline(items: QuerySet) -> dict:
    rows = list(items.values_list("outcome", "helpful", "service_opened", "asker_id", "visitor"))
    asked = len(rows)
    answered = sum(1 for r in rows if r[0] == Outcome.ANSWERED)
    rated = [r[1] for r in rows if r[1] is not None]
    people = {f"u{r[3]}" if r[3] else f"v{r[4]}" for r in rows if r[0] == Outcome.ANSWERED and (r[3] or r[4])}
    return {"asked": asked, "answered": answered, "people_helped": len(people),
            "guided": sum(1 for r in rows if r[2]), "helpful": sum(1 for h in rated if h), "rated": len(rated),
            "unanswered": sum(1 for r in rows if r[0] in (Outcome.UNANSWERED, Outcome.CLARIFY))}


def analyses(user, *, region_path: str = "", today: dt.date | None = None, weeks: int = 8) -> dict:
    today = today or timezone.localdate()
    items = scoped_consultations(user, region_path)
    figures = headline(items)
    kpi = table_result("kpi", "咨询概况", ["指标", "数值"], [
        ["提问", count_cell(figures["asked"])],
        ["已解答", count_cell(figures["answered"])],
        ["获得政策帮助人数", count_cell(figures["people_helped"])],
        ["引导办理", count_cell(figures["guided"])],
        ["未能解答率", share_cell(figures["unanswered"], figures["asked"])],
        ["满意度（有帮助占评价）", share_cell(figures["helpful"], figures["rated"])],
    ], chart="kpi")
    start = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    weekly: dict[dt.date, Counter] = {start + dt.timedelta(weeks=i): Counter() for i in range(weeks)}
    unanswered: dict[dt.date, list[int]] = {week: [0, 0] for week in weekly}
    for created, topic, outcome in items.filter(created_at__date__gte=start).values_list("created_at", "topic",
                                                                                          "outcome"):
        day = timezone.localtime(created).date()
        week = day - dt.timedelta(days=day.weekday())
        if week in weekly:
            weekly[week][topic or ""] += 1
            unanswered[week][1] += 1
            unanswered[week][0] += outcome in (Outcome.UNANSWERED, Outcome.CLARIFY)
    topics = [t for t in Topic if any(counter[t.value] for counter in weekly.values())]
    hot = table_result("topics", "热点问题（按周、主题）", ["周"] + [str(t.label) for t in topics],
                       [[week.isoformat()] + [count_cell(weekly[week][t.value]) for t in topics] for week in weekly],
                       chart="line")
    rate = table_result("unanswered", "未能解答率（按周）", ["周", "未能解答率"],
                        [[week.isoformat(), share_cell(u, n)] for week, (u, n) in unanswered.items()], chart="line")
    keywords = Counter()
    for words in items.filter(created_at__date__gte=start).values_list("keywords", flat=True):
        keywords.update(words or [])
    words = table_result("keywords", "高频关键词", ["关键词", "次数"],
                         [[word, count_cell(n)] for word, n in keywords.most_common(15)], chart="hbar")
    regions = Counter(items.values_list("region__name", flat=True))
    by_region = table_result("regions", "各地区提问量", ["区划", "提问"],
                             [[name or "未标注", count_cell(n)] for name, n in regions.most_common(20)], chart="bar")
    services = Counter(items.filter(service_opened=True).values_list("entry__service_label", flat=True))
    guided = table_result("services", "引导办理的服务", ["服务", "次数"],
                          [[label or "—", count_cell(n)] for label, n in services.most_common(10)], chart="hbar")
    return {"kpi": kpi, "topics": hot, "unanswered": rate, "keywords": words, "regions": by_region,
            "services": guided, "situation": situation(user, region_path=region_path, today=today),
            "policy_effect": policy_effect(items)}


def situation(user, *, region_path: str = "", today: dt.date | None = None, months: int = 6) -> dict:
    """The labour-relations situation by month: contracts, warnings, complaints, disputes, cases, questions."""
    today = today or timezone.localdate()
    spans = months_back(today, months)
    first, paths = spans[0], scope_region_paths(user)
    if region_path:
        paths = [p for p in (paths or [region_path]) if region_path.startswith(p) or p.startswith(region_path)]
        paths = [region_path] if paths else []
    seen = observation_streams_seen(STREAMS)
    columns: list[tuple[str, dict | None]] = []  # None: the source was never fed (or is not installed)
    for stream, label in STREAMS.items():
        if stream not in seen:
            columns.append((label, None))
            continue
        counts = {}
        for month in spans:
            end = (month_start(month + dt.timedelta(days=32)) - dt.timedelta(days=1))
            counts[month] = sum(observation_counts(stream, date_from=month, date_to=end, region_paths=paths).values())
        columns.append((label, counts))
    cases = Case.objects.filter(created_at__date__gte=first)
    if paths is not None:
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(region__path__startswith=path)
        cases = cases.filter(condition)
    by_family: dict[str, Counter] = defaultdict(Counter)
    for created, case_type in cases.values_list("created_at", "case_type"):
        family = case_type.split(".", 1)[0]
        if family in CASE_FAMILIES:
            by_family[family][month_start(timezone.localtime(created).date())] += 1
    installed = {code.split(".", 1)[0] for code in case_types()}
    for family, label in CASE_FAMILIES.items():
        columns.append((label, dict(by_family[family]) if family in installed else None))
    questions = Counter(month_start(timezone.localtime(c).date())
                        for c in scoped_consultations(user, region_path).filter(created_at__date__gte=first)
                        .values_list("created_at", flat=True))
    columns.append(("政策咨询", dict(questions)))
    rows = []
    for month in spans:
        row = [month.strftime("%Y-%m")]
        for _label, counts in columns:
            row.append(no_data_cell("数据源未接入") if counts is None else count_cell(counts.get(month, 0)))
        rows.append(row)
    return table_result("situation", "劳动关系形势（按月）", ["月份"] + [label for label, _ in columns], rows,
                        chart="bar", note="未接入的数据源显示为「无数据」，不是零。")


def policy_effect(items: QuerySet) -> dict:
    """Feedback on the answers resting on each text: helpful share before and after its current version took effect."""
    rows = []
    laws = list(LawText.objects.filter(status="current").order_by("short_title"))
    entries_by_law: dict[str, set[int]] = defaultdict(set)
    for pk, citations in Entry.objects.values_list("pk", "citations"):
        for ref in citations or []:
            for law in laws:
                if ref.startswith(law.short_title + "第"):
                    entries_by_law[law.short_title].add(pk)
    for law in laws:
        rated = items.filter(entry_id__in=entries_by_law.get(law.short_title, ()), helpful__isnull=False)
        before = list(rated.filter(created_at__date__lt=law.effective_from).values_list("helpful", flat=True))
        after = list(rated.filter(created_at__date__gte=law.effective_from).values_list("helpful", flat=True))
        if not before and not after:
            continue
        rows.append([f"{law.short_title}（{law.effective_from} 施行）",
                     share_cell(sum(before), len(before)), count_cell(len(before)),
                     share_cell(sum(after), len(after)), count_cell(len(after))])
    return table_result("policy_effect", "政策效果：施行前后的解答评价", ["法规", "施行前有帮助率", "施行前评价数",
                                                                   "施行后有帮助率", "施行后评价数"], rows, chart="table")
