"""Small-cell suppression: no published figure may let a reader pick out fewer than five people.

A cell is ``{"value": number | None, "n": people, "display": text}``. A cell standing for 1 to 4 people shows
"<5" and carries no value (so neither the page, the JSON nor an export holds the number); a cell for 0 people
shows 0, since it points at nobody. A figure derived from a group (a share, a median) is suppressed when its
group has fewer than five people. ``suppress_series`` also hides the next smallest cell when exactly one cell
of a series with a published total is hidden, so the hidden one cannot be had by subtraction.
"""

import datetime as dt

from zhili.core.foundation.api import parameter_on

SUPPRESSED = "<5"


def min_cell_size(day: dt.date | None = None) -> int:
    """The smallest group a published figure may stand for (parameter ``dashboards.min_cell_size``)."""
    return parameter_on("dashboards", "min_cell_size", day or dt.date.today()).value


def _fmt(value, digits: int | None) -> str:
    if value is None:
        return "—"
    if digits is None:
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    return f"{value:,.{digits}f}"


def count_cell(n: int | None, *, limit: int | None = None) -> dict:
    """A count of people, suppressed when 1 to ``limit - 1``."""
    limit = limit or min_cell_size()
    n = int(n or 0)
    if 0 < n < limit:
        return {"value": None, "n": None, "display": SUPPRESSED, "suppressed": True}
    return {"value": n, "n": n, "display": f"{n:,}", "suppressed": False}


def value_cell(value, *, digits: int | None = None, suffix: str = "") -> dict:
    """A figure about firms, orders, output or money, not about people: published as it is, never suppressed
    (a count of three enterprises points at no person; use ``count_cell`` for anything counting people)."""
    if value is None:
        return {"value": None, "n": None, "display": "—", "suppressed": False}
    value = round(float(value), digits) if digits is not None else value
    return {"value": value, "n": None, "display": _fmt(value, digits) + suffix, "suppressed": False}


def stat_cell(value, n: int | None, *, digits: int | None = 2, suffix: str = "", limit: int | None = None) -> dict:
    """A figure derived from ``n`` people (share, median...), suppressed when the group is 1 to 4 people."""
    limit = limit or min_cell_size()
    n = int(n or 0)
    if 0 < n < limit:
        return {"value": None, "n": None, "display": SUPPRESSED, "suppressed": True}
    if n == 0 or value is None:
        return {"value": None, "n": n, "display": "—", "suppressed": False}
    value = round(float(value), digits) if digits is not None else value
    return {"value": value, "n": n, "display": _fmt(value, digits) + suffix, "suppressed": False}


def suppress_series(counts: list[int], *, limit: int | None = None) -> list[dict]:
    """Count cells for one distribution, with complementary suppression of a lone hidden cell."""
    cells = [count_cell(n, limit=limit) for n in counts]
    hidden = [i for i, c in enumerate(cells) if c["suppressed"]]
    if len(hidden) == 1:
        candidates = [i for i, c in enumerate(cells) if not c["suppressed"] and c["value"]]
        if candidates:
            smallest = min(candidates, key=lambda i: cells[i]["value"])
            cells[smallest] = {"value": None, "n": None, "display": SUPPRESSED, "suppressed": True}
    return cells


def no_data_cell(reason: str = "") -> dict:
    """A figure with no source yet: shown as 暂无数据, never as zero."""
    return {"value": None, "n": None, "display": "暂无数据", "suppressed": False, "no_data": True, "reason": reason}


def share_cell(part: int | float | None, whole: int | float | None, *, digits: int = 2,
               limit: int | None = None) -> dict:
    """A percentage ``part / whole``, suppressed when either the part or the whole is 1 to 4 people
    (a published share times a published total would give the hidden count back)."""
    limit = limit or min_cell_size()
    part, whole = part or 0, whole or 0
    if 0 < part < limit or 0 < whole < limit:
        return {"value": None, "n": None, "display": SUPPRESSED, "suppressed": True}
    if not whole:
        return {"value": None, "n": 0, "display": "—", "suppressed": False}
    value = round(part * 100.0 / whole, digits)
    return {"value": value, "n": whole, "display": f"{value:.{digits}f}%", "suppressed": False}
