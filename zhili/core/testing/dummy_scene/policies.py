"""A policy declared in Python (the other way besides YAML packs), for core.policy's tests."""

import datetime as dt

from zhili.core.policy.api import Benefit, Condition, Policy

DOMAIN = "dummy"

POLICIES = [
    Policy(
        code="disability_help", name="残疾人帮扶", owner="县残联", effective_from=dt.date(2024, 1, 1),
        reference="测试政策依据（残疾人帮扶）", category="disability",
        benefit=Benefit(kind="cash", period="once", amount="300 * count(m.disabled)"),
        conditions=(Condition("家中有持证残疾人", "count(m.disabled) >= 1"),),
    ),
]
