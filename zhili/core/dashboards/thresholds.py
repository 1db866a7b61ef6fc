"""Index thresholds that grade a value green, yellow or red (dated as parameters: foundation.parameters)."""

from dataclasses import dataclass

from .choices import IndexLevel


@dataclass(frozen=True)
class Thresholds:
    """Yellow and red bounds of an index; ``higher_is_worse`` says which side warns."""

    yellow: float
    red: float
    higher_is_worse: bool = True


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
