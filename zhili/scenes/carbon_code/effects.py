"""The 30 effect indicators (碳效应用成效) on core.indicators, each defined as data.

The seed (长兴县, 2021) sets two first-level indicators; under 碳效应用成效 five second-level ones (碳融资, 大工业政策
兑现, 能耗管控, “供电+能效”服务, 区域（行业）碳效结果应用成效) and 30 third-level ones, of which it names three:
贷款企业数（家）, 贷款金额（万元）, 降低贷款成本（万元）. It reports outcomes for a few more (76 loans, 32 firms with a
carbon bill, 6 retrofits, 5.91 万吨 less a year). The other indicators are this scene's; ``ORIGIN`` says which is
which and the cockpit shows it.

Every indicator counts what the scene recorded: the banks' loan decisions (``LoanApplication``, counted for the
year whose grade the application rests on; not the banks' reads), the services the policy engine matched (``matching``), the carbon bills issued, the rectification cases
on core.cases, the year results. ``publish_effects(year)`` writes one row per county and indicator into the data
pool (``carbon_code_effects``) and evaluates the system ``carbon_code_effects``, so the values are stored per county
and year by core.indicators; the cockpit adds up the counties in view (every indicator is a count or a sum).
"""

import csv
import datetime as dt
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zhili.core.indicators.api import Condition, ControlPoint, Dimension, Indicator, IndicatorSystem, Sum, Where

SYSTEM = "carbon_code_effects"
DATASET = "carbon_code_effects"
SINCE = dt.date(2021, 5, 1)
SEED = "长兴县“碳效码”场景应用（数字化改革简报，2021）：碳效应用成效下设 5 项二级指标、30 项三级指标"
OURS = "本场景定义的口径（简报未列出该三级指标），设计取舍"

# (code, name, unit, origin): origin "seed" = named by the seed, "outcome" = an outcome the seed reports a figure
# for, "ours" = this scene's.
DIMENSIONS = [
    ("finance", gettext_noop("碳融资"), [
        ("loan_firms", gettext_noop("贷款企业数"), gettext_noop("家"), "seed"),
        ("loan_amount", gettext_noop("贷款金额"), gettext_noop("万元"), "seed"),
        ("loan_cost_saved", gettext_noop("降低贷款成本"), gettext_noop("万元"), "seed"),
        ("loan_count", gettext_noop("贷款笔数"), gettext_noop("笔"), "outcome"),
        ("loan_applications", gettext_noop("贷款申请笔数"), gettext_noop("笔"), "ours"),
        ("loan_refused", gettext_noop("未获批申请笔数"), gettext_noop("笔"), "ours"),
        ("loan_green_amount", gettext_noop("1–2 级企业贷款金额"), gettext_noop("万元"), "ours"),
        ("loan_transition_amount", gettext_noop("4–5 级企业转型贷款金额"), gettext_noop("万元"), "ours"),
    ]),
    ("policy", gettext_noop("大工业政策兑现"), [
        ("reward_firms", gettext_noop("符合差别化奖励企业数"), gettext_noop("家"), "ours"),
        ("reward_uplift_firms", gettext_noop("奖励系数上浮企业数（1–2 级）"), gettext_noop("家"), "ours"),
        ("reward_excluded_firms", gettext_noop("不予奖励企业数（4–5 级）"), gettext_noop("家"), "ours"),
        ("muni_firms", gettext_noop("纳入亩均论英雄碳效评价企业数"), gettext_noop("家"), "ours"),
        ("muni_good_firms", gettext_noop("亩均碳效指标 60 分以上企业数"), gettext_noop("家"), "ours"),
    ]),
    ("energy", gettext_noop("能耗管控"), [
        ("orderly_firms", gettext_noop("列入有序用电名单企业数"), gettext_noop("家"), "ours"),
        ("orderly_power", gettext_noop("有序用电名单企业年用电量"), gettext_noop("万 kWh"), "ours"),
        ("trading_firms", gettext_noop("可参与电力直接交易企业数"), gettext_noop("家"), "ours"),
        ("high_carbon_firms", gettext_noop("高碳企业数"), gettext_noop("家"), "ours"),
        ("poor_firms", gettext_noop("碳效 4–5 级企业数"), gettext_noop("家"), "ours"),
        ("ungraded_firms", gettext_noop("数据问题无法评价企业数"), gettext_noop("家"), "ours"),
    ]),
    ("service", gettext_noop("“供电+能效”服务"), [
        ("diagnosis_firms", gettext_noop("匹配节能诊断企业数"), gettext_noop("家"), "ours"),
        ("substitution_firms", gettext_noop("短板为化石能源的诊断企业数（电能替代对象）"), gettext_noop("家"), "ours"),
        ("bill_firms", gettext_noop("获得碳账单企业数"), gettext_noop("家"), "outcome"),
        ("bills", gettext_noop("碳账单份数"), gettext_noop("份"), "ours"),
        ("own_generation", gettext_noop("自发零碳电量"), gettext_noop("万 kWh"), "ours"),
        ("offset_t", gettext_noop("零碳电力抵扣排放"), "tCO2", "ours"),
    ]),
    ("region", gettext_noop("区域（行业）碳效结果应用成效"), [
        ("rectification_cases", gettext_noop("碳效整改工单数"), gettext_noop("件"), "ours"),
        ("rectification_closed", gettext_noop("已办结碳效整改工单数"), gettext_noop("件"), "outcome"),
        ("rectification_overdue", gettext_noop("超期未办结碳效整改工单数"), gettext_noop("件"), "ours"),
        ("improved_firms", gettext_noop("碳效等级同比提升企业数"), gettext_noop("家"), "ours"),
        ("reduction_t", gettext_noop("同比净排放减少量"), "tCO2", "outcome"),
    ]),
]
ITEMS = {code: (name, unit, origin, dimension) for dimension, _label, items in DIMENSIONS
         for code, name, unit, origin in items}
