"""The 碳效码 as a level on core.indicators: the year's grade 3/4/5 shows yellow/orange/red, grades 1–2 green.

The grade itself (K against the industry) is computed by the scene (``engine.py``) and handed back to the data pool
as ``carbon_code_grades``; this system turns it into the level core.indicators keeps and signs in the code. The
colour mapping is the scene's design (the county method names five grades, not colours), and says so.
"""

import datetime as dt

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Count,
    Dimension,
    Indicator,
    IndicatorSystem,
    Threshold,
    Where,
)

from .effects import INDICATOR_SYSTEMS as EFFECT_SYSTEMS

SYSTEM = "carbon_code_grade"
REFERENCE = ("碳效等级 1–5 级见《规上工业企业碳效等级评价方法》；颜色对应（1–2 级绿、3 级黄、4 级橙、5 级红）为本场景设计，"
             "非公开发布值（未核实）")
SINCE = dt.date(2021, 1, 1)


def _grade(grade: int) -> Count:
    return Count("carbon_code_grades", "period_end", 1, (Where("scope", "==", "year"), Where("grade", "==", grade)))


INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code=SYSTEM,
        name="工业碳效码",
        entity_field="uscc",
        entity_label="企业",
        reference=REFERENCE,
        effective_from=SINCE,
        dimensions=(
            Dimension("grade", "碳效等级", 1.0, (
                ControlPoint("year", "年度碳效等级", (
                    Indicator("grade_5", "年度碳效 5 级", _grade(5), Condition(">=", 1), 100, REFERENCE, SINCE),
                    Indicator("grade_4", "年度碳效 4 级", _grade(4), Condition(">=", 1), 70, REFERENCE, SINCE),
                    Indicator("grade_3", "年度碳效 3 级", _grade(3), Condition(">=", 1), 40, REFERENCE, SINCE),
                )),
            )),
        ),
        thresholds=(Threshold("red", 90), Threshold("orange", 60), Threshold("yellow", 30)),
    ),
] + EFFECT_SYSTEMS
