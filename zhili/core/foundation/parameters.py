"""Dated parameters: the platform's one mechanism for a value that the law, a standard or a policy sets.

A ``Parameter`` is a list of ``Value`` entries, each in force from its effective date and resting on a reference
(文号, article, standard clause; ``checked`` once read in the official text). A changed rule gets a new entry with
a new date, never an edited literal, so a case decided on 2025-03-01 uses the value in force that day.

Parameters are declared in sets: a policy domain (``policies.py`` / ``policy_packs/*.yaml`` of any app, read by
core.policy), or a core package's own set (a case type's deadlines). Every set is registered in
``parameter_sets``; ``parameter_on(set, name, day)`` reads one value, and core.policy's rules page lists them all.
This module sits in foundation so that every layer (identity's login limits, cases' deadlines) can read them.
"""

import datetime as dt
import sys
from dataclasses import dataclass, field

from .registry import Registry


@dataclass(frozen=True)
class Source:
    """Where a declaration was written: a file and a line (or ``admin``/``xlsx`` and a row)."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def caller_source(depth: int = 2) -> Source:
    frame = sys._getframe(depth)
    return Source(frame.f_code.co_filename, frame.f_lineno)


@dataclass(frozen=True)
class Value:
    """One value of a parameter, in force from ``effective_from``; ``checked`` once read in the official text."""

    value: object
    effective_from: dt.date
    reference: str
    checked: bool = False
    source: Source | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.source is None:
            object.__setattr__(self, "source", caller_source(3))


@dataclass(frozen=True)
class ParameterValue:
    """The value of a parameter on one day, with what it rests on."""

    code: str
    label: str
    value: object
    effective_from: dt.date | None
    reference: str
    checked: bool
    unit: str = ""

    def as_dict(self) -> dict:
        from decimal import Decimal

        value = self.value
        if isinstance(value, Decimal):
            value = str(value)
        return {"code": self.code, "label": self.label, "value": value, "unit": self.unit,
                "effective_from": self.effective_from.isoformat() if self.effective_from else None,
                "reference": self.reference, "checked": self.checked}


@dataclass(frozen=True)
class Parameter:
    """A dated parameter (低保标准, 试用期上限, 验证码有效期) with its reference.

    ``values`` is a list of ``Value``; or, with ``key`` naming a fact of the entity (``county_code``,
    ``assistance_category``), a dict from each key value to such a list. ``formula`` derives the parameter from
    others (``dibao_standard * dibian_multiple``) instead of listing values (policy domains only). ``type`` is one
    of the policy language's types (number, bool, string, date, list) or ``table``: a structured value (a mapping,
    a table of rows, a pair of thresholds) that code reads but conditions cannot.
    """

    name: str
    label: str
    values: object = ()
    unit: str = ""
    key: str = ""
    formula: str = ""
    type: str = "number"
    description: str = ""
    source: Source | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.source is None:
            object.__setattr__(self, "source", caller_source(3))

    def series(self, key=None) -> list[Value]:
        """The values for ``key`` (or the only list), oldest first."""
        if self.key:
            found = self.values.get(None if key is None else str(key), ()) if isinstance(self.values, dict) else ()
        else:
            found = self.values
        return sorted(found, key=lambda v: v.effective_from)

    def keys(self) -> list[str]:
        return sorted(self.values) if self.key and isinstance(self.values, dict) else []

    def entry_on(self, day: dt.date, key=None) -> Value | None:
        """The value in force on ``day`` (None before the first, or for an unknown key)."""
        found = None
        for value in self.series(key):
            if value.effective_from <= day:
                found = value
        return found


@dataclass
class ParameterSet:
    """The parameters one owner declares: a policy domain, or a core package's own (``cases.<case type>``)."""

    code: str
    label: str
    parameters: dict = field(default_factory=dict)  # name -> Parameter


parameter_sets = Registry("dated parameters")


def register_parameter_set(code: str, label: str, parameters) -> ParameterSet:
    """Register the set ``code``; every value needs an effective date and a reference (ValueError otherwise)."""
    found = {}
    for parameter in parameters:
        if parameter.name in found:
            raise ValueError(f"参数 {code}.{parameter.name} 重复声明")
        series = parameter.values.values() if parameter.key and isinstance(parameter.values, dict) else \
            [parameter.values]
        for values in series:
            for value in values:
                if not isinstance(value.effective_from, dt.date):
                    raise ValueError(f"参数 {code}.{parameter.name} 的取值缺少生效日期")
                if not value.reference:
                    raise ValueError(f"参数 {code}.{parameter.name} 自 {value.effective_from} 的取值缺少依据")
        found[parameter.name] = parameter
    return parameter_sets.register(code, ParameterSet(code, label, found))


def parameter_on(set_code: str, name: str, day: dt.date, key=None) -> ParameterValue:
    """The value of parameter ``name`` of set ``set_code`` in force on ``day``, as declared (no conversion).

    A day before the first value gets the first value (a rule is read as it was first set); an unknown set,
    parameter or key, or a derived parameter (a formula: ask the policy engine), raises ``LookupError``.
    """
    found = parameter_sets.get(set_code)
    if found is None:
        raise LookupError(f"未声明的参数集：{set_code}")
    parameter = found.parameters.get(name)
    if parameter is None:
        raise LookupError(f"参数集 {set_code} 没有参数 {name}")
    if parameter.formula:
        raise LookupError(f"参数 {set_code}.{name} 由公式得出，请通过政策引擎取值")
    series = parameter.series(key if parameter.key else None)
    if not series:
        raise LookupError(f"参数 {set_code}.{name} 没有键 {key!r} 的取值")
    entry = series[0]
    for value in series:  # oldest first: the last one in force on ``day`` (entry_on would sort the series again)
        if value.effective_from <= day:
            entry = value
    return ParameterValue(name, parameter.label, entry.value, entry.effective_from, entry.reference, entry.checked,
                          parameter.unit)
