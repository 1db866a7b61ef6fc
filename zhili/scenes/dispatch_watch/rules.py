"""The 劳务派遣监管 scene's rules: dated values with their reference (DESIGN.md rule 4, labor.md §3).

Values marked 未核实 are this system's own settings where no official figure could be checked; the scene page
(docs/scenes/dispatch_watch.md) lists them.
"""

import datetime as dt
import re

from zhili.core.foundation.api import parameter_on

from .policies import DOMAIN, PARAMETERS


def rule(name: str, day: dt.date):
    """The rule ``name`` (``policies.py``) in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)


def latest(name: str):
    """The newest declared value of rule ``name`` (for declarations made at import: indicators, case types)."""
    return next(p for p in PARAMETERS if p.name == name).series()[-1]


def report_due_date(year: int) -> dt.date:
    """The day by which the report on ``year`` is due (31 March of the following year)."""
    month, day = rule("annual_report_due", dt.date(year + 1, 1, 1)).value
    return dt.date(year + 1, month, day)


def licence_number_ok(number: str, day: dt.date) -> bool:
    return bool(re.fullmatch(rule("licence_number_pattern", day).value, number or ""))


def renewal_opens(expires_on: dt.date) -> dt.date:
    """The last day on which renewal may be applied for in time (≥ 60 days before expiry)."""
    return expires_on - dt.timedelta(days=rule("renewal_window_days", expires_on).value)


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from ``start`` to ``end`` (30.44 days a month)."""
    return (end - start).days / 30.44


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
