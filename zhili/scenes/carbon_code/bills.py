"""The carbon bill (碳账单): an enterprise's figures for a month or year, its place in its industry, and a plan.

``bill_context`` gathers what the PDF shows; ``render_bill`` turns it into PDF bytes (core.esign's renderer, CJK
font embedded). The improvement plan is computed, not canned: the reduction needed to reach the next grade
(``net − bound × industry L × value added``), the largest source of emissions, own zero-carbon generation.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import EnergyKind, ResultStatus
from .models import CarbonResult
from .periods import period_bounds
from .queries import problem_text, quantity_rows
from .rules import rule

MEASURES = {
    EnergyKind.GRID_ELECTRICITY: gettext_lazy("电力是最大排放源：开展电机、空压机、照明等重点用能设备能效诊断，淘汰高耗能设备，推进需求侧管理。"),
    EnergyKind.NATURAL_GAS: gettext_lazy("天然气是最大排放源：检查锅炉、窑炉燃烧效率与余热回收，评估电能替代。"),
    EnergyKind.COAL: gettext_lazy("煤炭是最大排放源：推进燃煤设施清洁能源替代和节能改造。"),
    EnergyKind.OIL: gettext_lazy("油品是最大排放源：推进厂内运输车辆和设备电动化。"),
    EnergyKind.HEAT: gettext_lazy("外购热力是最大排放源：优化用热工艺，回收利用余热，减少蒸汽损失。"),
}


def _period_end(period: str) -> dt.date:

    return period_bounds(period)[1]


def industry_position(result: CarbonResult) -> tuple[int, int]:
    """(firms of the same division and period graded with a higher L, all graded firms of that division)."""
    peers = CarbonResult.objects.filter(period=result.period, industry_code=result.industry_code,
                                        status=ResultStatus.GRADED)
    return peers.filter(intensity__gt=result.intensity).count(), peers.count()


def improvement_plan(result: CarbonResult) -> list[str]:
    """Measures for this enterprise: the reduction to the next grade, its largest source, own generation."""
    plan = []
    bounds = rule("grade_bounds", _period_end(result.period)).value
    grade = int(result.grade)
    if grade > 1 and result.industry_intensity and result.value_added:
        bound = Decimal(bounds[grade - 2])
        allowed = bound * result.industry_intensity * result.value_added
        cut = (result.net_t - allowed).quantize(Decimal("0.001"), ROUND_HALF_UP)
        if cut > 0:
            share = (cut / result.net_t * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
            plan.append(_("增加值不变时，净排放减少 {cut} tCO2（{share}%）可达到 {grade} 级（碳效值 ≤ {bound}）。").format(
                cut=cut, share=share, grade=grade - 1, bound=bound))
    factors = result.evaluation.factors
    emissions = {kind: q * float(factors.get(kind, {}).get("t_co2_per_unit", 0))
                 for kind, q in result.quantities.items() if kind != EnergyKind.OWN_GENERATION}
    if emissions:
        largest = max(emissions, key=emissions.get)
        plan.append(str(MEASURES[largest]))
    if not result.quantities.get(EnergyKind.OWN_GENERATION):
        plan.append(_("尚无自发零碳电力：评估屋顶分布式光伏，所发电量按电网因子抵扣排放并计入碳中和率。"))
    if grade >= 4:
        plan.append(_("碳效 4–5 级：可申请供电公司免费能效诊断和转型类碳效贷，整改情况纳入下期评价。"))
    elif grade <= 2:
        plan.append(_("碳效 1–2 级：可凭碳效码申请优惠利率的碳效贷和绿色工厂评价。"))
    return plan


def bill_context(result: CarbonResult) -> dict:
    """What the bill shows, from a stored result (graded or not)."""
    position = industry_position(result) if result.status == ResultStatus.GRADED else (0, 0)
    months = []
    if "-" not in result.period:
        months = list(CarbonResult.objects.filter(enterprise=result.enterprise, period__startswith=f"{result.period}-")
                      .order_by("period"))
    return {
        "result": result, "enterprise": result.enterprise, "quantities": quantity_rows(result),
        "problems": [problem_text(p) for p in result.problems],
        "better_than": position[0], "peers": position[1],
        "better_share": round(position[0] * 100 / position[1]) if position[1] else None,
        "plan": improvement_plan(result) if result.status == ResultStatus.GRADED else [],
        "months": months, "factors": result.evaluation.factors, "generated_at": timezone.localdate(),
    }


# The bill's style sheet, given to the renderer apart from the page (core.esign parses it once per thread and keeps
# it) instead of a <style> block parsed again for every bill. Tables are laid out ``fixed``: column widths come from
# the style sheet, so WeasyPrint does not measure every cell's smallest and largest width first (the automatic
# table layout was about a seventh of a bill's rendering in the profile, see docs/scenes/carbon_code.md).
BILL_CSS = """
@page { size: A4; margin: 18mm 16mm 22mm; }
body { font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 12pt; border-bottom: 1px solid #999; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; }
table.four th { width: 24%; } table.four td { width: 26%; }
table.energy tr:first-child th:nth-child(1) { width: 34%; } table.energy tr:first-child th:nth-child(2) { width: 24%; }
table.energy tr:first-child th:nth-child(3) { width: 12%; }
table.months th:nth-child(1) { width: 18%; } table.months th:nth-child(2) { width: 24%; }
table.months th:nth-child(3), table.months th:nth-child(4) { width: 16%; }
.label { font-size: 16pt; font-weight: bold; }
.muted { color: #555; font-size: 9pt; }
"""
CACHE_SECONDS = 24 * 3600


def bill_html(result: CarbonResult, context: dict | None = None) -> str:
    """The bill's page as HTML (what the PDF is rendered from)."""
    from django.template.loader import render_to_string

    return render_to_string("carbon_code/bill_pdf.html", context or bill_context(result))


def render_bill(result: CarbonResult) -> bytes:
    """The bill as PDF bytes (not yet sealed).

    The PDF is kept in the cache under the SHA-256 of its HTML, so a bill whose page has not changed (the same
    figures, peers and plan, issued again the same day by the enterprise or an officer) is not laid out again;
    any change in what the page shows is a different HTML and a new rendering. The seal is never cached: every
    issued bill is sealed on its own."""
    import hashlib

    from django.core.cache import cache

    from zhili.core.esign.api import render_pdf

    context = bill_context(result)
    key = "carbon_code.bill." + hashlib.sha256((bill_html(result, context) + BILL_CSS).encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:  # the renderer renders the template again from the context (a few ms), never the HTML as a template
        pdf = render_pdf("", context, template_name="carbon_code/bill_pdf.html", css=BILL_CSS)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
