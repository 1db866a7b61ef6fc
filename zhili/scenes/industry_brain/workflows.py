"""Case types of the 童装产业大脑 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "industry_brain.late_risk", "云工厂延期风险协调",
        deadline_basis="平台服务承诺（经信局运营），非法定时限，未经官方文件核实",
    ),
]
