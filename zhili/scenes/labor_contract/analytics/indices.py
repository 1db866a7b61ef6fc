"""The indices' thresholds: dated parameters in ``policies.py`` with their references (graded by ``grading``)."""

import datetime as dt

from ..rules import value_on

INDEX_LABELS = {"unsigned_ratio": "未签订书面劳动合同比例", "minimum_wage_share": "最低工资附近合同占比"}


def index_rule(code: str, day: dt.date):
    """The yellow and red thresholds of index ``code`` in force on ``day`` (parameter ``index_<code>``)."""
    return value_on(f"index_{code}", day)
