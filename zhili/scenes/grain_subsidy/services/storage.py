"""Grain security (粮食安全): grain sold into state storage (售粮入库) per plot, from the grain bureau's purchase
records in core.datapool (``grain_subsidy_sales``), set against the subsidised area and the surveys; the warnings it
gives per pre-verified plot; and the depots' storage and seed stock (``grain_subsidy_storage``) with the three-colour
warning of the ``grain_subsidy_storage`` indicator system.

Warnings on a round's plots (design assumptions, scenes.md §2: the seed names 非粮化 supervision and the link of
subsidy to output without rules):

- ``no_evidence`` (red): subsidised — claimed, passed, held, in a file or paid — while the newest class is not grain
  and no grain from the plot reached storage in the round's year: no evidence the subsidised area grew grain.
- ``implausible_yield`` (yellow): more grain sold from the plot in the year than its eligible area can grow
  (``max_yield_kg_per_mu``): grain from elsewhere sold under the plot, or an area not real.
- ``fallow`` (yellow): the year's last two surveys both found the plot abandoned while it is not blocked.

``hold_warned_plots`` holds a passed plot that has not yet gone into a payment file (暂缓发放) so a clerk checks it
by hand, as a yellow plot is.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from ..choices import LandUse, LineStatus, WarningColour
from ..models import PreVerifiedPlot, SubsidyRound, SurveyResult
from ..rules import max_yield_kg_per_mu
from .common import digest

SALES = "grain_subsidy_sales"
STORAGE = "grain_subsidy_storage"
SUBSIDISED = (LineStatus.CLAIMED, LineStatus.PASSED, LineStatus.HELD, LineStatus.IN_FILE, LineStatus.PAID)
ABANDONED = (LandUse.SEASONAL_ABANDONED, LandUse.PERENNIAL_ABANDONED)
KIND_COLOUR = {"no_evidence": WarningColour.RED, "implausible_yield": WarningColour.YELLOW,
               "fallow": WarningColour.YELLOW}


@dataclass
class PlotWarning:
    line_id: int
    plot_id: int
    plot_code: str
    status: str
    area_mu: Decimal
    delivered_kg: float
    kind: str

    @property
    def colour(self) -> WarningColour:
        return KIND_COLOUR[self.kind]

    @property
    def text(self) -> str:
        from ..rules import reason_text

        return reason_text(f"warning:{self.kind}")

    @property
    def status_label(self) -> str:
        return str(LineStatus(self.status).label)

    @property
    def kg_per_mu(self) -> float | None:
        return round(self.delivered_kg / float(self.area_mu), 1) if self.area_mu else None


def delivered_kg(year: int) -> dict[str, float]:
    """Kilograms of grain sold into storage in ``year``, per plot code (nothing loaded yet: empty)."""
    from zhili.core.datapool.api import ibis_table

    try:
        table = ibis_table(SALES, "duckdb")
    except Exception:  # no batch of the dataset loaded yet  # noqa: BLE001
        return {}
    rows = (table.filter(table.sold_on.year() == year).group_by("plot_code")
            .aggregate(kg=table.weight_kg.sum()).to_pyarrow().to_pylist())
    return {row["plot_code"]: float(row["kg"] or 0) for row in rows}


def _last_two_abandoned(round_: SubsidyRound) -> set[int]:
    first, last = dt.date(round_.year, 1, 1), dt.date(round_.year, 12, 31)
    seen = defaultdict(list)
    for plot_id, use in (SurveyResult.objects.filter(plot__region__path__startswith=round_.region.path,
                                                     survey__taken_on__range=(first, last))
                         .order_by("plot_id", "-survey__taken_on").values_list("plot_id", "land_use")):
        if len(seen[plot_id]) < 2:
            seen[plot_id].append(use)
    return {pk for pk, uses in seen.items() if len(uses) == 2 and all(use in ABANDONED for use in uses)}


def plot_warnings(round_: SubsidyRound) -> list[PlotWarning]:
    """The grain-security warnings on a round's plots, red first, then by plot code."""
    sold = delivered_kg(round_.year)
    limit = float(max_yield_kg_per_mu(round_.opens_on).value)
    fallow = _last_two_abandoned(round_)
    found = []
    for line_id, plot_id, code, status, area, use in (
            PreVerifiedPlot.objects.filter(round=round_).exclude(status=LineStatus.BLOCKED).order_by()
            .values_list("id", "plot_id", "plot__code", "status", "eligible_area_mu", "plot__land_use")):
        kg = sold.get(code, 0.0)
        kinds = []
        if status in SUBSIDISED and use != LandUse.GRAIN and kg <= 0:
            kinds.append("no_evidence")
        if area and kg > float(area) * limit:
            kinds.append("implausible_yield")
        if plot_id in fallow:
            kinds.append("fallow")
        found += [PlotWarning(line_id, plot_id, code, status, area, kg, kind) for kind in kinds]
    found.sort(key=lambda w: (w.colour != WarningColour.RED, w.plot_code, w.kind))
    return found


