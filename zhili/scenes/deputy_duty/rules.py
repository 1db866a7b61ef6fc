"""The 人大代表履职 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4)."""

import datetime as dt

from zhili.core.foundation.api import ParameterValue, parameter_on

from .policies import DOMAIN, PARAMETERS


def parameter(name: str, day: dt.date) -> ParameterValue:
    """The parameter ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)


def declared_values(name: str) -> list:
    """The dated values of ``name`` as declared (for declarations built at start-up, such as case deadlines)."""
    for declared in PARAMETERS:
        if declared.name == name:
            return sorted(declared.values, key=lambda v: v.effective_from)
    raise KeyError(name)
