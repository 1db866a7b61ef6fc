"""The 关键小事 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4)."""

import datetime as dt
from decimal import Decimal

from zhili.core.foundation.api import ParameterValue, parameter_on
from zhili.core.policy.api import current_domain

from .policies import DOMAIN


def domain():
    return current_domain(DOMAIN)


def parameter(name: str, day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, name, day)


def benefit_months(contribution_years: float, unused_months: float, day: dt.date) -> int:
    """The most months of benefit (12, 18 or 24 by contribution years, plus unused months of an earlier spell,
    capped), as 失业保险条例 art 17 sets them on ``day``; 0 below the shortest contribution."""
    def value(name):
        return parameter(name, day).value

    if contribution_years < value("min_contribution_years"):
        return 0
    if contribution_years >= value("long_from_years"):
        months = value("months_long")
    elif contribution_years >= value("mid_from_years"):
        months = value("months_mid")
    else:
        months = value("months_short")
    return int(min(months + max(int(unused_months or 0), 0), value("months_cap")))


def benefit_monthly(day: dt.date) -> Decimal:
    """The month's benefit in yuan (minimum wage × the ratio in force), to the fen."""
    found = domain().parameter_value("benefit_monthly", day).value
    return Decimal(repr(float(found))).quantize(Decimal("0.01"))


def claim_window_days(day: dt.date) -> int:
    return int(parameter("claim_window_days", day).value)
