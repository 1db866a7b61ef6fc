"""The cockpit's analyses of the 浙农补 scene: funds by round (pre-verified, claimed, passed, paid), plots by warning
colour, survey classes by town, and the seed's ten indicators by town (粮补资金执行率, 农户满意率, 补贴精确率,
粮食生产功能区面积 are the seed's; the other six are this scene's choice from what it holds, see ``INDICATOR_NOTE``)."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from zhili.core.dashboards.api import count_cell, stat_cell, table_result, value_cell
from zhili.core.identity.api import filter_by_scope

from . import queries
from .choices import LandUse, LineStatus, WarningColour
from .models import FieldCheck, PreVerifiedPlot


def money_cell(value: Decimal) -> dict:
    """An amount of yuan (not a count of people: never suppressed)."""
    value = Decimal(value or 0)
    return {"value": float(value), "n": None, "display": f"{value:,.2f}", "suppressed": False}


def _funds(user) -> dict:
    rows = []
    for round_ in queries.rounds_for(user):
        figures = queries.round_figures(round_)
        rows.append([str(round_), money_cell(figures["offered_yuan"]), money_cell(figures["claimed_yuan"]),
                     money_cell(figures["passed_yuan"]), money_cell(figures["paid_yuan"])])
    return table_result("funds", "补贴资金（元）", ["批次", "预核定", "已申领", "审核通过", "已到账"], rows, chart="bar")


def _colours(user) -> dict:
    lines = filter_by_scope(user, PreVerifiedPlot.objects.all(), "round__region")
    counts = dict(lines.order_by().values_list("colour").annotate(n=Count("id")).values_list("colour", "n"))
    rows = [[str(WarningColour(c).label), count_cell(counts.get(c, 0), limit=1)] for c in WarningColour.values]
    return table_result("colours", "预核定地块三色预警", ["预警", "地块数"], rows, chart="pie")


def _towns(user) -> dict:
    plots = queries.plots_for(user).order_by()
    table = defaultdict(lambda: defaultdict(Decimal))
    names = {}
    for code, name, use, area in plots.values_list("region__code", "region__name", "land_use").annotate(
            a=Sum("registered_area_mu")).values_list("region__code", "region__name", "land_use", "a"):
        names[code] = name
        table[code][use] += area or Decimal(0)
    uses = list(LandUse.values)
    rows = [[names[code], *[money_cell(table[code][u]) for u in uses]] for code in sorted(table)]
    return table_result("towns", "各乡镇地块监测属性（确权面积，亩）", ["乡镇", *[str(LandUse(u).label) for u in uses]],
                        rows, chart="bar", drill=[{"region": code} for code in sorted(table)])


INDICATOR_HEADERS = ["乡镇", "粮补资金执行率", "农户满意率", "补贴精确率", "粮食生产功能区面积（亩）", "种粮面积（亩）",
                     "申领率", "非粮化率", "撂荒率", "非农化地块", "外业核查地块"]
INDICATOR_NOTE = ("执行率＝已到账÷预核定可申领金额；满意率以申领农户中未提出异议者的比例近似（满意度测评数据未接入）；"
                  "精确率＝1－（审核不通过＋异议）÷已申领地块；申领率＝已申领÷可申领地块；非粮化率、撂荒率按确权面积计。"
                  "平湖市十项指标中仅前四项名称见于公开材料，其余六项为本场景的设计选择。")
AUDITED = (LineStatus.PASSED, LineStatus.HELD, LineStatus.EXCLUDED, LineStatus.IN_FILE, LineStatus.PAID)


def _percent(part, whole) -> dict:
    return value_cell(float(part) * 100 / float(whole), digits=1, suffix="%") if whole else value_cell(None)


def _indicators(user) -> dict:
    """The ten indicators by town, from the plots, surveys, pre-verified lines, objections and field checks."""
    plots = queries.plots_for(user).order_by()
    names, area = {}, defaultdict(lambda: defaultdict(Decimal))
    count = defaultdict(lambda: defaultdict(int))
    for code, name, use, zone, mu, n in (plots.values_list("region__code", "region__name", "land_use", "grain_zone")
                                         .annotate(mu=Sum("registered_area_mu"), n=Count("id"))
                                         .values_list("region__code", "region__name", "land_use", "grain_zone", "mu",
                                                      "n")):
        names[code] = name
        area[code][use] += mu or Decimal(0)
        area[code]["zone"] += (mu or Decimal(0)) if zone else Decimal(0)
        area[code]["all"] += mu or Decimal(0)
        count[code][use] += n
    lines = filter_by_scope(user, PreVerifiedPlot.objects.all(), "round__region").order_by()
    money = defaultdict(lambda: defaultdict(Decimal))
    for code, status, yuan, n in (lines.values_list("plot__region__code", "status")
                                  .annotate(y=Sum("amount_yuan"), n=Count("id"))
                                  .values_list("plot__region__code", "status", "y", "n")):
        money[code][status] += yuan or Decimal(0)
        count[code]["line:" + status] += n
    for code, claimed, objected, objections in (
            lines.filter(claim__isnull=False).values_list("plot__region__code")
            .annotate(f=Count("farmer", distinct=True), fo=Count("farmer", filter=Q(objection__isnull=False),
                                                                 distinct=True),
                      o=Count("id", filter=Q(objection__isnull=False)))
            .values_list("plot__region__code", "f", "fo", "o")):
        count[code].update({"farmers": claimed, "objected": objected, "objections": objections})
    checked = dict(FieldCheck.objects.filter(plot__in=plots.values("id")).order_by().values_list("plot__region__code")
                   .annotate(n=Count("plot", distinct=True)).values_list("plot__region__code", "n"))
    rows = []
    for code in sorted(names):
        c, m, a = count[code], money[code], area[code]
        offered = sum((v for k, v in m.items() if k != LineStatus.BLOCKED), Decimal(0))
        claimable = sum(v for k, v in c.items() if k.startswith("line:") and k != "line:" + LineStatus.BLOCKED)
        claimed = c["line:" + LineStatus.CLAIMED] + sum(c["line:" + s] for s in AUDITED)
        rows.append([names[code], _percent(m[LineStatus.PAID], offered),
                     stat_cell((c["farmers"] - c["objected"]) * 100 / c["farmers"] if c["farmers"] else None,
                               c["farmers"], digits=1, suffix="%"),
                     _percent(claimed - c["line:" + LineStatus.EXCLUDED] - c["objections"], claimed),
                     money_cell(a["zone"]), money_cell(a[LandUse.GRAIN]), _percent(claimed, claimable),
                     _percent(a[LandUse.NON_GRAIN], a["all"]),
                     _percent(a[LandUse.SEASONAL_ABANDONED] + a[LandUse.PERENNIAL_ABANDONED], a["all"]),
                     value_cell(c[LandUse.NON_AGRICULTURAL]), value_cell(checked.get(code, 0))])
    return table_result("indicators", "十项指标（按乡镇）", INDICATOR_HEADERS, rows, chart="bar", note=INDICATOR_NOTE,
                        series_columns=[1, 2, 3, 6], drill=[{"region": code} for code in sorted(names)])


def analyses(user) -> dict:
    return {"funds": _funds(user), "colours": _colours(user), "towns": _towns(user), "indicators": _indicators(user)}
