"""The agencies' credit grade (劳务派遣单位信用等级评价, 人社厅发〔2025〕6号): computed from what the platform holds.

Each agency in the area starts from 100 points; the year's annual report (on time, verified, its findings), the
roster (contracts under two years, workers without insurance, workers listed by another agency too) and the
warnings at the hosts it supplies add or take points (``credit_points``, each deduction item capped). Limiting
rules then fix a ceiling whatever the score: a revoked licence is D; a report found 不合格 or never submitted, or
capital under the statutory minimum, is at most C. The score gives the grade (``credit_grade_bounds``); finally
no more than 10 % of those rated may be A+ and 20 % A or above (``credit_top_shares``), the lowest scores moving
down a grade. Every item is stored with its points and reference, so agency and officer see why.
"""

import datetime as dt
import math
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zhili.core.foundation.api import audit, events
from zhili.core.ledger import api as ledger

from ..choices import InsuranceStatus, LicenceStatus, ReportStatus, Verdict
from ..models import Agency, AnnualReport, CreditRating, DispatchedWorker, HostWarning
from ..rules import add_years, report_due_date, rule
from .common import authorize, digest, person, refuse

GRADES = ["A+", "A", "B", "C", "D"]  # best first
GUIDE = "《劳务派遣单位信用等级评价指南》（人社厅发〔2025〕6号）"


def _below(grade: str, ceiling: str) -> str:
    """The worse of ``grade`` and ``ceiling``."""
    return GRADES[max(GRADES.index(grade), GRADES.index(ceiling))]


def _year_facts(agencies: list[Agency], year: int) -> dict[int, dict]:
    """Per agency: the year's roster figures and the orange/red warnings at the hosts it supplied."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    contract_years = rule("contract_min_years", end).value
    rows = list(DispatchedWorker.objects.filter(agency__in=agencies, dispatch_start__lte=end, dispatch_end__gte=start)
                .values_list("agency_id", "host_id", "id_number_index", "contract_start", "contract_end",
                             "insurance_status"))
    agencies_of = {}
    for agency_id, _host, key, *_rest in rows:
        agencies_of.setdefault(key, set()).add(agency_id)
    others = DispatchedWorker.objects.filter(id_number_index__in=list(agencies_of), dispatch_start__lte=end,
                                             dispatch_end__gte=start).values_list("id_number_index", "agency_id")
    for key, agency_id in others:
        agencies_of[key].add(agency_id)
    warned = set(HostWarning.objects.filter(period__startswith=f"{year}-", level__in=("orange", "red"))
                 .values_list("host_id", flat=True))
    facts = {a.pk: {"workers": 0, "short": 0, "uninsured": 0, "twice": 0, "hosts": set()} for a in agencies}
    for agency_id, host_id, key, c_start, c_end, insurance in rows:
        f = facts[agency_id]
        f["workers"] += 1
        f["short"] += c_end < add_years(c_start, contract_years) - dt.timedelta(days=1)
        f["uninsured"] += insurance != InsuranceStatus.PAID
        f["twice"] += len(agencies_of.get(key, ())) > 1
        if host_id in warned:
            f["hosts"].add(host_id)
    return facts


def score_agency(agency: Agency, report: AnnualReport | None, facts: dict, year: int, today: dt.date) -> dict:
    """One agency's items, score and grade before the share caps."""
    due = report_due_date(year)
    points = rule("credit_points", due)
    p, basis = points.value, points.reference
    items = []

    def add(code, text, value, reference=basis):
        items.append({"code": code, "text": text, "points": value, "reference": reference})

    def deduct(code, text, count, each):
        if count:
            add(code, text.format(n=count), max(p[each] * count, p["deduction_cap_each_item"]))

    ceiling = "A+"
    if report is None:
        if today > due:
            add("report_missing", f"{year}年度经营情况报告未提交（应于 {due} 前）", p["report_missing"])
            ceiling = "C"
    else:
        late = report.submitted_on > due
        if late:
            add("late_report", f"年度报告逾期提交（{report.submitted_on}）", p["late_report"])
        if report.status == ReportStatus.VERIFIED and report.verdict == Verdict.UNQUALIFIED:
            add("report_unqualified", "年度报告核验不合格", p["report_unqualified"])
            ceiling = "C"
        elif report.status == ReportStatus.VERIFIED and report.verdict == Verdict.QUALIFIED and not late:
            add("report_on_time_qualified", "年度报告按时提交并核验合格", p["report_on_time_qualified"])
        blocking = [f for f in report.findings if f.get("blocking") and f.get("code") != "late"]
        deduct("findings", "年度报告规则核验发现问题 {n} 项", len(blocking), "finding")
        if report.dispatched_total and report.union_members * 2 >= report.dispatched_total:
            add("union_half", "半数以上被派遣劳动者参加工会", p["union_half"])
    deduct("short_contracts", "劳动合同不满2年 {n} 人", facts["short"], "short_contract_each")
    deduct("uninsured", "未参保或欠缴 {n} 人", facts["uninsured"], "uninsured_each")
    deduct("listed_twice", "与其他派遣单位重复派遣 {n} 人", facts["twice"], "listed_twice_each")
    deduct("host_warnings", "所派用工单位被橙色以上预警 {n} 家", len(facts["hosts"]), "host_warning_each")
    if facts["workers"] and not facts["uninsured"]:
        add("insured_all", "被派遣劳动者全部正常参保", p["insured_all"])
    capital = rule("registered_capital_min", due)
    if agency.registered_capital < capital.value:
        add("capital_short", f"注册资本低于 {capital.value:.0f} 元：至多评为 C", 0, capital.reference)
        ceiling = _below(ceiling, "C")
    if agency.licence_status == LicenceStatus.REVOKED:
        add("licence_revoked", "许可证被吊销：评为 D", 0, GUIDE)
        ceiling = "D"
    score = Decimal(100 + sum(i["points"] for i in items))
    bounds = rule("credit_grade_bounds", due).value
    by_score = next((g for g in ("A+", "A", "B", "C") if score >= bounds[g]), "D")
    grade = _below(by_score, ceiling)
    if grade != by_score:
        items.append({"code": "ceiling", "text": f"限制性条款：得分对应 {by_score}，评为 {grade}", "points": 0,
                      "reference": GUIDE})
    return {"score": score, "grade": grade, "items": items}


