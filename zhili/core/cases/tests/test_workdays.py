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


def test_2027_statutory_holidays_are_not_working_days_before_its_notice():
    """《全国年节及纪念日放假办法》: 1 January and 1–3 October are holidays whatever the notice adds (both Fridays in 2027)."""
    assert is_working_day(dt.date(2027, 1, 1)) is False
    assert is_working_day(dt.date(2027, 10, 1)) is False
    assert add_working_days(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_the_package_and_the_project_csv_agree_on_2025_and_2026():
    from zhili.core.cases import workdays

    for day in workdays.project_days().values():
        packaged = workdays.package_days(day.date.year).get(day.date)
        kind = packaged.kind if packaged else ("workday" if day.date.weekday() < 5 else "holiday")
        assert kind == day.kind, day


def test_the_project_csv_overrides_the_package_date_by_date(tmp_path, monkeypatch):
    from zhili.core.cases import workdays

    override = tmp_path / "holidays_cn.csv"
    override.write_text("date,kind,name,reference\n2027-02-14,workday,春节调休上班,国办发明电〔2026〕X号（测试）\n",
                        encoding="utf-8")
    monkeypatch.setattr(workdays, "DATA_FILE", override)
    for cached in (workdays.project_days, workdays._year_days):
        cached.cache_clear()
    try:
        assert is_working_day(dt.date(2027, 2, 14)) is True  # a Sunday, worked by the (test) notice
        assert 2027 in workdays.covered_years()
    finally:
        monkeypatch.undo()
        for cached in (workdays.project_days, workdays._year_days):
            cached.cache_clear()


def test_an_alert_is_raised_60_days_before_a_year_without_its_notice():
    from zhili.core.cases.workdays import calendar_alert

    assert calendar_alert(dt.date(2026, 11, 1)) == ""
    assert calendar_alert(dt.date(2026, 11, 2)).startswith("尚未收录 2027 年国务院放假调休通知")
    assert calendar_alert(dt.date(2025, 11, 2)) == ""  # 2026's notice is in the calendar
