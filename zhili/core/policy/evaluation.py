"""Decide one household (or person, or enterprise) against policies, with an explanation of every condition.

A decision is eligible, not eligible, or undecided: a condition that reads a missing fact (or a parameter not
known for the household's county) cannot hold or fail, and the decision says what is missing instead of
answering "not eligible". Values are three-valued exactly as SQL's are, so the batch path gives the same answers.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from . import expressions as ex
from .choices import Eligibility
from .declarations import ParameterValue, Policy
from .domains import Domain

CENT = Decimal("0.01")
MICRO = Decimal("0.000001")


def money(value) -> Decimal | None:
    """A float amount as yuan with two places, rounded half up (the same on every path).

    The float is first rounded to a millionth: a sum added up in another order (DuckDB, PostgreSQL, Spark
    and Python each choose their own) may differ in its last bit, and 3722.565 must not become 3722.56 on
    one engine and 3722.57 on another.
    """
    if value is None:
        return None
    return Decimal(repr(float(value))).quantize(MICRO).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class ConditionResult:
    """How one condition came out: the value read, the threshold it was held against, and the basis."""

    label: str
    test: str
    reference: str
    held: bool | None
    value: object = None
    threshold: object = None
    parameters: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"label": self.label, "test": self.test, "reference": self.reference, "held": self.held,
                "value": _plain(self.value), "threshold": _plain(self.threshold),
                "parameters": [p.as_dict() for p in self.parameters], "missing": self.missing}


@dataclass
class Decision:
    """One policy decided for one entity on one day."""

    policy: Policy
    on: dt.date
    status: str
    amount: Decimal | None
    conditions: list
    missing: list

    @property
    def eligible(self) -> bool | None:
        return {Eligibility.ELIGIBLE: True, Eligibility.INELIGIBLE: False}.get(self.status)

    def summary(self) -> str:
        if self.status == Eligibility.ELIGIBLE:
            return _("符合条件")
        if self.status == Eligibility.INELIGIBLE:
            failed = [c.label for c in self.conditions if c.held is False]
            return _("不符合：{conditions}").format(conditions="；".join(failed))
        return _("无法判断：缺少{missing}").format(missing="、".join(self.missing))

    def as_dict(self) -> dict:
        return {"policy": self.policy.code, "name": self.policy.name, "on": self.on.isoformat(),
                "status": str(self.status), "amount": None if self.amount is None else str(self.amount),
                "summary": self.summary(), "missing": self.missing,
                "conditions": [c.as_dict() for c in self.conditions]}


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class _Parameters:
    """Parameter values for one entity on one day, looked up once each and remembered for the explanation."""

    def __init__(self, domain: Domain, facts: dict, on: dt.date):
        self.domain, self.facts, self.on = domain, facts, on
        self.seen: dict[str, ParameterValue | None] = {}

    def __call__(self, name: str):
        if name not in self.seen:
            key_fact = self.domain.parameter_keys.get(name)
            key = self.facts.get(key_fact) if key_fact else None
            self.seen[name] = None if key_fact and key is None else self.domain.parameter_value(name, self.on, key)
        found = self.seen[name]
        return None if found is None else found.value


def decide(domain: Domain, policy: Policy, facts: dict, members: list[dict] = (), on: dt.date | None = None,
           *, explain: bool = True) -> Decision:
    """Decide ``policy`` for an entity with ``facts`` (and a household's ``members``) on ``on``."""
    on = on or dt.date.today()
    members = list(members or ())
    parameters = _Parameters(domain, facts, on)
    results, missing = [], []
    compiled = policy.compiled
    for (condition, node), used in zip(compiled.conditions, compiled.condition_parameters, strict=True):
        context = ex.Context(facts, members, on, parameters)
        held = ex.evaluate(node, context)
        result = ConditionResult(condition.label, condition.test, condition.reference or policy.reference, held)
        if explain:
            _explain(result, node, context, parameters, used)
        labels = _missing_labels(domain, policy, context, used, parameters)
        result.missing = labels
        missing += [label for label in labels if label not in missing]
        results.append(result)
    held = ex.kleene("and", [r.held for r in results])
    status = {True: Eligibility.ELIGIBLE, False: Eligibility.INELIGIBLE, None: Eligibility.UNDECIDED}[held]
    amount = None
    if held and policy.compiled.amount is not None:
        context = ex.Context(facts, members, on, parameters)
        amount = money(ex.evaluate(policy.compiled.amount, context))
        if amount is None:
            status = Eligibility.UNDECIDED
            missing += [m for m in _missing_labels(domain, policy, context, compiled.amount_parameters, parameters)
                        if m not in missing]
    if status != Eligibility.UNDECIDED:
        missing = [] if status == Eligibility.ELIGIBLE else missing
    return Decision(policy, on, status, amount, results, missing)


def _explain(result: ConditionResult, node, context, parameters: _Parameters, used: tuple):
    if isinstance(node, ex.Compare):
        result.value = ex.evaluate(node.left, context)
        result.threshold = ex.evaluate(node.right, context)
    else:
        result.value = result.held
    result.parameters = [parameters.seen[name] for name in used if parameters.seen.get(name) is not None]


def _missing_labels(domain: Domain, policy: Policy, context: ex.Context, used: tuple, parameters: _Parameters) -> list:
    labels = []
    for marker in context.missing:
        if isinstance(marker, tuple):
            index, name = marker
            fact = domain.facts["person"][name]
            labels.append(_("成员{number}的{fact}").format(number=index + 1, fact=fact.label))
        else:
            labels.append(domain.facts[policy.entity][marker].label)
    for name in used:
        if name in parameters.seen and parameters.seen[name] is None:
            parameter = domain.parameters[name]
            key_fact = domain.parameter_keys.get(name)
            key = context.facts.get(key_fact) if key_fact else None
            if key_fact and key is None:
                label = domain.facts[policy.entity][key_fact].label
                if label not in labels:
                    labels.append(label)
                continue
            labels.append(_("{parameter}（{key}，{day}）").format(parameter=parameter.label, key=key or "—",
                                                               day=context.on.isoformat()))
    return labels


def decide_all(domain: Domain, facts: dict, members: list[dict] = (), on: dt.date | None = None, *,
               entity: str = "household", policies=None, explain: bool = True) -> list[Decision]:
    """Every policy in force on ``on`` for this entity, decided (or the given ``policies``)."""
    on = on or dt.date.today()
    chosen = policies if policies is not None else domain.in_force(on, entity)
    return [decide(domain, policy, facts, members, on, explain=explain) for policy in chosen]