def _apply_shares(results: list[dict], due: dt.date) -> None:
    """No more than the allowed shares at A+ and at A or above: the lowest scores move down a grade."""
    shares = rule("credit_top_shares", due)
    for grade, below, label in (("A+", "A", "A+"), ("A", "B", "A 以上")):
        allowed = math.floor(len(results) * shares.value[grade])
        top = sorted((r for r in results if GRADES.index(r["grade"]) <= GRADES.index(grade)),
                     key=lambda r: (-r["score"], r["agency"].licence_no))
        for r in top[allowed:]:
            r["items"].append({"code": "share_cap", "points": 0, "reference": shares.reference,
                               "text": f"{label}不超过参评单位的 {shares.value[grade]:.0%}：由 {r['grade']} 调为 {below}"})
            r["grade"], r["capped"] = below, True


@transaction.atomic
def grade_agencies(year: int, *, region, actor, today: dt.date | None = None) -> list[CreditRating]:
    """Compute and store the year's credit grade of every agency (not cancelled) in ``region`` and below."""
    authorize(actor, "dispatch_watch.agency.manage", region)
    today = today or timezone.localdate()
    year = int(year)
    if not 2025 <= year < today.year:
        refuse("year", f"评价年度：须为已结束的年度且不早于 2025 年（{GUIDE}），{year} 不可评价", "year")
    agencies = list(Agency.objects.select_for_update().select_related("organization")
                    .filter(Q(region=region) | Q(region__path__startswith=region.path))
                    .exclude(licence_status=LicenceStatus.CANCELLED).order_by("licence_no"))
    if not agencies:
        refuse("region", "区划：没有可评价的劳务派遣单位", "empty")
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(agency__in=agencies, year=year)}
    facts = _year_facts(agencies, year)
    results = []
    for agency in agencies:
        result = score_agency(agency, reports.get(agency.pk), facts[agency.pk], year, today)
        results.append({**result, "agency": agency, "capped": False})
    _apply_shares(results, report_due_date(year))
    ratings = []
    for r in results:
        rating, _created = CreditRating.objects.update_or_create(
            agency=r["agency"], year=year,
            defaults={"score": r["score"], "grade": r["grade"], "items": r["items"], "capped": r["capped"],
                      "computed_by": person(actor)})
        ratings.append(rating)
    Agency.objects.filter(pk__in=[r["agency"].pk for r in results]).update(credit_year=year)
    for grade in GRADES:
        Agency.objects.filter(pk__in=[r["agency"].pk for r in results if r["grade"] == grade]).update(
            credit_grade=grade, updated_at=timezone.now())
    summary = {"year": year, "region": region.code, "rated": len(ratings),
               "grades": dict(Counter(r.grade for r in ratings)),
               "ratings": {r.agency.licence_no: [r.grade, str(r.score)] for r in ratings}}
    audit.record("dispatch_watch.credit.computed", actor=actor, target=region,
                 data={k: v for k, v in summary.items() if k != "ratings"})
    ledger.append(kind="dispatch_watch.credit.computed", subject=region, actor=person(actor), digest=digest(summary),
                  data=summary)
    events.publish("dispatch_watch.credit.computed", year=year, region=region.code, rated=len(ratings))
    return ratings


def rating_for(agency: Agency, year: int | None = None) -> CreditRating | None:
    ratings = agency.ratings.order_by("-year")
    return (ratings.filter(year=year) if year else ratings).first()

