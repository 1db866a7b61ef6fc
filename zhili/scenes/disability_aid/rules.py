"""The 智慧助残 scene's rules in force on a day: the dated parameters of ``policies.py`` (DESIGN.md rule 4)."""

import datetime as dt

from zhili.core.foundation.api import ParameterValue, parameter_on

from .policies import DOMAIN


def watch_list(day: dt.date) -> ParameterValue:
    """The ICD-10 prefixes whose diagnoses raise a suspected case, with their labels."""
    return parameter_on(DOMAIN, "watch_list", day)


def work_injury_max_grade(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "work_injury_max_grade", day)


def traffic_injury_max_grade(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "traffic_injury_max_grade", day)


def booking_lead_days(day: dt.date) -> ParameterValue:
    return parameter_on(DOMAIN, "booking_lead_days", day)


def subsidy_parameters(day: dt.date) -> dict:
    """The two subsidies' monthly amounts in force on ``day``, with their references (stored with a run)."""
    return {name: parameter_on(DOMAIN, name, day).as_dict() for name in ("living_amount", "nursing_amount")}
