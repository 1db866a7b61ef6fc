"""A domain: the facts, parameters and policies of one scene (or one rule book), checked and parsed together.

``build_domain`` refuses, with the file and line, an unknown fact, a circular parameter, a value or a policy
without an effective date, a condition that is not a true/false test, and an amount that is not a number.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import expressions as ex
from .declarations import (
    BENEFIT_KINDS,
    BENEFIT_PERIODS,
    ENTITIES,
    OWNER_KINDS,
    TABLE,
    Fact,
    Pack,
    Parameter,
    ParameterValue,
    Policy,
    PolicyPackError,
    Source,
    check_type,
)


@dataclass(frozen=True)
class CompiledPolicy:
    """A policy's parsed conditions and amount, and the facts and parameters they read."""

    conditions: tuple  # (Condition, node) pairs
    amount: object  # node or None
    facts: tuple
    parameters: tuple
    condition_parameters: tuple = ()  # the parameters each condition reads, in the conditions' order
    amount_parameters: tuple = ()


@dataclass
class Domain:
    """The facts (per entity), parameters and policies of one domain, ready to evaluate."""

    code: str
    facts: dict = field(default_factory=dict)  # entity -> {name: Fact}
    parameters: dict = field(default_factory=dict)  # name -> Parameter
    policies: dict = field(default_factory=dict)  # code -> Policy
    derived: dict = field(default_factory=dict)  # name -> parsed formula
    parameter_keys: dict = field(default_factory=dict)  # name -> key fact ("" when not keyed)

    def scope(self, entity: str) -> ex.Scope:
        facts = {name: fact.type for name, fact in self.facts.get(entity, {}).items()}
        members = {name: fact.type for name, fact in self.facts.get("person", {}).items()} if entity == "household" \
            else {}
        parameters = {name: (p.type, bool(self.parameter_keys.get(name))) for name, p in self.parameters.items()
                      if p.type != TABLE}
        return ex.Scope(facts, members, parameters)

    def fact(self, entity: str, name: str) -> Fact:
        return self.facts[entity][name]

    def parameter_value(self, name: str, day: dt.date, key=None) -> ParameterValue | None:
        """The value of parameter ``name`` in force on ``day`` (for ``key`` when it is keyed); None if unknown."""
        parameter = self.parameters[name]
        if name in self.derived:
            return self._derived_value(parameter, day, key)
        entry = parameter.entry_on(day, key if self.parameter_keys.get(name) else None)
        if entry is None:
            return None
        return ParameterValue(name, parameter.label, _plain(entry.value), entry.effective_from, entry.reference,
                              entry.checked, parameter.unit)

    def _derived_value(self, parameter: Parameter, day: dt.date, key) -> ParameterValue | None:
        parts = {}
        for name in ex.parameters_used(self.derived[parameter.name]):
            part = self.parameter_value(name, day, key)
            if part is None:
                return None
            parts[name] = part
        context = ex.Context({}, [], day, lambda n: parts[n].value)
        value = ex.evaluate(self.derived[parameter.name], context)
        return ParameterValue(parameter.name, parameter.label, value,
                              max(p.effective_from for p in parts.values()),
                              "；".join(dict.fromkeys(f"{p.label}：{p.reference}" for p in parts.values())),
                              all(p.checked for p in parts.values()), parameter.unit)

    def in_force(self, day: dt.date, entity: str | None = None) -> list[Policy]:
        return [p for p in self.policies.values() if p.in_force(day) and (entity is None or p.entity == entity)]


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def build_domain(code: str, packs: list[Pack], extra_policies: list[Policy] = ()) -> Domain:
    """Check and parse every declaration of domain ``code``; raise ``PolicyPackError`` on the first fault."""
    domain = Domain(code)
    for pack in packs:
        for fact in pack.facts:
            _add_fact(domain, fact)
    for pack in packs:
        for parameter in pack.parameters:
            _add_parameter(domain, parameter)
    _parse_formulas(domain)
    for pack in packs:
        for policy in pack.policies:
            add_policy(domain, policy)
    for policy in extra_policies:
        add_policy(domain, policy)
    return domain


