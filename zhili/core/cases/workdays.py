"""Working days by the State Council's holiday notices (法定节假日与调休).

Two sources, the second overriding the first date by date:

- the ``holidays`` package's China calendar (maintained upstream, a release every few weeks): for the years
  whose State Council notice it carries (``ChinaStaticHolidays.special_public_holidays``: 2022–2026 in
  0.109) every public holiday, every day off and every adjusted working day (调休上班); for any other year
  only the statutory holidays of 《全国年节及纪念日放假办法》 (its ``observed=False`` dates), since the
  adjusted days are unknown until the notice is published;
- the project's ``data/holidays_cn.csv``: one row per exception with its notice number (国办发明电〔2024〕12号
  for 2025, 国办发明电〔2025〕7号 for 2026), for a notice newer than the installed package, or a correction.

A year that neither source covers with its notice is "provisional": ``calendar_alert`` says so from 60 days
before it starts, and the daily job ``cases.calendar_check`` raises the alert.
"""

import csv
import datetime as dt
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "holidays_cn.csv"
ALERT_DAYS = 60
STATUTORY = "《全国年节及纪念日放假办法》（2024 年修订）"


@dataclass(frozen=True)
class CalendarDay:
    """One dated exception to the ordinary week, with the notice that sets it."""

    date: dt.date
    kind: str  # "holiday" or "workday"
    name: str
    reference: str


@cache
def project_days() -> dict[dt.date, CalendarDay]:
    """Every exception in the project's data file, by date."""
    days = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["kind"] not in ("holiday", "workday"):
                raise ValueError(f"{DATA_FILE.name} 第 {line} 行：kind 只能是 holiday 或 workday")
            day = CalendarDay(dt.date.fromisoformat(row["date"]), row["kind"], row["name"], row["reference"])
            days[day.date] = day
    return days


def package_notice_years() -> set[int]:
    """The years whose State Council notice (with its adjusted working days) the ``holidays`` package carries."""
    from holidays.countries.china import ChinaStaticHolidays

    return set(ChinaStaticHolidays.special_public_holidays)


@cache
def package_days(year: int) -> dict[dt.date, CalendarDay]:
    """The ``holidays`` package's exceptions for ``year``: all of them in a notice year, else statutory days only."""
    import holidays
    from holidays.countries.china import ChinaStaticHolidays

    version = holidays.__version__
    noticed = year in package_notice_years()
    reference = (f"国务院办公厅{year}年放假安排通知（holidays {version} 收录）" if noticed
                 else f"{STATUTORY}（{year}年放假调休通知未收录，调休上班日未计）")
    days = {}
    for day, name in holidays.China(years=year, language="zh_CN", observed=noticed).items():
        days[day] = CalendarDay(day, "holiday", name, reference)
    for entry in ChinaStaticHolidays.special_public_holidays.get(year, ()):
        # (month off, day off, month worked, day worked[, year worked]): the weekend day worked instead
        worked = dt.date(entry[4] if len(entry) > 4 else year, entry[2], entry[3])
        days[worked] = CalendarDay(worked, "workday", "调休上班", reference)
    return days


@cache
def _year_days(year: int) -> dict[dt.date, CalendarDay]:
    days = dict(package_days(year))
    days.update({d: v for d, v in project_days().items() if d.year == year})
    return days


def calendar_days(year: int | None = None) -> dict[dt.date, CalendarDay]:
    """Every exception of ``year`` (default: the years either source covers), the project's rows winning."""
    if year is not None:
        return _year_days(year)
    days = {}
    for covered in sorted(covered_years()):
        days.update(_year_days(covered))
    return days


def covered_years() -> set[int]:
    """The years whose holiday notice (adjusted working days included) one of the sources carries."""
    return package_notice_years() | {day.year for day in project_days()}


def calendar_alert(today: dt.date) -> str:
    """A warning while the current year, or the next one within ``ALERT_DAYS`` days, has no notice; else ''."""
    covered = covered_years()
    missing = [year for year in (today.year, today.year + 1)
               if year not in covered and (dt.date(year, 1, 1) - today).days <= ALERT_DAYS]
    if not missing:
        return ""
    return ("尚未收录 {years} 年国务院放假调休通知：这些年份的工作日期限只计法定节假日，不计调休上班日。"
            "通知发布后请升级 holidays 包，或在 zhili/core/cases/data/holidays_cn.csv 中补充（写明文号）").format(
        years="、".join(str(y) for y in missing))


def check_calendar(today: dt.date | None = None) -> str:
    """The daily check: log and audit the alert when there is one; return it."""
    from django.utils import timezone

    from zhili.core.foundation import audit

    alert = calendar_alert(today or timezone.localdate())
    if alert:
        logger.error("%s", alert)
        audit.record("cases.calendar.notice_missing", actor="task:cases.calendar_check", data={"alert": alert})
    return alert


def is_working_day(day: dt.date) -> bool:
    """True on Monday to Friday unless a public holiday, and on a weekend adjusted to a working day."""
    exception = _year_days(day.year).get(day)
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
