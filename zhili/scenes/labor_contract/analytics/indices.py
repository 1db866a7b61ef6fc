"""The indices' thresholds: dated, with their references (graded on every refresh by ``grading``)."""

import datetime as dt

from zhili.core.dashboards.api import Dated, Thresholds, value_on

from ..rules import LCL

INDEX_LABELS = {"unsigned_ratio": "未签订书面劳动合同比例", "minimum_wage_share": "最低工资附近合同占比"}
_PLATFORM = "建德市网签电子劳动合同场景“就业用工分析”预警口径（平台参数，2021年3月上线）"
INDEX_RULES = {
    "unsigned_ratio": [Dated(Thresholds(yellow=5.0, red=10.0), dt.date(2021, 3, 1),
                             _PLATFORM + "；" + LCL + "第十条、第八十二条（用工之日起一个月内订立书面劳动合同）")],
    "minimum_wage_share": [Dated(Thresholds(yellow=20.0, red=35.0), dt.date(2021, 3, 1),
                                 _PLATFORM + "；《最低工资规定》（劳动和社会保障部令第21号）第十二条")],
}


def index_rule(code: str, day: dt.date) -> Dated:
    return value_on(INDEX_RULES, code, day)
