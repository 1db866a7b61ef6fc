"""The calculators against cases worked by hand from 劳动合同法第四十七条、第八十二条 and 劳动法第四十四条."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhili.scenes.policy_qa import calculators


def test_five_years_and_six_months_count_as_six_plus_a_month_in_lieu_of_notice():
    result = calculators.severance(start="2020-03-01", end="2025-08-31", monthly_wage="8000", notice_in_lieu=True)
    assert result.amount == Decimal("56000.00")
    assert "满 5 年又 6 个月（六个月以上按一年），计 6 个月工资" in result.steps[0]


def test_less_than_six_months_gives_half_a_months_wage():
    assert calculators.severance(start="2024-01-01", end="2024-03-31", monthly_wage="6000").amount == Decimal("3000.00")


def test_high_wages_are_capped_at_three_times_the_average_and_twelve_years():
    result = calculators.severance(start="2010-01-01", end="2024-12-31", monthly_wage="40000", local_average="9000")
    assert result.amount == Decimal("324000.00")  # 27,000 × 12, not 40,000 × 15
    assert result.references[0] == "劳动合同法第四十七条第二款（三倍封顶）"


def test_double_wages_run_from_the_day_after_the_first_month_to_the_day_before_signing():
    result = calculators.double_wages(start="2025-01-10", signed_on="2025-05-20", monthly_wage="6000")
    assert result.amount == Decimal("19741.80")  # 3 months 9 days: 3 + 9/31
    assert "2025-02-11 至 2025-05-19" in result.steps[0]


def test_double_wages_stop_at_a_year_and_the_contract_is_deemed_open_ended():
    result = calculators.double_wages(start="2025-01-10", monthly_wage="6000", today=dt.date(2026, 6, 1))
    assert result.amount == Decimal("65806.20")  # to 2026-01-09: 10 months 30 days
    assert "无固定期限" in result.note


def test_signing_within_the_first_month_owes_nothing():
    assert calculators.double_wages(start="2025-01-10", signed_on="2025-02-05", monthly_wage="6000").amount == 0


def test_overtime_at_150_200_and_300_percent_of_the_hourly_wage():
    result = calculators.overtime(monthly_wage="5800", weekday_hours=10, rest_day_hours=8, holiday_hours=8,
                                  on=dt.date(2025, 1, 1))
    assert result.amount == Decimal("1833.15")  # hourly 33.33: 499.95 + 533.28 + 799.92
    assert "5800 ÷ 21.75 ÷ 8 = 33.33" in result.steps[0]


@pytest.mark.parametrize("kwargs, field", [
    ({"start": "2025-13-01", "end": "2025-01-01", "monthly_wage": "1"}, "start"),
    ({"start": "2025-02-01", "end": "2025-01-01", "monthly_wage": "1"}, "end"),
    ({"start": "2025-01-01", "end": "2025-02-01", "monthly_wage": "很多"}, "monthly_wage"),
    ({"start": "2025-01-01", "end": "2025-02-01", "monthly_wage": "-5"}, "monthly_wage"),
])
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(ValidationError) as caught:
        calculators.severance(**kwargs)
    assert list(caught.value.message_dict) == [field]