def _add_fact(domain: Domain, fact: Fact) -> None:
    if fact.entity not in ENTITIES:
        raise PolicyPackError(fact.source, f"事实 {fact.name} 的对象 {fact.entity!r} 未知（可用：{', '.join(ENTITIES)}）")
    check_type(fact.type, fact.source, f"事实 {fact.name}")
    if not fact.name.isidentifier() or fact.name == ex.MEMBER:
        raise PolicyPackError(fact.source, f"事实名 {fact.name!r} 不是合法的标识符")
    known = domain.facts.setdefault(fact.entity, {})
    if fact.name in known:
        raise PolicyPackError(fact.source, f"事实 {fact.name} 重复声明（先前在 {known[fact.name].source}）")
    known[fact.name] = fact


def _add_parameter(domain: Domain, parameter: Parameter) -> None:
    source = parameter.source
    if parameter.name in domain.parameters:
        raise PolicyPackError(source, f"参数 {parameter.name} 重复声明（先前在 {domain.parameters[parameter.name].source}）")
    if any(parameter.name in facts for facts in domain.facts.values()):
        raise PolicyPackError(source, f"参数 {parameter.name} 与同名事实冲突")
    check_type(parameter.type, source, f"参数 {parameter.name}", table=True)
    if parameter.formula and parameter.type == TABLE:
        raise PolicyPackError(source, f"参数 {parameter.name} 是表格类型，不能由公式得出")
    if parameter.formula:
        if parameter.values:
            raise PolicyPackError(source, f"参数 {parameter.name} 不能同时有公式和取值")
    else:
        series = parameter.values.values() if parameter.key else [parameter.values]
        if parameter.key and not isinstance(parameter.values, dict):
            raise PolicyPackError(source, f"参数 {parameter.name} 按 {parameter.key} 取值，取值应按键分组")
        if not any(series):
            raise PolicyPackError(source, f"参数 {parameter.name} 没有任何取值")
        for values in series:
            for value in values:
                _check_value(parameter, value)
    domain.parameters[parameter.name] = parameter
    domain.parameter_keys[parameter.name] = parameter.key


def _check_value(parameter: Parameter, value) -> None:
    where = value.source or parameter.source
    if not isinstance(value.effective_from, dt.date):
        raise PolicyPackError(where, f"参数 {parameter.name} 的取值缺少生效日期")
    if not value.reference:
        raise PolicyPackError(where, f"参数 {parameter.name} 自 {value.effective_from} 的取值缺少依据（reference）")
    kinds = {"number": (int, float, Decimal), "bool": (bool,), "string": (str,), "list": (list, tuple),
             "date": (dt.date,), TABLE: (object,)}
    ok = isinstance(value.value, kinds[parameter.type])
    if parameter.type == "number" and isinstance(value.value, bool):
        ok = False
    if not ok:
        raise PolicyPackError(where, f"参数 {parameter.name} 的取值 {value.value!r} 不是{ex.TYPE_LABELS[parameter.type]}")


def _parse_formulas(domain: Domain) -> None:
    scope = ex.Scope({}, {}, {name: (p.type, False) for name, p in domain.parameters.items() if p.type != TABLE})
    for name, parameter in domain.parameters.items():
        if not parameter.formula:
            continue
        try:
            domain.derived[name] = ex.parse(parameter.formula, scope, expect=parameter.type)
        except ex.ExpressionError as exc:
            raise PolicyPackError(parameter.source, f"参数 {name} 的公式：{exc.message}") from None
    # Circularity: a parameter may not depend, through formulas, on itself.
    state: dict = {}

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            cycle = path[path.index(name):] + [name]
            raise PolicyPackError(domain.parameters[cycle[0]].source, "参数循环引用：" + " → ".join(cycle))
        state[name] = "open"
        for used in ex.parameters_used(domain.derived.get(name, ex.Const(0.0, ex.NUMBER))):
            visit(used, path + [name])
        state[name] = "done"

    for name in domain.derived:
        visit(name, [])
    # A derived parameter is keyed by the one key its keyed parts share.
    resolved: dict = {}

    def key_of(name: str) -> str:
        if name not in domain.derived:
            return domain.parameters[name].key
        if name not in resolved:
            keys = {key_of(used) for used in ex.parameters_used(domain.derived[name])} - {""}
            if len(keys) > 1:
                raise PolicyPackError(domain.parameters[name].source,
                                      f"参数 {name} 的公式混用了不同的取值键：{', '.join(sorted(keys))}")
            resolved[name] = keys.pop() if keys else ""
        return resolved[name]

    for name in domain.derived:
        domain.parameter_keys[name] = key_of(name)


