"""A bad pack is refused at start-up with its file and line; a good one becomes a domain."""

import datetime as dt
import textwrap

import pytest

from zhili.core.policy.api import Condition, Fact, Parameter, Policy, PolicyPackError, Value, build_domain, get_domain
from zhili.core.policy.declarations import Pack
from zhili.core.policy.packs import read_pack

HEADER = """\
domain: trial
facts:
  household:
    income: {label: 月收入, type: number}
    county_code: {label: 所在县, type: string}
  person:
    birth_date: {label: 出生日期, type: date}
parameters:
  standard:
    label: 标准
    reference: 测试依据
    values:
      2024-01-01: 1000
"""

POLICY = """\
policies:
  - code: aid
    name: 测试救助
    owner: 民政局
    reference: 测试依据
    effective_from: 2024-01-01
    conditions:
      - label: 收入低于标准
        test: {test}
"""


def _pack(tmp_path, text: str):
    path = tmp_path / "pack.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path, build_domain("trial", [read_pack(path)])


def test_a_good_pack_becomes_a_domain(tmp_path):
    _, domain = _pack(tmp_path, HEADER + POLICY.format(test="income < standard"))

    assert list(domain.policies) == ["aid"]
    assert domain.parameter_value("standard", dt.date(2024, 6, 1)).value == 1000
    assert domain.parameter_value("standard", dt.date(2023, 12, 31)) is None


def test_an_unknown_fact_is_refused_with_file_and_line(tmp_path):
    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, HEADER + POLICY.format(test="salary < standard"))

    assert str(refused.value) == (f"{tmp_path / 'pack.yaml'}:22: 政策 aid「收入低于标准」："
                                  "未声明的事实或参数：salary（salary < standard）")


def test_a_condition_of_the_wrong_type_is_refused(tmp_path):
    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, HEADER + POLICY.format(test="income - standard"))

    assert refused.value.source.line == 22
    assert refused.value.message.endswith("规则类型错误：应为真假判断，实为数值（income - standard）")


def test_comparing_text_with_a_number_is_refused(tmp_path):
    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, HEADER + POLICY.format(test="county_code > standard"))

    assert "比较两边类型不同：文本与数值" in refused.value.message


def test_a_value_without_an_effective_date_is_refused(tmp_path):
    text = HEADER.replace("2024-01-01: 1000", "from 2024: 1000")

    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, text + POLICY.format(test="income < standard"))

    assert (refused.value.source.line, refused.value.message) == (
        13, "参数 standard 的取值缺少生效日期：'from 2024' 不是日期（YYYY-MM-DD）")


def test_a_policy_without_an_effective_date_is_refused(tmp_path):
    text = HEADER + POLICY.format(test="income < standard").replace("    effective_from: 2024-01-01\n", "")

    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, text)

    assert (refused.value.source.line, refused.value.message) == (15, "政策 aid 缺少生效日期（effective_from）")


def test_a_circular_parameter_is_refused(tmp_path):
    text = HEADER + """\
  upper: {label: 上限, formula: lower * 2}
  lower: {label: 下限, formula: upper / 2}
""" + POLICY.format(test="income < upper")

    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, text)

    assert (refused.value.source.line, refused.value.message) == (14, "参数循环引用：upper → lower → upper")


def test_member_facts_only_inside_an_aggregate(tmp_path):
    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, HEADER + POLICY.format(test="m.birth_date < standard"))

    assert "成员事实 m.birth_date 只能在 sum/count/any/all/max/min 中使用" in refused.value.message


def test_a_yaml_syntax_error_names_its_line(tmp_path):
    with pytest.raises(PolicyPackError) as refused:
        _pack(tmp_path, HEADER + "policies:\n  - code: [aid\n")

    assert refused.value.source.line == 16


def test_a_python_declaration_names_its_own_line():
    """Declarations in policies.py remember where they were written."""
    line = _line() + 1
    policy = Policy(code="x", name="无依据", owner="民政局", effective_from=dt.date(2024, 1, 1), reference="",
                    conditions=(Condition("收入", "income < 1"),))
    facts = [Fact("income", "收入")]

    with pytest.raises(PolicyPackError) as refused:
        build_domain("trial", [Pack("trial", facts=facts, policies=[policy])])

    assert str(refused.value) == f"{__file__}:{line}: 政策 x 缺少依据（reference）"


def test_a_parameter_value_without_reference_is_refused():
    parameter = Parameter("standard", "标准", [Value(1000, dt.date(2024, 1, 1), "")])

    with pytest.raises(PolicyPackError) as refused:
        build_domain("trial", [Pack("trial", parameters=[parameter])])

    assert refused.value.message == "参数 standard 自 2024-01-01 的取值缺少依据（reference）"


def test_the_dummy_scene_declares_its_domain_from_yaml_and_python():
    domain = get_domain("dummy")

    assert sorted(domain.policies) == ["dibao", "dibian", "disability_help", "elder_care", "illness_aid"]
    assert domain.policies["disability_help"].source.path.endswith("dummy_scene/policies.py")
    assert domain.policies["dibao"].source.path.endswith("policy_packs/household_aid.yaml")
    assert domain.policies["dibao"].source.line == 56  # "  - code: dibao"


def _line() -> int:
    import sys

    return sys._getframe(1).f_lineno
