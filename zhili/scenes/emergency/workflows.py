"""Case types of the 浙里急救 scene, handled by core.cases: a run whose response time passed the target is
reviewed by the centre (deadlines in working days, 督办, closure)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "emergency.late_response", "急救反应超时复核",
        deadline_basis="急救中心质控要求（平台设计假设，未核实具体文件）：超过反应时间目标的任务 5 个工作日内复核",
    ),
]
