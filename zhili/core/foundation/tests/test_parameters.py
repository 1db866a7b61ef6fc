"""Dated parameters: the value in force on a day, refusals at registration, and case deadlines that follow them."""

import datetime as dt

import pytest

from zhili.core.cases.declarations import closed_loop_case_type
from zhili.core.cases.registry import deadline_parameters
from zhili.core.foundation.parameters import Parameter, ParameterSet, Value, parameter_on, parameter_sets

WAGE = Parameter("minimum", "最低工资", unit="元", values=[
    Value(2070, dt.date(2021, 8, 1), "浙政发〔2021〕24号"), Value(2260, dt.date(2025, 1, 1), "2025 年通知")])


@pytest.fixture
def wage_set(monkeypatch):
    monkeypatch.setitem(parameter_sets._items, "test_wages", ParameterSet("test_wages", "测试", {"minimum": WAGE}))


def test_the_value_in_force_on_a_day_with_its_date_and_reference(wage_set):
    assert parameter_on("test_wages", "minimum", dt.date(2024, 12, 31)).value == 2070
    found = parameter_on("test_wages", "minimum", dt.date(2025, 1, 1))
    assert (found.value, found.effective_from, found.reference, found.unit) == (
        2260, dt.date(2025, 1, 1), "2025 年通知", "元")
    assert parameter_on("test_wages", "minimum", dt.date(2020, 1, 1)).value == 2070  # before all: the first


def test_an_unknown_set_or_parameter_is_a_clear_error(wage_set):
    with pytest.raises(LookupError, match="未声明的参数集：nowhere"):
        parameter_on("nowhere", "minimum", dt.date(2025, 1, 1))
    with pytest.raises(LookupError, match="没有参数 maximum"):
        parameter_on("test_wages", "maximum", dt.date(2025, 1, 1))


def test_the_platforms_own_sets_are_registered_at_start_up():
    assert parameter_on("identity", "otp_ttl_seconds", dt.date(2025, 6, 1)).value == 300
    assert parameter_on("labor_contract", "signing_invitation_days", dt.date(2025, 6, 1)).value == 30
    assert parameter_on("cases.dummy_complaint", "handling", dt.date(2025, 6, 1)).value == 3


def test_deadlines_without_their_effective_date_are_refused():
    with pytest.raises(ValueError, match="deadlines need deadline_basis and deadlines_from"):
        closed_loop_case_type("undated", "无日期", deadlines={"submitted": 1}, deadline_basis="某承诺")


def test_a_later_deadline_takes_effect_on_its_date():
    case_type = closed_loop_case_type(
        "dated", "有日期", deadlines={"handling": 10}, deadline_basis="2025 年承诺",
        deadlines_from=dt.date(2025, 1, 1))
    case_type = case_type.__class__(**{**case_type.__dict__, "later_deadlines": {
        "handling": [(5, dt.date(2026, 1, 1), "2026 年提速承诺")]}})
    (handling,) = deadline_parameters(case_type)

    assert [v.value for v in handling.series()] == [10, 5]
    assert handling.entry_on(dt.date(2025, 12, 31)).value == 10
    assert handling.entry_on(dt.date(2026, 1, 1)).reference == "2026 年提速承诺"
