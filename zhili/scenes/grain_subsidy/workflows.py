"""Case types of the 浙农补 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "grain_subsidy.objection", "浙农补预核定异议",
        deadline_basis="平台服务承诺期限，平湖市文件未能核实：农户对预核定面积或金额的异议",
    ),
]
