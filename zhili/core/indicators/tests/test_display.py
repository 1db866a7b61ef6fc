"""Values and conditions as officials read them."""

import datetime as dt

from zhili.core.indicators.api import (
    Change,
    Condition,
    Count,
    Flag,
    Indicator,
    Ratio,
    Sum,
    describe_condition,
    describe_value,
)

DAY = dt.date(2025, 1, 1)


def indicator(expression, op, threshold):
    return Indicator("x", "x", expression, Condition(op, threshold), 10, "《劳动合同法》", DAY)


def test_a_relative_change_is_a_signed_percentage():
    drop = indicator(Change(Count("d", "day", 30), relative=True), "<=", -0.3)
    assert describe_value(drop, -0.535972) == "-53.6%"
    assert describe_condition(drop) == "≤ -30.0%"


def test_a_share_is_a_percentage_a_flag_is_yes_or_no_an_amount_has_no_float_noise():
    share = indicator(Ratio(Count("d", "day", 30), Count("e", "day", 30)), ">", 0.1)
    assert (describe_value(share, 0.125), describe_condition(share)) == ("12.5%", "> 10.0%")
    flag = indicator(Flag("d", "day", 30), ">=", 1)
    assert (describe_value(flag, 1.0), describe_value(flag, 0), describe_condition(flag)) == ("是", "否", "是")
    amount = indicator(Sum("d", "arrears", "day", 30), ">=", 10000)
    assert (describe_value(amount, 123456.7), describe_value(amount, 2.0)) == ("123,456.7", "2")
    assert describe_condition(amount) == "≥ 10,000" and describe_value(amount, None) == "—"
