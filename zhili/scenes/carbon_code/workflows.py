"""Case types of the 碳效码 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "carbon_code.rectification", "碳效整改",
        deadline_basis="本场景设计的办理期限（平台服务承诺），非公开发布值（未核实）",
    ),
]