ORIGIN_LABELS = {"seed": gettext_noop("简报列出的指标"), "outcome": gettext_noop("简报报告了成效数字"), "ours": gettext_noop("本场景定义")}



def _indicator(code: str, name: str, origin: str) -> Indicator:
    # Every indicator "fires" when it has a value, with no points: the system measures, it does not warn.
    return Indicator(code, name, Sum(DATASET, "value", "recorded_on", 366, (Where("item", "==", code),)),
                     Condition(">", 0), 0, SEED if origin != "ours" else OURS, SINCE)


INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code=SYSTEM, name="碳效应用成效", entity_field="county", entity_label="县（市、区）", reference=SEED,
        effective_from=SINCE, thresholds=(),
        dimensions=tuple(Dimension(dimension, label, 1.0, (ControlPoint(dimension, label, tuple(
            _indicator(code, name, origin) for code, name, _unit, origin in items)),))
            for dimension, label, items in DIMENSIONS),
    ),
]


def counties_of(regions) -> dict[int, str]:
    """Each region's county (县级) code from its path (a region above county level stands for itself)."""
    from zhili.core.orgs.api import Region

    regions = {r.pk: r for r in regions}
    codes = {code for r in regions.values() for code in r.path.strip("/").split("/")}
    county_level = set(Region.objects.filter(code__in=codes, level="county").values_list("code", flat=True))
    found = {}
    for pk, region in regions.items():
        parts = region.path.strip("/").split("/")
        found[pk] = next((code for code in parts if code in county_level), parts[-1])
    return found


def lpr_on(day: dt.date) -> Decimal:
    from .rules import rule

    return Decimal(str(rule("lpr_1y", day).value))


