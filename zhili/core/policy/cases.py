"""Cases written by policy officers: YAML files of facts, a day and the expected decisions, run by pytest.

    domain: relief_match
    cases:
      - name: 月人均收入低于低保标准的三口之家
        date: 2025-03-01
        household: {county_code: "331022", per_capita_income: 800}
        members: [{birth_date: 1950-03-01}, {birth_date: 1980-06-01}]
        expect:
          dibao: {status: eligible, amount: 1080}
          dibian: ineligible
          illness_aid: {status: undecided, missing: [成员1的年度医疗自付费用]}

A wrong rule fails the case with the policy, what was expected, what came out and why (each condition with
its value and threshold), not with a stack trace.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .declarations import PolicyPackError, Source
from .evaluation import Decision, decide, money
from .packs import Node, plain, read_yaml
from .registry import get_domain

STATUSES = ("eligible", "ineligible", "undecided")


@dataclass
class Case:
    """One case: facts on a day and, per policy, the expected status (and amount, and missing facts)."""

    name: str
    domain: str
    on: dt.date
    facts: dict
    members: list
    expect: dict
    source: Source
    lines: dict = field(default_factory=dict)


def read_cases(path: Path) -> list[Case]:
    """The cases in the YAML file at ``path``; a malformed case is a ``PolicyPackError`` with its line."""
    root = read_yaml(path)
    where = str(path)
    if not isinstance(root.value, dict) or "cases" not in root.value:
        raise PolicyPackError(Source(where, root.line), "案例文件应有 domain 和 cases")
    domain = plain(root.value["domain"]) if "domain" in root.value else ""
    found = []
    for node in root.value["cases"].value:
        found.append(_case(node, str(domain), where))
    return found


def _case(node: Node, domain: str, where: str) -> Case:
    spec = node.value
    at = Source(where, node.line)
    if not isinstance(spec, dict) or "name" not in spec or "expect" not in spec:
        raise PolicyPackError(at, "案例应有 name 和 expect")
    on = plain(spec["date"]) if "date" in spec else None
    if not isinstance(on, dt.date):
        raise PolicyPackError(at, f"案例「{plain(spec['name'])}」缺少日期（date: YYYY-MM-DD）")
    facts = {}
    for key in ("facts", "household", "person", "enterprise"):
        if key in spec:
            facts = plain(spec[key]) or {}
    expect, lines = {}, {}
    for code, value in spec["expect"].value.items():
        wanted = plain(value)
        wanted = {"status": wanted} if isinstance(wanted, str) else dict(wanted)
        if wanted.get("status") not in STATUSES:
            raise PolicyPackError(Source(where, value.line), f"政策 {code} 的期望状态应为 {'/'.join(STATUSES)}")
        expect[str(code)] = wanted
        lines[str(code)] = value.line
    return Case(str(plain(spec["name"])), str(plain(spec["domain"])) if "domain" in spec else domain, on, facts,
                plain(spec["members"]) if "members" in spec else [], expect, at, lines)


def run_case(case: Case) -> list[str]:
    """What differs from the expectations, one readable paragraph per policy (empty when the case passes)."""
    domain = get_domain(case.domain)
    failures = []
    for code, wanted in case.expect.items():
        policy = domain.policies.get(code)
        if policy is None:
            failures.append(f"第 {case.lines[code]} 行：政策 {code} 未在领域 {case.domain} 中声明")
            continue
        decision = decide(domain, policy, case.facts, case.members, case.on)
        problems = []
        if str(decision.status) != wanted["status"]:
            problems.append(f"期望 {wanted['status']}，实为 {decision.status}")
        if "amount" in wanted:
            expected = None if wanted["amount"] is None else money(Decimal(str(wanted["amount"])))
            if decision.amount != expected:
                problems.append(f"期望金额 {expected}，实为 {decision.amount}")
        if "missing" in wanted and list(wanted["missing"]) != decision.missing:
            problems.append(f"期望缺少 {wanted['missing']}，实为 {decision.missing}")
        if problems:
            failures.append(f"第 {case.lines[code]} 行：政策 {code}（{policy.name}）" + "；".join(problems)
                            + "\n" + explain_text(decision))
    return failures


def explain_text(decision: Decision) -> str:
    """The decision's conditions, one line each: held or not, the value against the threshold, the basis."""
    marks = {True: "✓", False: "✗", None: "?"}
    lines = []
    for condition in decision.conditions:
        detail = f"值 {condition.value}" + (f"，比较 {condition.threshold}" if condition.threshold is not None else "")
        if condition.missing:
            detail += "，缺少 " + "、".join(condition.missing)
        lines.append(f"  {marks[condition.held]} {condition.label}：{condition.test}（{detail}；依据 {condition.reference}）")
    return "\n".join(lines)
