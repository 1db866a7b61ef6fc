"""The 童装产业大脑 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4)."""

import datetime as dt
from decimal import Decimal

from zhili.core.foundation.api import ParameterValue, parameter_on

from .dispatch import Costs
from .policies import DOMAIN


def rule(name: str, day: dt.date) -> ParameterValue:
    """The parameter ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)


def value(name: str, day: dt.date):
    return rule(name, day).value


def dispatch_costs(day: dt.date) -> Costs:
    """The dispatcher's stated cost rates on ``day`` (yuan)."""
    return Costs(**{name: float(Decimal(str(value(name, day)))) for name in
                    ("late_per_piece_week", "transport_per_piece_km", "idle_per_piece", "unplaced_per_piece")})
