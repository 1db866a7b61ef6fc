"""An indicator system as data: dimensions, control points, indicators, veto rules and thresholds.

A scene declares ``INDICATOR_SYSTEMS = [IndicatorSystem(...)]`` in its ``indicators.py``. Expressions are
small declarative specs (``Count``, ``Sum``, ``Flag``, ``Ratio``, ``Change``) that the compiler turns into
one Ibis query; every threshold carries its effective date and its legal or policy reference.
"""

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OPERATORS = {"==": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge, "<": operator.lt,
             "<=": operator.le}


@dataclass(frozen=True)
class Where:
    """A filter on a dataset's rows: ``Where("status", "in", ("late", "unpaid"))``."""

    field: str
    op: str
    value: object


@dataclass(frozen=True)
class Count:
    """How many rows of ``dataset`` fall in the window of ``window_days`` days ending on the period's end."""

    dataset: str
    date_field: str
    window_days: int
    where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class Sum:
    """The sum of ``field`` over the rows of ``dataset`` in the window."""

    dataset: str
    field: str
    date_field: str
    window_days: int
    where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class Flag:
    """1 if any row of ``dataset`` in the window matches, else 0."""

    dataset: str
    date_field: str
    window_days: int
    where: tuple[Where, ...] = ()


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator``; 0 when the denominator is 0."""

    numerator: object
    denominator: object


@dataclass(frozen=True)
class Change:
    """The change of ``expression`` against the previous window of the same length (relative if asked)."""

    expression: object
    relative: bool = False


@dataclass(frozen=True)
class Condition:
    """``value op threshold``: when an indicator fires, or when a veto applies."""

    op: str
    threshold: float

    def holds(self, value) -> bool:
        return value is not None and OPERATORS[self.op](value, self.threshold)


@dataclass(frozen=True)
class Indicator:
    """One indicator: an expression, when it fires, its points, and the rule it rests on."""

    code: str
    name: str
    expression: object
    fires_when: Condition
    weight: float
    reference: str
    effective_from: dt.date


@dataclass(frozen=True)
class ControlPoint:
    """A control point (控制点) groups the indicators that watch one risk."""

    code: str
    name: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Dimension:
    """A dimension (维度) of the system; ``weight`` is its share of the total score."""

    code: str
    name: str
    weight: float
    control_points: tuple[ControlPoint, ...]


@dataclass(frozen=True)
class VetoRule:
    """When indicator ``indicator`` meets ``when``, the level is at least ``level`` whatever the score (一票否决)."""

    code: str
    name: str
    indicator: str
    when: Condition
    level: str
    reference: str


@dataclass(frozen=True)
class Threshold:
    """A score of at least ``min_score`` gives ``level``."""

    level: str
    min_score: float


@dataclass(frozen=True)
class IndicatorSystem:
    """An indicator system: scored per entity (``entity_field`` names it in every dataset used)."""

    code: str
    name: str
    entity_field: str
    entity_label: str
    dimensions: tuple[Dimension, ...]
    thresholds: tuple[Threshold, ...]
    reference: str
    effective_from: dt.date
    veto_rules: tuple[VetoRule, ...] = ()
    scene: str = ""
    # The owning scene's scope: ``can_view_entity(user, entity_key)``. The generic pages (an entity's level
    # history and code) show an entity only to those it allows; a system without one shows them to nobody.
    can_view_entity: Callable[[Any, str], bool] | None = field(default=None, compare=False, repr=False)
    indicator_map: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        indicators = {}
        for dimension in self.dimensions:
            for point in dimension.control_points:
                for indicator in point.indicators:
                    if indicator.code in indicators:
                        raise ValueError(f"system {self.code!r}: indicator {indicator.code!r} declared twice")
                    indicators[indicator.code] = (dimension, indicator)
        for veto in self.veto_rules:
            if veto.indicator not in indicators:
                raise ValueError(f"system {self.code!r}: veto {veto.code!r} names unknown {veto.indicator!r}")
        object.__setattr__(self, "indicator_map", indicators)

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for _, indicator in self.indicator_map.values()]

    def datasets(self) -> list[str]:
        """The codes of the datasets this system reads."""
        found: list[str] = []
        for indicator in self.indicators:
            for base in base_terms(indicator.expression):
                if base.dataset not in found:
                    found.append(base.dataset)
        return found


def base_terms(expression) -> list:
    """The Count/Sum/Flag terms inside ``expression``."""
    if isinstance(expression, Count | Sum | Flag):
        return [expression]
    if isinstance(expression, Ratio):
        return base_terms(expression.numerator) + base_terms(expression.denominator)
    if isinstance(expression, Change):
        return base_terms(expression.expression)
    raise TypeError(f"unknown indicator expression {expression!r}")


def evidence_terms(expression) -> list:
    """The terms whose rows explain a value: the numerator of a ratio, the current side of a change."""
    if isinstance(expression, Count | Sum | Flag):
        return [expression]
    if isinstance(expression, Ratio):
        return evidence_terms(expression.numerator)
    if isinstance(expression, Change):
        return evidence_terms(expression.expression)
    raise TypeError(f"unknown indicator expression {expression!r}")
