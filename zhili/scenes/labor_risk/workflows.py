"""The case type a red or orange warning opens: verify, rectify, report back, close (闭环处置)."""

import datetime as dt

from zhili.core.cases.api import ClosedLoop, closed_loop_case_type

CASE_TYPE = "labor_risk_warning"

WARNING_CASE = closed_loop_case_type(
    CASE_TYPE, "劳动关系风险预警处置",
    deadlines={ClosedLoop.SUBMITTED: 1, ClosedLoop.ACCEPTED: 1, ClosedLoop.DISPATCHED: 2,
               ClosedLoop.HANDLING: 20, ClosedLoop.REPORTED: 3},
    deadline_basis=("本场景服务承诺：受理、派单各1个工作日，核查处置20个工作日（不超过《劳动保障监察条例》"
                    "第十七条规定的60个工作日），反馈后3个工作日内办结"),
    deadlines_from=dt.date(2025, 1, 1),  # the scene's service commitment on this platform
)

CASE_TYPES = [WARNING_CASE]
