"""The 浙里好家政 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4)."""

import datetime as dt

from zhili.core.foundation.api import ParameterValue, parameter_on

from .policies import DOMAIN


def rule(name: str, day: dt.date) -> ParameterValue:
    """The parameter ``name`` in force on ``day``, with its reference."""
    return parameter_on(DOMAIN, name, day)
