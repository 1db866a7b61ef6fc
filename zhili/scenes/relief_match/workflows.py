"""Case types: a discovery warning checked by the town's assistance station, and a matched help delivered by
its department or social organisation (closed loop: accept, dispatch, handle, report back, close, rate)."""

import datetime as dt

from zhili.core.cases.api import ClosedLoop, closed_loop_case_type

WARNING_CASE_TYPE = "relief_match_warning"
HELP_CASE_TYPE = "relief_match_help"

WARNING_CASE = closed_loop_case_type(
    WARNING_CASE_TYPE, "助共体主动发现核查",
    deadlines={ClosedLoop.SUBMITTED: 1, ClosedLoop.ACCEPTED: 1, ClosedLoop.DISPATCHED: 2,
               ClosedLoop.HANDLING: 10, ClosedLoop.REPORTED: 2},
    deadline_basis="本场景服务承诺：预警推送后 1 个工作日受理，10 个工作日内完成入户核查（三门县时限未经核实）",
    deadlines_from=dt.date(2025, 1, 1),  # the scene's service commitment on this platform
)
HELP_CASE = closed_loop_case_type(
    HELP_CASE_TYPE, "助共体联合帮扶",
    deadlines={ClosedLoop.SUBMITTED: 2, ClosedLoop.ACCEPTED: 2, ClosedLoop.DISPATCHED: 3,
               ClosedLoop.HANDLING: 20, ClosedLoop.REPORTED: 3},
    deadline_basis="各政策的办理时限见政策库（deadline_days）；此处为本场景服务承诺的上限",
    deadlines_from=dt.date(2025, 1, 1),  # the scene's service commitment on this platform
)

CASE_TYPES = [WARNING_CASE, HELP_CASE]
