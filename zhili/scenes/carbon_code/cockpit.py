"""The cockpit's analyses: county → town → industry → enterprise, from the stored results of the latest year.

Enterprise figures are not personal data, so counts are not suppressed; the region filter (``region``, a GB/T 2260
code) and the industry filter (``industry``, a GB/T 4754 division) come from a click on a ranking's row.
"""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from zhili.core.dashboards.api import table_result
from zhili.core.orgs.api import Industry, Region

from . import diagnosis, effects, queries
from .choices import CarbonLevel, EnergyKind, Grade, LoanStatus, ResultStatus
from .models import CarbonBill, CarbonResult, LoanApplication, RegionIndex


def cell(value, digits: int = 0, suffix: str = "") -> dict:
    """A plain figure (enterprise data, no small-cell suppression)."""
    if value is None:
        return {"value": None, "n": None, "display": "—", "suppressed": False}
    value = round(float(value), digits)
    shown = f"{value:,.{digits}f}{suffix}"
    return {"value": value, "n": None, "display": shown, "suppressed": False}


def latest_year(user) -> str | None:
    return (queries.visible_results(user).filter(period__regex=r"^\d{4}$").order_by("-period")
            .values_list("period", flat=True).first())


def _sums(results) -> dict:
    net = sum((r.net_t for r in results), Decimal(0))
    va = sum((r.value_added for r in results), Decimal(0))
    gross = sum((r.gross_t for r in results), Decimal(0))
    offset = sum((r.offset_t for r in results), Decimal(0))
    return {"firms": len(results), "net": net, "va": va, "gross": gross, "offset": offset,
            "intensity": net / va if va else None, "neutrality": offset / gross if gross else None,
            "poor": sum(1 for r in results if r.grade in ("4", "5"))}


