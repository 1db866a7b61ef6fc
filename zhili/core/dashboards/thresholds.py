"""Dated values with references, and index thresholds that grade a value green, yellow or red."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .choices import IndexLevel


@dataclass(frozen=True)
class Dated:
    """One value in force from ``effective_from``, with the document (文号 or URL) that sets it."""

    value: Any
    effective_from: dt.date
    reference: str


@dataclass(frozen=True)
class Thresholds:
    """Yellow and red bounds of an index; ``higher_is_worse`` says which side warns."""

    yellow: float
    red: float
    higher_is_worse: bool = True


def value_on(rules: dict[str, list[Dated]], name: str, day: dt.date) -> Dated:
    """The entry of ``rules[name]`` in force on ``day`` (the earliest one if ``day`` precedes them all)."""
    versions = rules[name]
    in_force = [v for v in versions if v.effective_from <= day]
    return max(in_force, key=lambda v: v.effective_from) if in_force else min(versions, key=lambda v: v.effective_from)


def grade(value: float | None, thresholds: Thresholds) -> IndexLevel:
    """The level of ``value``: red beyond the red bound, yellow beyond the yellow one, else green."""
    if value is None:
        return IndexLevel.NO_DATA
    sign = 1 if thresholds.higher_is_worse else -1
    if sign * value >= sign * thresholds.red:
        return IndexLevel.RED
    if sign * value >= sign * thresholds.yellow:
        return IndexLevel.YELLOW
    return IndexLevel.GREEN
