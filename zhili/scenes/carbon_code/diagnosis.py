"""节能诊断: what drives an enterprise's or a region's grade, energy kind by energy kind, against its industry.

An enterprise's net emissions are the sum of its energy kinds' emissions (own zero-carbon generation counts as
electricity used and is offset at the same factor, so it adds nothing net). Dividing each kind's emissions by the
value added gives that kind's share of L; the industry's share is the same sum over the graded firms of its GB/T
4754 division in the period. The kind whose share exceeds the industry's the most is the enterprise's weak kind
(短板能源), the one the energy-saving diagnosis is offered for.

Volatility (碳效波动率, a seed indicator without a published definition): the standard deviation of the year's
monthly K values, and the change of K against the previous year, ``(K_t − K_{t−1}) / K_{t−1}`` — both the design
assumption of reference/scenes.md §1.1.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from .choices import EnergyKind, ResultStatus
from .models import CarbonResult

EMITTING = [k for k in EnergyKind.values if k != EnergyKind.OWN_GENERATION]


def kind_emissions(quantities: dict, factors: dict) -> dict[str, float]:
    """Tonnes CO2 per emitting energy kind (own generation nets to zero: used and offset at the same factor)."""
    found = {}
    for kind in EMITTING:
        quantity = quantities.get(kind)
        if quantity is None:
            continue
        found[kind] = float(quantity) * float(factors.get(kind, {}).get("t_co2_per_unit", 0))
    return found


@dataclass
class KindRow:
    kind: str
    emissions: float
    own: float  # t/万元
    industry: float | None  # t/万元
    excess: float | None  # own − industry, t/万元

    @property
    def label(self) -> str:
        return str(EnergyKind(self.kind).label)


@dataclass
class Diagnosis:
    """One enterprise's period: each emitting kind against its industry, the weak kind, the volatility."""

    rows: list[KindRow] = field(default_factory=list)
    weak_kind: str = ""
    weak_excess: float | None = None
    monthly_k: list[tuple[str, float]] = field(default_factory=list)
    k_std: float | None = None
    k_change: float | None = None  # against the previous year, relative
    previous_grade: str = ""

    @property
    def weak_label(self) -> str:
        return str(EnergyKind(self.weak_kind).label) if self.weak_kind else ""


def industry_shares(period: str, industries=None) -> dict[str, dict[str, float]]:
    """Per GB/T 4754 division: each emitting kind's emissions per 万元 over the graded firms of ``period``."""
    results = CarbonResult.objects.filter(period=period, status=ResultStatus.GRADED)
    if industries is not None:
        results = results.filter(industry_code__in=list(industries))
    sums: dict = defaultdict(lambda: defaultdict(float))
    factors_by_evaluation: dict = {}
    from .models import Evaluation

    for industry, va, quantities, evaluation_id in results.values_list(
            "industry_code", "value_added", "quantities", "evaluation_id").iterator(chunk_size=2000):
        if evaluation_id not in factors_by_evaluation:
            factors_by_evaluation[evaluation_id] = Evaluation.objects.get(pk=evaluation_id).factors
        sums[industry]["_va"] += float(va or 0)
        for kind, tonnes in kind_emissions(quantities, factors_by_evaluation[evaluation_id]).items():
            sums[industry][kind] += tonnes
    return {industry: {k: v / kinds["_va"] for k, v in kinds.items() if k != "_va"}
            for industry, kinds in sums.items() if kinds["_va"] > 0}


def diagnose(result: CarbonResult, shares: dict | None = None, *, volatility: bool = True) -> Diagnosis:
    """The diagnosis of ``result`` (its industry's shares computed if not given); empty when not graded.

    ``volatility`` reads the enterprise's monthly and previous-year results (two queries): lists leave it out."""
    found = Diagnosis()
    if result.status != ResultStatus.GRADED or not result.value_added:
        return found
    if shares is None:
        shares = industry_shares(result.period, [result.industry_code])
    industry = shares.get(result.industry_code, {})
    va = float(result.value_added)
    for kind, tonnes in kind_emissions(result.quantities, result.evaluation.factors).items():
        own = tonnes / va
        mean = industry.get(kind, 0.0) if industry else None
        found.rows.append(KindRow(kind, tonnes, own, mean, None if mean is None else own - mean))
    found.rows.sort(key=lambda r: -r.emissions)
    above = [r for r in found.rows if r.excess is not None and r.excess > 1e-9]
    if above:
        weak = max(above, key=lambda r: r.excess)
        found.weak_kind, found.weak_excess = weak.kind, round(weak.excess, 4)
    if volatility:
        _volatility(result, found)
    return found


def _volatility(result: CarbonResult, found: Diagnosis) -> None:
    year = result.period[:4]
    months = (CarbonResult.objects.filter(enterprise_id=result.enterprise_id, period__startswith=f"{year}-",
                                          status=ResultStatus.GRADED).order_by("period")
              .values_list("period", "k_value"))
    found.monthly_k = [(p, float(k)) for p, k in months if k is not None]
    if len(found.monthly_k) >= 2:
        values = [k for _p, k in found.monthly_k]
        mean = sum(values) / len(values)
        found.k_std = round(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)), 4)
    if len(result.period) == 4 and result.k_value:
        previous = CarbonResult.objects.filter(enterprise_id=result.enterprise_id, period=str(int(year) - 1),
                                               status=ResultStatus.GRADED).first()
        if previous and previous.k_value:
            found.k_change = round((float(result.k_value) - float(previous.k_value)) / float(previous.k_value), 4)
            found.previous_grade = previous.grade


def region_kinds(results, baseline) -> list[dict]:
    """Each emitting kind's emissions per 万元 in ``results`` (a region's graded results) against ``baseline``'s."""
    from .models import Evaluation

    factors: dict = {}

    def shares(rows):
        sums, va = defaultdict(float), 0.0
        for r in rows:
            if r.evaluation_id not in factors:
                factors[r.evaluation_id] = Evaluation.objects.get(pk=r.evaluation_id).factors
            va += float(r.value_added or 0)
            for kind, tonnes in kind_emissions(r.quantities, factors[r.evaluation_id]).items():
                sums[kind] += tonnes
        return {k: v / va for k, v in sums.items()} if va else {}

    own, base = shares(results), shares(baseline)
    return [{"kind": kind, "label": str(EnergyKind(kind).label), "own": own.get(kind, 0.0),
             "baseline": base.get(kind, 0.0), "excess": own.get(kind, 0.0) - base.get(kind, 0.0)}
            for kind in EMITTING if kind in own or kind in base]