def add_policy(domain: Domain, policy: Policy) -> Policy:
    """Check and parse ``policy`` against the domain and add it (refusing a duplicate code)."""
    source = policy.source
    if policy.code in domain.policies:
        raise PolicyPackError(source, f"政策 {policy.code} 重复声明（先前在 {domain.policies[policy.code].source}）")
    compiled = compile_policy(domain, policy)
    object.__setattr__(policy, "compiled", compiled)
    object.__setattr__(policy, "domain", domain.code)
    domain.policies[policy.code] = policy
    return policy


def compile_policy(domain: Domain, policy: Policy) -> CompiledPolicy:
    """Parse ``policy``'s conditions and amount against ``domain``; ``PolicyPackError`` names the place."""
    source = policy.source
    if not policy.code or not policy.name:
        raise PolicyPackError(source, "政策缺少编码或名称")
    if not isinstance(policy.effective_from, dt.date):
        raise PolicyPackError(source, f"政策 {policy.code} 缺少生效日期（effective_from）")
    if policy.effective_to is not None and policy.effective_to < policy.effective_from:
        raise PolicyPackError(source, f"政策 {policy.code} 的失效日期早于生效日期")
    if policy.entity not in ENTITIES:
        raise PolicyPackError(source, f"政策 {policy.code} 的对象 {policy.entity!r} 未知（可用：{', '.join(ENTITIES)}）")
    if policy.owner_kind not in OWNER_KINDS:
        raise PolicyPackError(source, f"政策 {policy.code} 的主办方类型 {policy.owner_kind!r} 未知")
    if policy.benefit.kind not in BENEFIT_KINDS or policy.benefit.period not in BENEFIT_PERIODS:
        raise PolicyPackError(source, f"政策 {policy.code} 的待遇类型或周期未知")
    if not policy.reference:
        raise PolicyPackError(source, f"政策 {policy.code} 缺少依据（reference）")
    if not policy.conditions:
        raise PolicyPackError(source, f"政策 {policy.code} 没有任何条件")
    scope = domain.scope(policy.entity)
    parsed = []
    for condition in policy.conditions:
        node = _parse(condition.test, scope, "bool", condition.source or source, policy, condition.label)
        parsed.append((condition, node))
    amount = None
    if policy.benefit.amount not in ("", None):
        amount = _parse(str(policy.benefit.amount), scope, "number", source, policy, "待遇金额")
    nodes = [node for _, node in parsed] + ([amount] if amount is not None else [])
    facts, parameters = [], []
    for node in nodes:
        facts += [f for f in ex.facts_used(node) if f not in facts]
        parameters += [p for p in ex.parameters_used(node) if p not in parameters]
    for name in parameters:
        key = domain.parameter_keys.get(name)
        if key and key not in domain.facts.get(policy.entity, {}):
            raise PolicyPackError(source, f"政策 {policy.code} 使用的参数 {name} 按 {key} 取值，"
                                          f"但{policy.entity}没有事实 {key}")
        if key and ex.FactRef(key, domain.facts[policy.entity][key].type) not in facts:
            facts.append(ex.FactRef(key, domain.facts[policy.entity][key].type))
    return CompiledPolicy(tuple(parsed), amount, tuple(facts), tuple(parameters),
                          tuple(tuple(ex.parameters_used(node)) for _, node in parsed),
                          tuple(ex.parameters_used(amount)) if amount is not None else ())


def _parse(text, scope, expect, source: Source, policy: Policy, what: str):
    try:
        return ex.parse(text, scope, expect=expect)
    except ex.ExpressionError as exc:
        raise PolicyPackError(source, f"政策 {policy.code}「{what}」：{exc.message}（{text}）") from None
