"""Working days by the State Council's holiday notices (法定节假日与调休), read from ``data/holidays_cn.csv``.

Each row of the data file is one dated exception to the Monday-to-Friday week: a public holiday
(``holiday``) or an adjusted working day on a weekend (``workday``, 调休上班), with the notice it comes
from (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号 for 2026). A year without a notice in the
file counts weekends only; add the year's rows when the State Council publishes its notice.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "holidays_cn.csv"


@dataclass(frozen=True)
class CalendarDay:
    """One dated exception to the ordinary week, with the notice that sets it."""

    date: dt.date
    kind: str  # "holiday" or "workday"
    name: str
    reference: str


@cache
def calendar_days() -> dict[dt.date, CalendarDay]:
    """Every exception in the data file, by date."""
    days = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["kind"] not in ("holiday", "workday"):
                raise ValueError(f"{DATA_FILE.name} 第 {line} 行：kind 只能是 holiday 或 workday")
            day = CalendarDay(dt.date.fromisoformat(row["date"]), row["kind"], row["name"], row["reference"])
            days[day.date] = day
    return days


def covered_years() -> set[int]:
    """The years for which a holiday notice is in the data file."""
    return {day.year for day in calendar_days()}


def is_working_day(day: dt.date) -> bool:
    """True on Monday to Friday unless a public holiday, and on a weekend adjusted to a working day."""
    exception = calendar_days().get(day)
    if exception is not None:
        return exception.kind == "workday"
    return day.weekday() < 5


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted; ``n`` = 0 gives ``start``)."""
    if n < 0:
        raise ValueError("工作日数不能为负数")
    day = start
    remaining = n
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count
