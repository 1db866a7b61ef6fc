"""The 政策咨询机器人 scene's rules: the dated parameters of ``policies.py`` on a given day (DESIGN.md rule 4).

The assistant's own thresholds (when it answers, when it asks back) are tuning values of the software, kept in
``services``; the values here are the law's, used by the calculators.
"""

import datetime as dt

from zhili.core.foundation.api import parameter_on

from .policies import DOMAIN


def rule(name: str, day: dt.date):
    """The value of rule ``name`` in force on ``day``, with its reference (``.value``, ``.reference``)."""
    return parameter_on(DOMAIN, name, day)
