import csv
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhili.core.cases.workdays import DATA_FILE, add_working_days, is_working_day, working_days_between


def test_national_day_2025_is_skipped_and_the_adjusted_saturday_counts():
    """国办发明电〔2024〕12号: 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班."""
    # given Tuesday 30 September 2025, the last working day before the holiday
    start = dt.date(2025, 9, 30)
    # then the next working days are Thursday 9, Friday 10 and Saturday 11 October
    assert add_working_days(start, 1) == dt.date(2025, 10, 9)
    assert add_working_days(start, 2) == dt.date(2025, 10, 10)
    assert add_working_days(start, 3) == dt.date(2025, 10, 11)
    assert add_working_days(start, 4) == dt.date(2025, 10, 13)
    assert is_working_day(dt.date(2025, 9, 28)) is True
    assert is_working_day(dt.date(2025, 10, 4)) is False
    assert is_working_day(dt.date(2025, 10, 8)) is False
    assert is_working_day(dt.date(2025, 10, 12)) is False


def test_spring_festival_2026_follows_its_notice():
    """国办发明电〔2025〕7号: 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班."""
    assert add_working_days(dt.date(2026, 2, 13), 1) == dt.date(2026, 2, 14)
    assert add_working_days(dt.date(2026, 2, 14), 1) == dt.date(2026, 2, 24)
    assert is_working_day(dt.date(2026, 2, 28)) is True
    assert working_days_between(dt.date(2026, 2, 13), dt.date(2026, 2, 24)) == 2


def test_zero_days_is_the_start_and_a_week_without_holidays_has_five():
    assert add_working_days(dt.date(2025, 11, 3), 0) == dt.date(2025, 11, 3)
    assert working_days_between(dt.date(2025, 11, 2), dt.date(2025, 11, 9)) == 5


def test_every_calendar_row_cites_its_notice():
    with DATA_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["reference"] for row in rows} == {"国办发明电〔2024〕12号", "国办发明电〔2025〕7号"}
    workdays = [dt.date.fromisoformat(r["date"]) for r in rows if r["kind"] == "workday"]
    assert all(day.weekday() >= 5 for day in workdays)


@given(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 20)), st.integers(1, 30))
def test_the_result_is_always_a_working_day_exactly_n_working_days_later(start, n):
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert working_days_between(start, end) == n
