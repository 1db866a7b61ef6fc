"""The legal checks, each with the article it rests on."""

import datetime as dt
from decimal import Decimal

from zhili.core.testing.api import make_id_number
from zhili.scenes.labor_contract.rules import (
    check_contract,
    max_probation_months,
    minimum_wage,
    should_offer_open_ended,
    term_months,
    value_on,
)

START = dt.date(2026, 3, 1)


def lawful(**overrides) -> dict:
    data = {"term_type": "fixed_term", "start_date": START, "end_date": dt.date(2029, 2, 28), "probation_months": 0,
            "working_hour_system": "standard", "monthly_wage": Decimal("5000"), "region_code": "330182",
            "worker_id_number": make_id_number(birth="19900307", sequence=123)}
    data.update(overrides)
    return data


def codes(data) -> list[tuple[str, str, str]]:
    return [(v.field, v.rule_code, v.reference) for v in check_contract(data)]


def test_a_lawful_contract_has_no_violation():
    assert check_contract(lawful(probation_months=6, probation_wage=Decimal("4000"))) == []


def test_term_months_counts_whole_calendar_months_inclusive():
    assert term_months(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == 3
    assert term_months(dt.date(2026, 1, 1), dt.date(2026, 3, 30)) == 2
    assert term_months(dt.date(2026, 3, 1), dt.date(2029, 2, 28)) == 36


def test_probation_limits_follow_article_19_by_term():
    cases = [
        ("fixed_term", dt.date(2026, 5, 30), 0),   # a day short of 3 months
        ("fixed_term", dt.date(2026, 5, 31), 1),   # exactly 3 months
        ("fixed_term", dt.date(2027, 2, 27), 1),   # just under a year
        ("fixed_term", dt.date(2027, 2, 28), 2),   # one year
        ("fixed_term", dt.date(2029, 2, 27), 2),   # just under three years
        ("fixed_term", dt.date(2029, 2, 28), 6),   # three years
        ("open_ended", None, 6),
        ("task_based", None, 0),
    ]
    for term_type, end, expected in cases:
        limit = max_probation_months(term_type, START, end)
        assert (term_type, end, limit.value) == (term_type, end, expected)
    assert max_probation_months("fixed_term", START, dt.date(2027, 2, 28)).reference == "《劳动合同法》第十九条第一款"
    assert max_probation_months("task_based", START, None).reference == "《劳动合同法》第十九条第三款"


def test_probation_too_long_names_article_19():
    found = check_contract(lawful(end_date=dt.date(2027, 2, 28), probation_months=3, probation_wage=Decimal("4000")))
    assert [(v.field, v.rule_code, v.reference) for v in found] == [
        ("probation_months", "probation_too_long", "《劳动合同法》第十九条第一款")]
    assert found[0].message_zh == "试用期 3 个月超过该合同期限允许的 2 个月"


def test_task_based_contract_may_not_have_probation():
    found = check_contract(lawful(term_type="task_based", end_date=None, task_description="厂房一期安装",
                                  probation_months=1, probation_wage=Decimal("4000")))
    assert [(v.rule_code, v.message_zh, v.reference) for v in found] == [
        ("probation_too_long", "该合同期限不得约定试用期，但约定了 1 个月", "《劳动合同法》第十九条第三款")]


def test_probation_wage_must_reach_80_percent_and_the_minimum_wage():
    assert codes(lawful(probation_months=2, monthly_wage=Decimal("5000"), probation_wage=Decimal("3999.99"))) == [
        ("probation_wage", "probation_wage_below_ratio", "《劳动合同法》第二十条；《劳动合同法实施条例》第十五条")]
    found = check_contract(lawful(probation_months=2, monthly_wage=Decimal("2500"), probation_wage=Decimal("2100")))
    assert [v.rule_code for v in found] == ["probation_wage_below_minimum"]
    assert found[0].reference.startswith("《劳动合同法》第二十条；浙江省人民政府关于调整全省最低工资标准的通知")


def test_minimum_wage_is_dated_data_by_region():
    jiande_2021 = minimum_wage("330182", dt.date(2024, 12, 31))
    jiande_2025 = minimum_wage("330182", dt.date(2025, 1, 1))
    urban = minimum_wage("330106", dt.date(2025, 6, 1))
    other = minimum_wage("330482", dt.date(2025, 6, 1))
    assert (jiande_2021.monthly, jiande_2021.tier, jiande_2021.effective_from) == (Decimal("2070"), "第二档", dt.date(2021, 8, 1))
    assert "浙政发〔2021〕24号" in jiande_2021.reference
    assert (jiande_2025.monthly, jiande_2025.tier) == (Decimal("2260"), "第二档")
    assert (urban.monthly, urban.tier) == (Decimal("2490"), "第一档")
    assert (other.monthly, other.tier) == (Decimal("2010"), "第三档")
    assert minimum_wage("500107", dt.date(2025, 6, 1)) is None


def test_wage_below_minimum_cites_labour_law_48_and_the_notice():
    found = check_contract(lawful(monthly_wage=Decimal("2200")))
    assert [(v.field, v.rule_code) for v in found] == [("monthly_wage", "wage_below_minimum")]
    assert found[0].message_zh == "月工资 2200 元低于当地最低工资标准 2260 元（第二档）"
    assert found[0].reference.startswith("《劳动法》第四十八条；《最低工资规定》；浙江省人民政府")


def test_worker_under_16_on_the_start_date_is_refused_by_labour_law_15():
    found = check_contract(lawful(worker_id_number=make_id_number(birth="20100302", sequence=5)))
    assert [(v.field, v.rule_code, v.reference) for v in found] == [
        ("worker_id_number", "under_minimum_age", "《劳动法》第十五条")]
    assert found[0].message_zh == "劳动者在合同开始日未满 16 周岁（按身份证号码计算为 15 周岁），不得招用"
    assert check_contract(lawful(worker_id_number=make_id_number(birth="20100301", sequence=5))) == []


def test_working_hour_system_is_a_mandatory_clause():
    assert codes(lawful(working_hour_system="")) == [
        ("working_hour_system", "working_hours_required", "《劳动合同法》第十七条第一款第五项")]


def test_dispatch_agency_contract_needs_host_post_period_and_two_years():
    found = check_contract(lawful(is_dispatch_agency=True, end_date=dt.date(2027, 2, 28), host_employer_name="建德某厂",
                                  dispatch_post="装配工", dispatch_start=START))
    assert [(v.field, v.rule_code, v.reference) for v in found] == [
        ("dispatch_end", "dispatch_field_required", "《劳动合同法》第五十八条第一款"),
        ("term_type", "dispatch_term_too_short", "《劳动合同法》第五十八条第二款"),
    ]


def test_third_fixed_term_contract_prompts_the_open_ended_offer():
    found = check_contract(lawful(prior_fixed_terms=2))
    assert [(v.rule_code, v.severity, v.reference) for v in found] == [
        ("open_ended_offer_due", "warning", "《劳动合同法》第十四条第二款第三项")]
    assert should_offer_open_ended(1, 10, START).reference == "《劳动合同法》第十四条第二款第一项"
    assert should_offer_open_ended(1, 9, START) is None


def test_probation_only_once_per_pair():
    assert codes(lawful(probation_months=1, probation_wage=Decimal("4000"), prior_probation=True)) == [
        ("probation_months", "probation_twice", "《劳动合同法》第十九条第二款")]


def test_signing_deadline_reminders_are_dated_with_articles_10_and_82():
    rule = value_on("unsigned_reminder_days", START)
    assert rule.value == (20, 30)
    assert rule.reference.startswith("《劳动合同法》第十条、第八十二条")
    assert value_on("minimum_working_age", START).value == 16


def test_every_unconfirmed_minimum_wage_says_so_in_its_reference():
    from zhili.scenes.labor_contract.rules import MINIMUM_WAGES

    zhejiang = [w for w in MINIMUM_WAGES if w.region_prefix.startswith("33")]
    assert zhejiang
    assert all("未经核实" in w.reference for w in zhejiang)
