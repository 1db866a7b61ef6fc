"""What an analysis reads: the period, the viewer's selection inside their scope, display names, and the
Ibis helpers every analysis uses (employed on a day, counts, shares, a distribution table)."""

import datetime as dt
from dataclasses import dataclass, field

import ibis

from zhili.core.dashboards.api import (
    IndexLevel,
    count_cell,
    share_cell,
    suppress_series,
    table_result,
)

from .facts import HIRE_STATUSES


@dataclass(frozen=True)
class Period:
    """The period analysed: counts of flows fall inside it; stocks are taken on its last day (``as_of``)."""

    date_from: dt.date
    date_to: dt.date

    @property
    def as_of(self) -> dt.date:
        return self.date_to

    def months(self) -> list[tuple[dt.date, dt.date]]:
        """(first day, last day) of every calendar month the period touches, clipped to the period."""
        out, first = [], self.date_from.replace(day=1)
        while first <= self.date_to:
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            out.append((max(first, self.date_from), min(following - dt.timedelta(days=1), self.date_to)))
            first = following
        return out


@dataclass(frozen=True)
class Selection:
    """What the viewer narrowed to, inside their scope (``scope_paths`` None means everywhere)."""

    scope_paths: tuple[str, ...] | None = None
    region_path: str = ""
    industry: str = ""
    size: str = ""
    employer_id: int | None = None


@dataclass
class Names:
    """Display names the analyses need: regions and cities by code, industries by section, child regions."""

    regions: dict[str, str] = field(default_factory=dict)
    industries: dict[str, str] = field(default_factory=dict)
    children: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, path) of the next level
    drill_level: str = "town"  # "town": rank child regions; "enterprise": rank employers
    complaints: dict | None = None  # {"count": n} once a stream has been fed; None: no data yet
    paper_avoided: dict | None = None  # {"count": n} when core.sharing logs accesses; None: no data


def narrow(t, selection: Selection):
    """The facts inside the viewer's scope and selection."""
    if selection.scope_paths is not None:
        if not selection.scope_paths:
            return t.filter(ibis.literal(False))
        condition = t.region_path.startswith(selection.scope_paths[0])
        for path in selection.scope_paths[1:]:
            condition |= t.region_path.startswith(path)
        t = t.filter(condition)
    if selection.region_path:
        t = t.filter(t.region_path.startswith(selection.region_path))
    if selection.industry:
        t = t.filter(t.industry == selection.industry)
    if selection.size:
        t = t.filter(t.size == selection.size)
    if selection.employer_id:
        t = t.filter(t.employer_id == selection.employer_id)
    return t


def rows_of(expr) -> list[dict]:
    return expr.to_pyarrow().to_pylist()


def first_row(expr) -> dict:
    rows = rows_of(expr)
    return rows[0] if rows else {}


def date_literal(day: dt.date):
    return ibis.literal(day, type="date")


def active_on(t, day: dt.date):
    return t.status.isin(HIRE_STATUSES) & (t.start_date <= date_literal(day)) & (t.end_date.isnull() | (t.end_date >= date_literal(day)))


def employed(t, day: dt.date):
    return t.filter(active_on(t, day))


def counts_by(t, column) -> dict:
    return {r["k"]: r["n"] for r in rows_of(t.group_by(k=column).aggregate(n=t.count()))}


def percent(part, whole) -> float | None:
    return part * 100.0 / whole if whole else None


def distribution(code, title, labels: list[tuple[str, str]], counts: dict, *, chart="bar", note="", total=True):
    """A table of (label, people, share) over fixed categories, with complementary suppression."""
    values = [int(counts.get(key, 0) or 0) for key, _ in labels]
    whole = sum(values)
    cells = suppress_series(values)
    rows = [[label, cell, cell if cell["suppressed"] else share_cell(n, whole)]
            for (_, label), n, cell in zip(labels, values, cells, strict=True)]
    if total:
        rows.append(["合计", count_cell(whole), share_cell(whole, whole)])
    return table_result(code, title, ["类别", "人数", "占比"], rows, chart=chart, note=note, series_columns=[1])


def level_cell(level: IndexLevel) -> dict:
    return {"level": str(level.value), "label": str(level.label), "colour": level.colour}
