"""Case types of the 劳务派遣监管 scene, handled by core.cases (deadlines in working days, 督办, closure, rating).

The handling deadlines are this system's service commitments where no official time limit could be checked
(labor.md §3.3 gives none for rectification); the rectification period is the dated rule in ``rules.py``.
"""

import datetime as dt

from zhili.core.cases.api import ClosedLoop, closed_loop_case_type

from .rules import latest

RECTIFY_CASE = "dispatch_watch_rectify"
GUIDANCE_CASE = "dispatch_watch_guidance"
OVERDUE_CASE = "dispatch_watch_overdue"
HOST_CASE = "dispatch_watch_host"

_RECTIFY_DAYS = latest("rectification_working_days")

CASE_TYPES = [
    closed_loop_case_type(
        RECTIFY_CASE, "劳务派遣年度核验不合格整改",
        deadlines={ClosedLoop.SUBMITTED: 1, ClosedLoop.ACCEPTED: 1, ClosedLoop.DISPATCHED: 2,
                   ClosedLoop.HANDLING: _RECTIFY_DAYS.value, ClosedLoop.REPORTED: 3},
        deadline_basis=f"整改期限：{_RECTIFY_DAYS.reference}", deadlines_from=_RECTIFY_DAYS.effective_from),
    closed_loop_case_type(
        GUIDANCE_CASE, "劳务派遣无业务经营指导",
        deadline_basis="本系统服务承诺（受理1、派单2、指导10个工作日），未核实官方时限"),
    closed_loop_case_type(
        OVERDUE_CASE, "劳务派遣年度报告逾期未报督办",
        deadline_basis=f"{latest('overdue_escalate_days').reference}；处置时限为本系统服务承诺"),
    closed_loop_case_type(
        HOST_CASE, "用工单位劳务派遣违规预警处置",
        deadlines={ClosedLoop.SUBMITTED: 1, ClosedLoop.ACCEPTED: 1, ClosedLoop.DISPATCHED: 2,
                   ClosedLoop.HANDLING: 20, ClosedLoop.REPORTED: 3},
        deadline_basis="本系统服务承诺：核查处置20个工作日（不超过《劳动保障监察条例》第十七条规定的60个工作日）",
        deadlines_from=dt.date(2025, 1, 1)),
]
