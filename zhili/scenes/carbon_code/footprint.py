"""The enterprise's carbon footprint (碳足迹) page on core.dashboards: its own stored results only.

Monthly emissions by energy kind (quantity × the factor the month's evaluation used), gross, offset and net
emissions, K and grade by period, its L against its industry's, and its own zero-carbon generation. Everything is
read from the enterprise's stored results (``CarbonResult``) and their evaluations' factors; nothing is recomputed.
"""

from django.utils.translation import gettext as _

from zhili.core.dashboards.api import table_result

from .choices import EnergyKind
from .cockpit import cell
from .models import CarbonResult
from .queries import own_enterprises

MONTHS = 24  # the page shows the last two years of months
EMITTING = [k for k in EnergyKind if k != EnergyKind.OWN_GENERATION]


def _kind_label(kind: EnergyKind) -> str:
    return str(kind.label).split("（")[0]


def analyses(user) -> dict:
    enterprise = own_enterprises(user).first()
    results = (CarbonResult.objects.filter(enterprise=enterprise).select_related("evaluation")
               if enterprise else CarbonResult.objects.none())
    months = sorted((r for r in results if "-" in r.period), key=lambda r: r.period)[-MONTHS:]
    years = sorted((r for r in results if "-" not in r.period), key=lambda r: r.period)
    latest = years[-1] if years else None

    def emissions(result, kind) -> float | None:
        quantity = result.quantities.get(kind.value)
        factor = result.evaluation.factors.get(kind.value, {}).get("t_co2_per_unit")
        return None if quantity is None or factor is None else quantity * float(factor)

    name = enterprise.name if enterprise else ""
    return {
        "kpi": table_result("kpi", _("{name} {period} 年碳效").format(name=name, period=latest.period if latest else ""),
                            [_("指标"), _("数值")], [
            [_("碳效等级"), latest.label if latest and latest.grade else _("无法评价") if latest else "—"],
            [_("碳排放总量（tCO2）"), cell(latest.gross_t if latest else None, 1)],
            [_("零碳电力抵扣（tCO2）"), cell(latest.offset_t if latest else None, 1)],
            [_("净排放（tCO2）"), cell(latest.net_t if latest else None, 1)],
            [_("单位增加值碳排放 L（t/万元）"), cell(latest.intensity if latest else None, 4)],
            [_("行业单位增加值碳排放（t/万元）"), cell(latest.industry_intensity if latest else None, 4)],
            [_("碳效值 K"), cell(latest.k_value if latest else None, 4)],
            [_("碳中和率"), cell(latest.neutrality * 100 if latest and latest.neutrality is not None else None, 2, "%")],
        ], chart="kpi"),
        "by_kind": table_result(
            "by_kind", _("按能源种类的月度排放（tCO2）"), [_("月份"), *[_kind_label(k) for k in EMITTING]],
            [[r.period, *[cell(emissions(r, k), 2) for k in EMITTING]] for r in months], chart="bar",
            note=_("用量 × 当期评价采用的排放因子。自发零碳电力按电网因子计入排放总量并等额抵扣，不在此图中。")),
        "net": table_result(
            "net", _("月度排放总量、零碳电力抵扣与净排放（tCO2）"), [_("月份"), _("排放总量"), _("零碳电力抵扣"), _("净排放")],
            [[r.period, cell(r.gross_t, 2), cell(r.offset_t, 2), cell(r.net_t, 2)] for r in months], chart="line"),
        "k_history": table_result(
            "k_history", _("碳效值 K 与等级"), [_("评价期"), _("碳效值 K"), _("等级")],
            [[r.period, cell(r.k_value, 4), r.label or str(r.status_choice.label)] for r in [*years, *months]],
            chart="line", series_columns=[1], note=_("K 越小越好：1 级最优，5 级最差；无法评价的期间没有 K。")),
        "industry": table_result(
            "industry", _("与行业对比：单位增加值碳排放（t/万元）"), [_("月份"), _("本企业 L"), _("行业 L")],
            [[r.period, cell(r.intensity, 4), cell(r.industry_intensity, 4)] for r in months], chart="line"),
        "new_energy": table_result(
            "new_energy", _("自发零碳电力（万 kWh）"), [_("月份"), _("万 kWh")],
            [[r.period, cell((r.quantities.get(EnergyKind.OWN_GENERATION.value) or 0) / 10000, 2)] for r in months],
            chart="bar"),
    }
