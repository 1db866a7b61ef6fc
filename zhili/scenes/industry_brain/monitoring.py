"""Monthly operations monitoring (运行监测): the department's monthly file, the firms' monthly figures, the warnings.

Two monthly files come in through core.datapool (``manage.py ingest <dataset> <file>``, or the datapool upload
page), CSV or Excel, one row a firm and month: ``industry_brain_monthly`` from the 经信局's monitoring system
(columns ``record_id`` — the sender's row id, a later row with the same id replaces it —, ``uscc`` the firm's
unified social credit code, ``recorded_on`` the month's last day YYYY-MM-DD, ``output_pieces``, optionally
``orders``) and ``industry_brain_power`` from the power company (``record_id``, ``uscc``, ``recorded_on``,
``energy_kwh``). The data pool refuses a bad row by its line number (missing value, wrong type, too long) and the
whole file when more than 5 % of its rows are bad. Each loaded batch is taken here (``take_monthly``): the rows
of a firm on the platform become that firm's ``MonthlyReport`` for the month (capacity use = output ÷ the firm's
stated monthly capacity); rows of codes no firm holds are counted and named, not guessed at. The indicator
system ``industry_brain_slowdown`` (``indicators.py``) is evaluated by core.indicators over the same datasets
(``evaluate``), and the officer's monitoring page shows each firm's level and the indicators that fired.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require

from .models import Firm, MonthlyReport

MONTHLY = "industry_brain_monthly"
POWER = "industry_brain_power"
SYSTEM = "industry_brain_slowdown"


def _number(value) -> float:
    return float(value) if value not in (None, "") else 0.0


@transaction.atomic
def take_monthly(*, actor) -> dict:
    """Copy every row of the two monthly datasets onto the firms' monthly reports (one per firm and month, each
    file giving its own figures); how many rows were read, how many reports written, which codes are unknown."""
    from zhili.core.datapool.api import ibis_table

    firms = {f.organization.uscc: f for f in Firm.objects.select_related("organization")
             .exclude(organization__uscc=None).exclude(organization__uscc="")}
    figures: dict[tuple, dict] = {}
    rows, unknown = 0, set()
    for code, columns in ((MONTHLY, ("output_pieces", "orders")), (POWER, ("energy_kwh",))):
        for row in ibis_table(code, "duckdb").to_pyarrow().to_pylist():
            rows += 1
            if row.get("uscc") not in firms:
                unknown.add(str(row.get("uscc")))
                continue
            month = figures.setdefault((row["uscc"], str(row["recorded_on"])[:7]), {})
            month.update({name: int(_number(row.get(name))) for name in columns})
    for (uscc, month), values in figures.items():
        firm = firms[uscc]
        if "output_pieces" in values:
            values["capacity_used"] = (round(values["output_pieces"] / firm.monthly_capacity, 3)
                                       if firm.monthly_capacity else 0)
        MonthlyReport.objects.update_or_create(firm=firm, month=month, defaults=values, create_defaults={
            "output_pieces": 0, "orders": 0, "capacity_used": 0, "energy_kwh": 0, **values})
    taken = len(figures)
    audit.record("industry_brain.monthly.taken", actor=actor if not isinstance(actor, str) else None,
                 data={"rows": rows, "taken": taken, "unknown_uscc": sorted(unknown)[:50],
                       "by": actor if isinstance(actor, str) else ""})
    return {"rows": rows, "taken": taken, "unknown_uscc": sorted(unknown)}


def evaluate(*, actor, region=None, period_end: dt.date | None = None):
    """The district's officer evaluates the slowdown indicators over the monthly datasets (core.indicators)."""
    from django.utils import timezone

    from zhili.core.indicators.api import evaluate_system

    if not isinstance(actor, str):
        require(actor, "industry_brain.district.manage", region)
    label = actor if isinstance(actor, str) else f"industry_brain:{actor.username}"
    run = evaluate_system(SYSTEM, period_end or timezone.localdate(), actor=label)
    if not isinstance(actor, str):
        audit.record("industry_brain.monitoring.evaluated", actor=actor, target=run,
                     data={"system": SYSTEM, "period": run.period, "entities": run.entity_count})
    return run


def results_for(firms) -> list[dict]:
    """The latest evaluation's result for each of ``firms`` (those with a USCC), worst first."""
    from zhili.core.indicators.api import EntityResult, Level, describe_value, get_system

    system = get_system(SYSTEM)
    latest = EntityResult.objects.filter(system_code=SYSTEM).order_by("-run_id").values_list("run_id", flat=True)
    run_id = latest.first()
    if run_id is None:
        return []
    by_uscc = {f.organization.uscc: f for f in firms if f.organization.uscc}
    found = []
    for result in EntityResult.objects.filter(run_id=run_id, entity_key__in=list(by_uscc)):
        fired = [f"{item['name']}：{describe_value(system.indicator_map[item['indicator']][1], item['value'])}"
                 for item in result.explanation.get("fired", [])]
        found.append({"firm": by_uscc[result.entity_key], "level": Level(result.level), "score": result.score,
                      "period": result.period, "fired": fired})
    found.sort(key=lambda r: (-Level.rank(r["level"]), r["firm"].name))
    return found
