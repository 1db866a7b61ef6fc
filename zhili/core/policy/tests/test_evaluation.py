"""One household decided alone: every condition explained with its value, threshold and basis."""

import datetime as dt
from decimal import Decimal

from zhili.core.policy.api import Eligibility, decide, decide_all, get_domain

ON = dt.date(2025, 3, 1)
GRANDMOTHER = {"birth_date": dt.date(1950, 3, 1), "disabled": True, "medical_self_paid": 15000}
SON = {"birth_date": dt.date(1990, 1, 1), "disabled": False, "medical_self_paid": 6000}


def _chen_family(**changes):
    facts = {"county_code": "330001", "per_capita_income": 800, "deposits": 1000, "category": "dibao"}
    facts.update(changes)
    return facts


def test_the_chen_family_gets_dibao_with_each_condition_explained():
    domain = get_domain("dummy")

    decision = decide(domain, domain.policies["dibao"], _chen_family(), [GRANDMOTHER, SON], ON)

    assert (decision.status, decision.amount) == (Eligibility.ELIGIBLE, Decimal("600.00"))
    first, second = decision.as_dict()["conditions"]
    assert first == {
        "label": "家庭月人均收入低于当地低保标准", "test": "per_capita_income < dibao_standard",
        "reference": "测试政策依据（低保）", "held": True, "value": 800.0, "threshold": 1100.0, "missing": [],
        "parameters": [{"code": "dibao_standard", "label": "低保标准", "value": 1100, "unit": "元/月",
                        "effective_from": "2025-01-01", "reference": "测试数据 2025 年标准", "checked": True}]}
    assert (second["value"], second["threshold"]) == (1000.0, 1100.0 * 24 * 2)


def test_a_day_before_the_new_standard_uses_the_old_one():
    domain = get_domain("dummy")

    decision = decide(domain, domain.policies["dibao"], _chen_family(), [GRANDMOTHER, SON], dt.date(2024, 12, 31))

    assert decision.amount == Decimal("400.00")  # (1000 - 800) × 2
    assert decision.conditions[0].parameters[0].effective_from == dt.date(2024, 1, 1)


def test_a_derived_parameter_explains_both_parts():
    domain = get_domain("dummy")

    decision = decide(domain, domain.policies["dibian"], _chen_family(per_capita_income=1200), [SON], ON)

    assert decision.status == Eligibility.ELIGIBLE
    line = decision.conditions[1].parameters[0]
    assert (line.value, line.effective_from, line.checked) == (1650.0, dt.date(2025, 1, 1), False)
    assert line.reference == "低保标准：测试数据 2025 年标准；低边倍数：测试数据（非官方数值）"


def test_a_missing_fact_gives_cannot_decide_never_not_eligible():
    domain = get_domain("dummy")
    facts = _chen_family()
    del facts["per_capita_income"]

    decision = decide(domain, domain.policies["dibao"], facts, [SON], ON)

    assert (decision.status, decision.missing) == (Eligibility.UNDECIDED, ["家庭月人均收入"])
    assert decision.summary() == "无法判断：缺少家庭月人均收入"
    assert [c.held for c in decision.conditions] == [None, True]


def test_a_failed_condition_decides_even_when_another_fact_is_missing():
    domain = get_domain("dummy")

    decision = decide(domain, domain.policies["dibao"], _chen_family(per_capita_income=5000, deposits=None), [SON], ON)

    assert (decision.status, decision.missing) == (Eligibility.INELIGIBLE, ["家庭存款"])
    assert decision.summary() == "不符合：家庭月人均收入低于当地低保标准"


def test_a_county_without_a_standard_is_named_as_missing():
    domain = get_domain("dummy")

    decision = decide(domain, domain.policies["dibao"], _chen_family(county_code="339999"), [SON], ON)

    assert decision.status == Eligibility.UNDECIDED
    assert decision.missing == ["低保标准（339999，2025-03-01）"]


def test_a_member_fact_missing_names_the_member():
    domain = get_domain("dummy")
    son = dict(SON, medical_self_paid=None)

    decision = decide(domain, domain.policies["illness_aid"], _chen_family(), [GRANDMOTHER, son], ON)

    assert (decision.status, decision.missing) == (Eligibility.UNDECIDED, ["成员2的年度医疗自付费用"])


def test_every_policy_in_force_is_decided():
    domain = get_domain("dummy")

    decisions = decide_all(domain, _chen_family(), [GRANDMOTHER, SON], dt.date(2024, 5, 1))

    assert {d.policy.code: str(d.status) for d in decisions} == {
        "dibao": "eligible", "dibian": "ineligible", "illness_aid": "eligible", "disability_help": "eligible"}