@transaction.atomic
def hold_warned_plots(round_: SubsidyRound, *, actor) -> int:
    """Hold every passed plot of the round with a warning that is not yet in a payment file, for a manual check;
    returns how many were held."""
    require(actor, "grain_subsidy.plot.manage", round_.region)
    kinds = defaultdict(list)
    for warning in plot_warnings(round_):
        if warning.status == LineStatus.PASSED:
            kinds[warning.line_id].append(f"warning:{warning.kind}")
    lines = list(PreVerifiedPlot.objects.select_for_update().filter(pk__in=list(kinds), status=LineStatus.PASSED,
                                                                     payment_file__isnull=True))
    now = timezone.now()
    for line in lines:
        line.status, line.audit_reasons, line.updated_at = (LineStatus.HELD, [*line.audit_reasons, *kinds[line.pk]],
                                                            now)
    PreVerifiedPlot.objects.bulk_update(lines, ["status", "audit_reasons", "updated_at"], batch_size=2000)
    if lines:
        summary = {"round": round_.pk, "held": sorted(line.pk for line in lines),
                   "reasons": {str(line.pk): kinds[line.pk] for line in lines}}
        audit.record("grain_subsidy.round.warned_plots_held", actor=actor, target=round_, data=summary)
        ledger.append(kind="grain_subsidy.round.warned_plots_held", subject=round_, actor=actor,
                      digest=digest(summary), data=summary)
    return len(lines)


def depot_warnings(day: dt.date | None = None) -> list[dict]:
    """Each depot's latest storage return with its colour under the ``grain_subsidy_storage`` indicator system:
    capacity, stock against the reserve plan, seed stock against the seed reserve, and the indicators that fired."""
    from zhili.core.datapool.api import ibis_table
    from zhili.core.indicators.api import Level, evaluate_on, get_system

    day = day or timezone.localdate()
    try:
        table = ibis_table(STORAGE, "duckdb")
    except Exception:  # no storage return loaded yet  # noqa: BLE001
        return []
    latest = {}
    for row in sorted(table.filter(table.reported_on <= day).to_pyarrow().to_pylist(),
                      key=lambda r: (r["reported_on"], r["report_id"])):
        latest[row["depot_code"]] = row
    system = get_system(STORAGE)
    levels = {e.entity: e for e in evaluate_on(system, day, evidence=False)}
    depots = []
    for code in sorted(latest):
        row, result = latest[code], levels.get(code)
        depots.append({**row, "level": Level(result.level if result else Level.NONE),
                       "fired": [item["name"] for item in (result.fired if result else [])],
                       "stock_share": _share(row["stock_t"], row["reserve_t"]),
                       "fill_share": _share(row["stock_t"], row["capacity_t"]),
                       "seed_share": _share(row["seed_stock_t"], row["seed_reserve_t"])})
    return depots


def _share(part, whole) -> float | None:
    return round(float(part) * 100 / float(whole), 1) if whole else None
