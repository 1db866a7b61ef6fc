"""Reads: the warning list in a person's scope, an enterprise's risk profile, the cockpit's figures."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from zhili.core.identity.api import filter_by_scope
from zhili.core.indicators.api import (
    EntityResult,
    Level,
    LevelHistory,
    describe_condition,
    describe_value,
    evidence_terms,
)

from .indicators import LABOR_RISK, SYSTEM_CODE
from .models import MonitoredEnterprise, RiskWarning
from .permissions import own_usccs

WARNING_LEVELS = (Level.BLUE, Level.YELLOW, Level.ORANGE, Level.RED)
LEVEL_RANK = Case(*[When(level=value, then=Value(Level.rank(value))) for value in Level.values],
                  default=Value(0), output_field=IntegerField())


def enterprises_in_scope(user) -> QuerySet:
    """Monitored enterprises whose town lies in the user's data scope."""
    return filter_by_scope(user, MonitoredEnterprise.objects.select_related("region"))


def warning_list(user, *, level: str = "", region: str = "", industry: str = "") -> QuerySet:
    """Enterprises with a warning level in the user's scope, worst first; filters by level, town and industry.

    ``region`` is a region code: the town itself or any region above it.
    """
    enterprises = enterprises_in_scope(user).filter(level__in=WARNING_LEVELS)
    if level:
        enterprises = enterprises.filter(level=level)
    if region:
        enterprises = enterprises.filter(Q(region__code=region) | Q(region__path__contains=f"/{region}/"))
    if industry:
        enterprises = enterprises.filter(industry_code=industry)
    return enterprises.annotate(rank=LEVEL_RANK).order_by("-rank", "-score", "uscc")


def own_enterprises(user) -> QuerySet:
    """The monitored enterprises the user administers (an enterprise sees only its own)."""
    return MonitoredEnterprise.objects.filter(uscc__in=own_usccs(user)).select_related("region")


def _indicator_datasets() -> dict[str, list[str]]:
    return {indicator.code: sorted({term.dataset for term in evidence_terms(indicator.expression)})
            for indicator in LABOR_RISK.indicators}


def source_records(fired: list[dict], *, limit: int = 20) -> dict[str, list[dict]]:
    """The source rows behind each fired indicator, read from the data pool's analytic copy."""
    from zhili.core.datapool.api import get_dataset, ibis_table

    datasets = _indicator_datasets()
    wanted: dict[str, set] = {}
    for item in fired:
        for code in datasets.get(item["indicator"], []):
            wanted.setdefault(code, set()).update(item.get("rows", []))
    found: dict[str, dict] = {}
    for code, keys in wanted.items():
        if not keys:
            continue
        table = ibis_table(code, "duckdb", refresh=False)
        rows = table.filter(table["_key"].isin(sorted(keys)[:limit])).to_pyarrow().to_pylist()
        fields = {f.name: f for f in get_dataset(code).fields}
        for row in rows:
            found[(code, row["_key"])] = {"dataset": get_dataset(code).name,
                                          "values": [(fields[k].label, fields[k].display(v))
                                                     for k, v in row.items() if k in fields]}
    return {item["indicator"]: [found[(code, key)] for code in datasets.get(item["indicator"], [])
                                for key in item.get("rows", []) if (code, key) in found] for item in fired}


def _shown(item: dict) -> dict:
    """The fired indicator's value and condition in its units (per cent, 是/否), for the page."""
    found = LABOR_RISK.indicator_map.get(item["indicator"])
    if found is None:  # an indicator since retired: show what was stored
        return {"value_display": item["value"], "condition_display": item["condition"]}
    indicator = found[1]
    return {"value_display": describe_value(indicator, item["value"]),
            "condition_display": describe_condition(indicator)}


def enterprise_profile(enterprise: MonitoredEnterprise, *, with_sources: bool = True) -> dict:
    """Level history, the latest result's fired indicators with their source rows, warnings and cases."""
    latest = (EntityResult.objects.filter(system_code=SYSTEM_CODE, entity_key=enterprise.uscc)
              .order_by("-id").first())
    explanation = latest.explanation if latest else {"fired": [], "vetoes": [], "score": 0}
    fired = explanation.get("fired", [])
    sources = source_records(fired) if with_sources and fired else {}
    return {
        "enterprise": enterprise,
        "latest": latest,
        "fired": [{**item, "sources": sources.get(item["indicator"], []), **_shown(item)} for item in fired],
        "vetoes": explanation.get("vetoes", []),
        "history": LevelHistory.objects.filter(system_code=SYSTEM_CODE, entity_key=enterprise.uscc).order_by("-id"),
        "warnings": RiskWarning.objects.filter(enterprise=enterprise).select_related("case").order_by("-id"),
    }


def cockpit_figures(user, *, region: str = "") -> dict:
    """Counts by level, town ranking, trend by period, and the town × industry heat table, in the user's scope."""
    enterprises = enterprises_in_scope(user)
    if region:
        enterprises = enterprises.filter(Q(region__code=region) | Q(region__path__contains=f"/{region}/"))
    by_level = dict(enterprises.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    levels = [{"level": value, "label": str(Level(value).label), "colour": Level(value).colour,
               "count": by_level.get(value, 0)} for value in Level.values]
    serious = enterprises.filter(level__in=(Level.ORANGE, Level.RED))
    ranking = [
        {"region": code, "name": name, "red": red, "orange": orange}
        for code, name, red, orange in serious.values("region__code", "region__name").annotate(
            red=Count("id", filter=Q(level=Level.RED)), orange=Count("id", filter=Q(level=Level.ORANGE)))
        .order_by("-red", "-orange", "region__code")
        .values_list("region__code", "region__name", "red", "orange")
    ]
    trend_rows = (RiskWarning.objects.filter(enterprise__in=enterprises.values("pk"))
                  .values("period", "level").annotate(n=Count("id")).order_by("period"))
    periods = sorted({row["period"] for row in trend_rows})
    trend = {"periods": periods, "series": [
        {"level": value, "label": str(Level(value).label), "colour": Level(value).colour,
         "counts": [next((r["n"] for r in trend_rows if r["period"] == p and r["level"] == value), 0)
                    for p in periods]}
        for value in WARNING_LEVELS]}
    cells = list(serious.values("region__code", "region__name", "industry_code", "industry_name")
                 .annotate(n=Count("id")).order_by("region__code", "industry_code"))
    towns = sorted({(c["region__code"], c["region__name"]) for c in cells})
    industries = sorted({(c["industry_code"], c["industry_name"]) for c in cells})
    heat = {"towns": [{"code": c, "name": n} for c, n in towns],
            "industries": [{"code": c, "name": n} for c, n in industries],
            "cells": [[industries.index((c["industry_code"], c["industry_name"])),
                       towns.index((c["region__code"], c["region__name"])), c["n"]] for c in cells]}
    return {"levels": levels, "total": sum(by_level.values()), "ranking": ranking, "trend": trend, "heat": heat}
