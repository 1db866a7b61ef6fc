"""The cockpit's analyses of the 浙农补 scene: funds by round (pre-verified, claimed, passed, paid), plots by warning
colour, survey classes by town."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from zhili.core.dashboards.api import count_cell, table_result
from zhili.core.identity.api import filter_by_scope

from . import queries
from .choices import LandUse, WarningColour
from .models import PreVerifiedPlot


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


def analyses(user) -> dict:
    return {"funds": _funds(user), "colours": _colours(user), "towns": _towns(user)}
