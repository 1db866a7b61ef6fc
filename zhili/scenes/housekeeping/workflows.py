"""Case types of the 浙里好家政 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "housekeeping.complaint", "家政服务投诉",
        deadline_basis="未核实：按平台服务承诺的办理时限（项目设计假设），待商务局确认家政服务投诉处理时限",
    ),
]
