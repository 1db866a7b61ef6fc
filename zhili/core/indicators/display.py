"""An indicator's value and firing condition as officials read them: shares and relative changes in per cent,
flags as 是/否, counts as whole numbers, amounts without float noise (never ``-0.535972`` or ``True``)."""

from zhili.core.foundation.api import plain_number

from .declarations import Change, Flag, Indicator, Ratio

SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠"}


def _is_share(expression) -> bool:
    return isinstance(expression, Ratio) or (isinstance(expression, Change) and expression.relative)


def describe_value(indicator: Indicator, value) -> str:
    """``value`` of ``indicator``: 是/否 for a flag, per cent for a share or a relative change, else a number."""
    if value is None:
        return "—"
    if isinstance(indicator.expression, Flag):
        return "是" if value else "否"
    if _is_share(indicator.expression):
        return f"{value * 100:+.1f}%" if isinstance(indicator.expression, Change) else f"{value * 100:.1f}%"
    return plain_number(float(value))


def describe_condition(indicator: Indicator) -> str:
    """When ``indicator`` fires, in the same units as its value: ``≤ -30.0%``, ``≥ 2``, ``是``."""
    condition = indicator.fires_when
    if isinstance(indicator.expression, Flag):
        return "是" if condition.holds(1) else "否"  # a flag fires on 1 (>= 1, == 1, > 0) or on 0
    if _is_share(indicator.expression):
        return f"{SYMBOLS.get(condition.op, condition.op)} {condition.threshold * 100:.1f}%"
    return f"{SYMBOLS.get(condition.op, condition.op)} {plain_number(float(condition.threshold))}"

