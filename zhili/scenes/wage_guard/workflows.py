"""Case types of the 安薪在线 scene, handled by core.cases (deadlines in working days, 督办, closure, rating).

A worker's dispute of their wage line and a complaint by the 安薪码 are registered in one window (一窗受理) and
handled mediation first; the deadlines are the platform's service promise within the 劳动保障监察条例 Art. 17 limit
of 60 working days for an inspection case.
"""

import datetime as dt

from zhili.core.cases.api import ClosedLoop, closed_loop_case_type

from .roles import HRSS

BASIS = ("本场景服务承诺：受理 1 个工作日、派单 1 个工作日、调解处置 15 个工作日、反馈后 3 个工作日内办结，"
         "不超过《劳动保障监察条例》第十七条规定的 60 个工作日")
DEADLINES = {ClosedLoop.SUBMITTED: 1, ClosedLoop.ACCEPTED: 1, ClosedLoop.DISPATCHED: 2, ClosedLoop.HANDLING: 15,
             ClosedLoop.REPORTED: 3}
SINCE = dt.date(2025, 1, 1)  # the scene's service commitment on this platform

CASE_TYPES = [
    closed_loop_case_type("wage_guard.wage_dispute", "工资确认异议", deadlines=DEADLINES, deadline_basis=BASIS, deadlines_from=SINCE,
                          roles=[HRSS]),
    closed_loop_case_type("wage_guard.complaint", "安薪码欠薪投诉", deadlines=DEADLINES, deadline_basis=BASIS, deadlines_from=SINCE,
                          roles=[HRSS]),
    closed_loop_case_type("wage_guard.warning", "欠薪预警核查", deadlines=DEADLINES, deadline_basis=BASIS, deadlines_from=SINCE,
                          roles=[HRSS]),
]
