"""The 安心码 (家政安心码) as an indicator system on core.indicators: one entity per worker, one day's checks.

Red when the police background check is abnormal; yellow when the check is not finished, the health certificate
or the liability insurance is missing or expired, or upheld complaints reach the line; green otherwise
(Ningbo's 2020 rules, Jiaxing's variant, the national credit platform's worker record). The levels map to
colours by ``CodeColour.from_level``.
"""

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Dimension,
    Flag,
    Indicator,
    IndicatorSystem,
    Sum,
    Threshold,
    VetoRule,
    Where,
)

from .datasets import WORKER_CHECKS
from .policies import CREDIT_PLATFORM, JIAXING_CODE, NINGBO_CODE, SINCE

SYSTEM = "housekeeping_safety"
COMPLAINT_LINE = "未核实：项目设计假设（期间内成立投诉 2 件及以上转黄码）；" + CREDIT_PLATFORM


def _flag(field: str, value: bool) -> Flag:
    return Flag(WORKER_CHECKS, "checked_on", 1, (Where(field, "==", value),))


def _can_view(user, entity_key: str) -> bool:
    from .queries import may_see_worker_key

    return may_see_worker_key(user, entity_key)


INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code=SYSTEM,
        name="家政安心码",
        entity_field="worker_key",
        entity_label="家政服务员",
        reference=NINGBO_CODE,
        effective_from=SINCE,
        scene="housekeeping",
        can_view_entity=_can_view,
        dimensions=(
            Dimension("identity", "身份核查", 1.0, (
                ControlPoint("background", "公安背景核查", (
                    Indicator("background_abnormal", "公安背景核查异常", _flag("background_abnormal", True),
                              Condition(">", 0), 100, f"{NINGBO_CODE}；{JIAXING_CODE}", SINCE),
                    Indicator("background_pending", "公安背景核查未完成", _flag("background_pending", True),
                              Condition(">", 0), 40, NINGBO_CODE, SINCE),
                )),
            )),
            Dimension("fitness", "健康与保险", 1.0, (
                ControlPoint("health", "健康体检", (
                    Indicator("health_invalid", "健康证缺失或过期", _flag("health_valid", False),
                              Condition(">", 0), 40, NINGBO_CODE, SINCE),
                )),
                ControlPoint("insurance", "从业责任保险", (
                    Indicator("insurance_invalid", "从业责任保险缺失或过期", _flag("insurance_valid", False),
                              Condition(">", 0), 40, NINGBO_CODE, SINCE),
                )),
            )),
            Dimension("credit", "服务信用", 1.0, (
                ControlPoint("complaints", "客户投诉", (
                    Indicator("complaints", "期间内成立的投诉", Sum(WORKER_CHECKS, "complaints", "checked_on", 1),
                              Condition(">=", 2), 40, COMPLAINT_LINE, SINCE),
                )),
            )),
        ),
        thresholds=(Threshold("yellow", 40),),  # red only by the veto: yellow reasons never add up to red
        veto_rules=(
            VetoRule("background", "公安背景核查异常一票红码", "background_abnormal", Condition(">", 0), "red",
                     f"{NINGBO_CODE}；{JIAXING_CODE}"),
        ),
    ),
]