def analyses(user, *, region: str = "", industry: str = "") -> dict:
    period = latest_year(user)
    results = queries.visible_results(user).filter(period=period or "-")
    selected = Region.objects.filter(code=region).first() if region else None
    if selected:
        results = results.filter(region__path__startswith=selected.path)
    if industry:
        results = results.filter(industry_code=industry)
    results = list(results.select_related("region", "enterprise"))
    graded = [r for r in results if r.status == ResultStatus.GRADED]
    total = _sums(graded)
    province = RegionIndex.objects.filter(period=period or "-", level="province").first()
    base = province.intensity if province else None

    # rank the next level down: the region segment after the selected one (or the user's own scope)
    depth = selected.path.count("/") if selected else _common_depth(graded)
    groups = defaultdict(list)
    for r in graded:
        parts = r.region.path.strip("/").split("/")
        groups[parts[min(depth - 1, len(parts) - 1)] if parts else ""].append(r)
    names = dict(Region.objects.filter(code__in=groups).values_list("code", "name"))
    ranked = sorted(((code, _sums(rs)) for code, rs in groups.items()), key=lambda kv: kv[1]["intensity"] or 0)
    by_industry = defaultdict(list)
    for r in graded:
        by_industry[r.industry_code].append(r)
    industries = sorted(((code, _sums(rs)) for code, rs in by_industry.items()), key=lambda kv: kv[1]["intensity"])
    industry_names = dict(Industry.objects.filter(code__in=[code for code, _s in industries]).values_list("code", "name"))
    worst = sorted(graded, key=lambda r: r.k_value, reverse=True)[:10]
    months = defaultdict(float)
    monthly = queries.visible_results(user).filter(period__startswith=f"{period}-") if period else []
    if selected and period:
        monthly = monthly.filter(region__path__startswith=selected.path)
    for r in monthly:
        months[r.period] += r.quantities.get(EnergyKind.OWN_GENERATION, 0) / 10000
    firms = [r.enterprise_id for r in results]
    granted = LoanApplication.objects.filter(enterprise_id__in=firms, status=LoanStatus.APPROVED)
    loan_amount = sum((a.granted_amount for a in granted), Decimal(0))
    title = f"{period or ''} {selected.name if selected else ''}{' ' + industry if industry else ''}".strip()
    counties = set(effects.counties_of({r.region for r in results}).values())
    effect_rows = effects.effect_rows(counties, period)
    kinds = diagnosis.region_kinds(graded, _province_graded(period))
    return {
        "kpi": table_result("kpi", _("{title} 总体情况").format(title=title), [_("指标"), _("数值")], [
            [_("已评价企业"), cell(len(graded))],
            [_("无法评价企业"), cell(len(results) - len(graded))],
            [_("净排放（万 tCO2）"), cell(total["net"] / 10000, 2)],
            [_("单位增加值碳排放（t/万元）"), cell(total["intensity"], 4)],
            [_("碳效指数（全域 = 1）"), cell(total["intensity"] / base if base and total["intensity"] else None, 4)],
            [_("碳中和率"), cell(total["neutrality"] * 100 if total["neutrality"] is not None else None, 2, "%")],
            [_("4–5 级企业"), cell(total["poor"])],
            [_("已签发碳账单"), cell(CarbonBill.objects.filter(enterprise_id__in=firms).count())],
            [_("碳效贷笔数"), cell(len(granted))],
            [_("碳效贷金额（亿元）"), cell(loan_amount / 10000, 4)],
        ], chart="kpi"),
        "regions": table_result(
            "regions", _("区域碳效排名（单位增加值碳排放，低者在前）"),
            [_("区划"), _("单位增加值碳排放（t/万元）"), _("企业数"), _("4–5 级企业")],
            [[names.get(code, code), cell(s["intensity"], 4), cell(s["firms"]), cell(s["poor"])] for code, s in ranked],
            chart="hbar", drill=[{"region": code} for code, _s in ranked], series_columns=[1]),
        "industries": table_result(
            "industries", _("行业碳效（GB/T 4754 大类）"),
            [_("行业大类"), _("单位增加值碳排放（t/万元）"), _("企业数"), _("4–5 级企业")],
            [[industry_names.get(code, code), cell(s["intensity"], 4), cell(s["firms"]), cell(s["poor"])]
             for code, s in industries],
            chart="bar", drill=[{"industry": code} for code, _s in industries], series_columns=[1]),
        "grades": table_result("grades", _("碳效等级分布"), [_("等级"), _("企业数")],
                               [[str(Grade(g).label), cell(sum(1 for r in graded if r.grade == g))]
                                for g in Grade.values], chart="bar"),
        "levels": table_result("levels", _("碳效水平分布"), [_("水平"), _("企业数")],
                               [[str(CarbonLevel(v).label), cell(sum(1 for r in graded if r.level == v))]
                                for v in CarbonLevel.values], chart="pie"),
        "new_energy": table_result("new_energy", _("自发零碳电力（万 kWh，按月）"), [_("月份"), _("万 kWh")],
                                   [[m, cell(v, 1)] for m, v in sorted(months.items())], chart="line"),
        "effects": table_result(
            "effects", _("碳效应用成效（30 项，按年度）"), [_("二级指标"), _("三级指标"), _("数值"), _("单位"), _("出处")],
            [[row["dimension"], row["name"], cell(row["value"], row["digits"]),
              row["unit"], row["origin_label"]] for row in effect_rows], chart="table",
            note=_("“简报列出的指标”为长兴县简报点名的三级指标，其余为本场景定义；由核心指标体系 carbon_code_effects "
                   "按县存储，数值为所选范围内各县之和，贷款类指标按银行的审批记录计算。")),
        "kinds": table_result(
            "kinds", _("能源品种诊断（t/万元：本范围 vs 全域）"), [_("能源"), _("本范围"), _("全域"), _("差值")],
            [[k["label"], cell(k["own"], 4), cell(k["baseline"], 4), cell(k["excess"], 4)] for k in kinds],
            chart="bar", series_columns=[1, 2]),
        "worst": table_result("worst", _("碳效值最高的企业"), [_("企业"), _("碳效值 K"), _("标识")],
                              [[r.enterprise.name, cell(r.k_value, 4), r.label] for r in worst], chart="table"),
    }


def _province_graded(period):
    """Every graded result of the period (the baseline a region or an industry is diagnosed against)."""
    return CarbonResult.objects.filter(period=period or "-", status=ResultStatus.GRADED).only(
        "value_added", "quantities", "evaluation_id")


def _common_depth(results) -> int:
    """The depth just below the deepest region every result shares (the user's scope, in effect)."""
    paths = [r.region.path.strip("/").split("/") for r in results]
    if not paths:
        return 1
    depth = 0
    while all(len(p) > depth + 1 for p in paths) and len({p[depth] for p in paths}) == 1:
        depth += 1
    return depth + 1
