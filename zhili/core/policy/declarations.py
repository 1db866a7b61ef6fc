"""What a scene declares in its ``policies.py`` or its YAML packs: facts, dated parameters and policies.

Every declaration remembers where it was written (``source``: file and line), so that a bad pack is refused at
start-up with the place to mend. Conditions and amounts are texts in the condition language
(``expressions.py``); they are parsed once every pack of a domain is read (``domains.build_domain``).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from zhili.core.foundation.parameters import Parameter, ParameterValue, Source, Value, caller_source

from .expressions import TYPES

__all__ = ["ENTITIES", "Benefit", "Condition", "Fact", "Pack", "Parameter", "ParameterValue", "Policy",
           "PolicyPackError", "Source", "Value", "caller_source", "check_type"]

TABLE = "table"  # a parameter type for structured values that code reads and conditions cannot

ENTITIES = ("household", "person", "enterprise")
OWNER_KINDS = ("department", "social_organization")
BENEFIT_KINDS = ("cash", "in_kind", "service", "reduction", "subsidy", "insurance")
BENEFIT_PERIODS = ("month", "year", "once")


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


def check_type(kind: str, source, what: str, *, table: bool = False) -> None:
    allowed = (*TYPES, TABLE) if table else TYPES
    if kind not in allowed:
        raise PolicyPackError(source, f"{what} 的类型 {kind!r} 未知（可用：{', '.join(allowed)}）")
