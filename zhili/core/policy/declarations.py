"""What a scene declares in its ``policies.py`` or its YAML packs: facts, dated parameters and policies.

Every declaration remembers where it was written (``source``: file and line), so that a bad pack is refused at
start-up with the place to mend. Conditions and amounts are texts in the condition language
(``expressions.py``); they are parsed once every pack of a domain is read (``domains.build_domain``).
"""

import datetime as dt
import sys
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured

from .expressions import TYPES

ENTITIES = ("household", "person", "enterprise")
OWNER_KINDS = ("department", "social_organization")
BENEFIT_KINDS = ("cash", "in_kind", "service", "reduction", "subsidy", "insurance")
BENEFIT_PERIODS = ("month", "year", "once")


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


class PolicyPackError(ImproperlyConfigured):
    """A pack that cannot be accepted; the message starts with ``file:line``."""

    def __init__(self, source: Source | None, message: str):
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


@dataclass(frozen=True)
class Fact:
    """A fact about a person, a household or an enterprise that conditions may read (``type`` as in expressions)."""

    name: str
    label: str
    type: str = "number"
    entity: str = "household"
    unit: str = ""
    source: Source | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.source is None:
            object.__setattr__(self, "source", caller_source(3))


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
        value = self.value
        if isinstance(value, Decimal):
            value = str(value)
        return {"code": self.code, "label": self.label, "value": value, "unit": self.unit,
                "effective_from": self.effective_from.isoformat() if self.effective_from else None,
                "reference": self.reference, "checked": self.checked}


@dataclass(frozen=True)
class Parameter:
    """A dated parameter (低保标准, 低边倍数, 医疗负担阈值) with its reference.

    ``values`` is a list of ``Value``; or, with ``key`` naming a fact of the entity (``county_code``,
    ``assistance_category``), a dict from each key value to such a list. ``formula`` derives the parameter from
    others (``dibao_standard * dibian_multiple``) instead of listing values.
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


@dataclass(frozen=True)
class Condition:
    """One eligibility condition: a label a person understands, the rule text, and its basis."""

    label: str
    test: str
    reference: str = ""
    source: Source | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.source is None:
            object.__setattr__(self, "source", caller_source(3))


@dataclass(frozen=True)
class Benefit:
    """What a policy gives: its kind, an amount (a number or a formula in yuan), how often, and in words."""

    kind: str = "cash"
    amount: str = ""
    period: str = "once"
    description: str = ""


@dataclass(frozen=True)
class Policy:
    """A policy (帮扶政策/惠企政策) as data.

    ``owner`` is the department or social organisation that delivers it (``owner_kind``); ``in_statute`` tells a
    statutory policy from an out-of-statute help (政策外帮扶). ``conditions`` must all hold; ``deadline_days`` is
    the handling time in working days.
    """

    code: str
    name: str
    owner: str
    effective_from: dt.date | None
    conditions: tuple[Condition, ...]
    reference: str
    entity: str = "household"
    owner_kind: str = "department"
    in_statute: bool = True
    category: str = ""
    benefit: Benefit = field(default_factory=Benefit)
    materials: tuple[str, ...] = ()
    office: str = ""
    deadline_days: int | None = None
    effective_to: dt.date | None = None
    description: str = ""
    domain: str = ""
    source: Source | None = field(default=None, compare=False)
    compiled: object = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.source is None:
            object.__setattr__(self, "source", caller_source(3))

    def in_force(self, day: dt.date) -> bool:
        return (self.effective_from is not None and self.effective_from <= day
                and (self.effective_to is None or day <= self.effective_to))


@dataclass
class Pack:
    """Everything one file declares for one domain."""

    domain: str
    facts: list = field(default_factory=list)
    parameters: list = field(default_factory=list)
    policies: list = field(default_factory=list)
    path: str = ""


def check_type(kind: str, source, what: str) -> None:
    if kind not in TYPES:
        raise PolicyPackError(source, f"{what} 的类型 {kind!r} 未知（可用：{', '.join(TYPES)}）")
