"""Case types of the 关键小事 scene, handled by core.cases (deadlines in working days, 督办, closure, rating)."""

from zhili.core.cases.api import closed_loop_case_type

CASE_TYPES = [
    closed_loop_case_type(
        "small_matters.fact_correction", "预填信息更正",
        deadline_basis="平台服务承诺（受理 1 日、处置 5 个工作日），尚未对应到法定时限：个人信息更正参照《个人信息保护法》"
                       "第四十六条“及时更正”",
    ),
    closed_loop_case_type(
        "small_matters.finding", "体验员发现问题整改",
        deadline_basis="平台服务承诺（受理 1 日、处置 5 个工作日，按法定节假日和调休计算工作日）；体验员制度的"
                       "答复时限未找到统一规定，未经核实",
    ),
    closed_loop_case_type(
        "small_matters.bad_rating", "差评整改",
        deadline_basis="国办发〔2019〕51号：差评须核实整改并反馈；各环节时限为平台服务承诺，法定时限未经核实",
    ),
]