def effect_values(year: str) -> dict[str, dict[str, float]]:
    """Each county's 30 values for ``year`` from what the scene recorded (reads only)."""
    from zhili.core.cases.api import Case

    from . import diagnosis, matching
    from .choices import CarbonLevel, LoanStatus, ResultStatus
    from .models import CarbonBill, CarbonResult, LoanApplication

    values: dict = defaultdict(lambda: dict.fromkeys(ITEMS, 0.0))
    results = list(CarbonResult.objects.filter(period=year).select_related("region", "enterprise", "evaluation"))
    county_by_region = counties_of({r.region for r in results})
    county_of = {r.enterprise_id: county_by_region[r.region_id] for r in results}
    graded = [r for r in results if r.status == ResultStatus.GRADED]
    shares = diagnosis.industry_shares(year) if graded else {}
    for r in results:
        v = values[county_of[r.enterprise_id]]
        if r.status != ResultStatus.GRADED:
            v["ungraded_firms"] += 1
            continue
        found = diagnosis.diagnose(r, shares, volatility=False)
        decisions = matching.decide_services(r, found)
        grade = int(r.grade)
        v["reward_firms"] += decisions["differentiated_reward"]
        v["reward_uplift_firms"] += decisions["differentiated_reward"] and grade <= 2
        v["reward_excluded_firms"] += grade >= 4
        v["muni_firms"] += decisions["muni_carbon_indicator"]
        v["muni_good_firms"] += (matching.muni_score(r.grade, matching.decision_day(year)) or 0) >= 60
        v["orderly_firms"] += decisions["orderly_power_list"]
        if decisions["orderly_power_list"]:
            v["orderly_power"] += (r.quantities.get("grid_electricity", 0) + r.quantities.get("own_generation", 0)) / 1e4
        v["trading_firms"] += decisions["direct_power_trading"]
        v["high_carbon_firms"] += r.level == CarbonLevel.HIGH
        v["poor_firms"] += grade >= 4
        v["diagnosis_firms"] += decisions["energy_saving_diagnosis"]
        v["substitution_firms"] += decisions["energy_saving_diagnosis"] and found.weak_kind in (
            "coal", "oil", "natural_gas")
        v["own_generation"] += r.quantities.get("own_generation", 0) / 1e4
        v["offset_t"] += float(r.offset_t or 0)
    before = dict(CarbonResult.objects.filter(period=str(int(year) - 1), status=ResultStatus.GRADED)
                  .values_list("enterprise_id", "grade"))
    before_net = dict(CarbonResult.objects.filter(period=str(int(year) - 1), status=ResultStatus.GRADED)
                      .values_list("enterprise_id", "net_t"))
    for r in graded:
        v = values[county_of[r.enterprise_id]]
        if r.enterprise_id in before:
            v["improved_firms"] += int(r.grade) < int(before[r.enterprise_id])
            v["reduction_t"] += float(before_net[r.enterprise_id] - r.net_t)
    start, end = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
    grades = {r.enterprise_id: int(r.grade) for r in graded}
    # A loan counts for the year whose grade it was applied on (the application's 依据评价期).
    loans = LoanApplication.objects.filter(enterprise_id__in=list(county_of), period=year)
    loan_firms = defaultdict(set)
    for application in loans:
        county = county_of[application.enterprise_id]
        v = values[county]
        v["loan_applications"] += 1
        if application.status == LoanStatus.REJECTED:
            v["loan_refused"] += 1
        if application.status != LoanStatus.APPROVED or application.granted_amount is None:
            continue
        amount = float(application.granted_amount)
        loan_firms[county].add(application.enterprise_id)
        v["loan_count"] += 1
        v["loan_amount"] += amount
        day = application.decided_at.date() if application.decided_at else end
        saved = max(lpr_on(day) - (application.granted_rate or lpr_on(day)), Decimal(0))
        v["loan_cost_saved"] += amount * float(saved) / 100  # one year's interest on the loan, 万元
        grade = grades.get(application.enterprise_id)
        if grade is not None and grade <= 2:
            v["loan_green_amount"] += amount
        if grade is not None and grade >= 4:
            v["loan_transition_amount"] += amount
    for county, firms in loan_firms.items():
        values[county]["loan_firms"] = float(len(firms))
    bill_firms = defaultdict(set)
    for bill in CarbonBill.objects.filter(enterprise_id__in=county_of, period__startswith=year).only(
            "enterprise_id"):
        values[county_of[bill.enterprise_id]]["bills"] += 1
        bill_firms[county_of[bill.enterprise_id]].add(bill.enterprise_id)
    for county, firms in bill_firms.items():
        values[county]["bill_firms"] = float(len(firms))
    from django.utils import timezone

    now = timezone.now()
    by_pk = {str(pk): county for pk, county in county_of.items()}
    for case in Case.objects.filter(case_type="carbon_code.rectification", created_at__date__range=(start, end),
                                    subject_id__in=list(by_pk)):
        v = values[by_pk[case.subject_id]]
        v["rectification_cases"] += 1
        v["rectification_closed"] += case.closed_at is not None
        v["rectification_overdue"] += bool(case.closed_at is None and case.due_at and case.due_at < now)
    return {county: {k: round(float(x), 4) for k, x in v.items()} for county, v in values.items()}


def publish_effects(year: str, *, actor):
    """Write the year's effect values per county into ``carbon_code_effects`` and evaluate the indicator system;
    None when the year has no results."""
    from zhili.core.datapool.api import ingest_file
    from zhili.core.identity.api import require
    from zhili.core.indicators.api import evaluate_system

    if not isinstance(actor, str):
        require(actor, "carbon_code.evaluation.run")
    values = effect_values(year)
    if not values:
        return None
    label = actor if isinstance(actor, str) else f"carbon_code:{actor.username}"
    end = dt.date(int(year), 12, 31)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"carbon_code_effects_{year}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["county", "item", "recorded_on", "value"])
            for county, items in sorted(values.items()):
                for item, value in items.items():
                    writer.writerow([county, item, end.isoformat(), value])
        batch = ingest_file(DATASET, path, actor=label)
    if batch.status != "succeeded":
        raise ValidationError({"year": _("应用成效写入数据仓失败：{reason}").format(reason=batch.failure_reason)})
    return evaluate_system(SYSTEM, end, actor=label, period=year)


def effect_rows(counties, year: str | None) -> list[dict]:
    """The 30 indicators summed over ``counties`` for ``year`` from the latest stored run (empty values before one)."""
    from zhili.core.indicators.api import EntityResult

    totals = dict.fromkeys(ITEMS, None)
    if year:
        latest = (EntityResult.objects.filter(system_code=SYSTEM, period=year).order_by("-run_id")
                  .values_list("run_id", flat=True).first())
        for explanation in EntityResult.objects.filter(run_id=latest, entity_key__in=list(counties)).values_list(
                "explanation", flat=True):
            for code, value in (explanation or {}).get("values", {}).items():
                if code in totals:
                    totals[code] = (totals[code] or 0) + value
    labels = dict((d, label) for d, label, _i in DIMENSIONS)
    return [{"code": code, "name": _(name), "unit": _(unit), "digits": 2 if unit in ("万元", "万 kWh", "tCO2") else 0,
             "origin": origin, "origin_label": _(ORIGIN_LABELS[origin]), "dimension": _(labels[dimension]),
             "value": totals[code]} for code, (name, unit, origin, dimension)
            in ITEMS.items()]
