"""The 政策咨询机器人 scene's rules: dated values with their reference (DESIGN.md rule 4).

The assistant's own thresholds (when it answers, when it asks back) are tuning values of the software, kept in
``services``; the values here are the law's, used by the calculators.
"""

import datetime as dt
from decimal import Decimal

from zhili.core.dashboards.api import Dated, value_on

RULES = {
    # 劳动合同法第四十七条: one month's wage a full year; ≥ 6 months counts as a year, < 6 months half a month
    "severance_cap_multiple": [Dated(Decimal("3"), dt.date(2008, 1, 1), "劳动合同法第四十七条第二款（三倍封顶）")],
    "severance_cap_years": [Dated(12, dt.date(2008, 1, 1), "劳动合同法第四十七条第二款（最高不超过十二年）")],
    "double_wage_max_months": [Dated(11, dt.date(2008, 9, 18), "劳动合同法第八十二条；劳动合同法实施条例第六条、第七条")],
    "overtime_weekday": [Dated(Decimal("1.5"), dt.date(1995, 1, 1), "劳动法第四十四条第（一）项")],
    "overtime_rest_day": [Dated(Decimal("2"), dt.date(1995, 1, 1), "劳动法第四十四条第（二）项")],
    "overtime_holiday": [Dated(Decimal("3"), dt.date(1995, 1, 1), "劳动法第四十四条第（三）项")],
    "paid_days_per_month": [Dated(Decimal("21.75"), dt.date(2008, 1, 3),
                                  "劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资折算问题的通知》")],
}


def rule(code: str, day: dt.date) -> Dated:
    """The value of rule ``code`` in force on ``day``, with its reference."""
    return value_on(RULES, code, day)
