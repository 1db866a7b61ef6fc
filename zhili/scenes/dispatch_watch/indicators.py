"""Host-employer checks (用工单位劳务派遣合规核查) as an indicator system on core.indicators.

Each indicator counts one breach in the month's host facts (``dw_host_facts``): the 10 % cap, posts that
are not temporary, auxiliary or substitute, temporary posts over six months, contracts under two years,
workers without insurance or insured outside the place of work, pay under the equal-pay mark, "false
outsourcing", and overtime over 36 hours a month at a host with no special working-hours approval in force.
Points and level bounds are this system's first calibration (labor.md §5.5: weights must be calibrated
locally), dated from 2025-01-01.
"""

import datetime as dt

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Dimension,
    Indicator,
    IndicatorSystem,
    Ratio,
    Sum,
    Threshold,
)

from .permissions import may_view_entity
from .rules import latest

SYSTEM_CODE = "dispatch_watch_hosts"
EFFECTIVE = dt.date(2025, 1, 1)
MONTH = 28
LOCAL = "分值为本系统首版校准，待本地校准"
FACTS = "dw_host_facts"


def _sum(field):
    return Sum(FACTS, field, "month_end", MONTH)


def _i(code, name, expression, fires_when, points, reference):
    return Indicator(code=code, name=name, expression=expression, fires_when=fires_when, weight=points,
                     reference=f"{reference}；{LOCAL}", effective_from=EFFECTIVE)


def _any(code, name, field, points, reference):
    return _i(code, name, _sum(field), Condition(">", 0), points, reference)


CAP = latest("dispatch_cap")

INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code=SYSTEM_CODE, name="用工单位劳务派遣合规核查", entity_field="host_uscc", entity_label="用工单位",
        reference="《劳动合同法》第五章第二节；《劳务派遣暂行规定》（人社部令第22号）", effective_from=EFFECTIVE,
        can_view_entity=may_view_entity,
        dimensions=(
            Dimension("scale", "用工比例与岗位", 1.0, (
                ControlPoint("cap", "派遣用工比例", (
                    _i("dispatch_ratio", "被派遣劳动者占用工总量比例", Ratio(_sum("dispatched"), _sum("workforce")),
                       Condition(">", float(CAP.value)), 30, CAP.reference),)),
                ControlPoint("posts", "岗位性质", (
                    _any("main_posts", "主营业务岗位使用派遣人数", "main_posts", 25, "《劳动合同法》第六十六条；《劳务派遣暂行规定》第三条"),
                    _any("temp_over_limit", "临时性岗位超过6个月人数", "temp_over_limit", 15, latest("temporary_post_months").reference),
                )),
            )),
            Dimension("rights", "被派遣劳动者权益", 1.0, (
                ControlPoint("contracts", "劳动合同期限", (
                    _any("short_contracts", "劳动合同不满2年人数", "short_contracts", 15, latest("contract_min_years").reference),)),
                ControlPoint("insurance", "社会保险", (
                    _any("uninsured", "未参保或欠缴人数", "uninsured", 20, "《社会保险法》第五十八条；《劳务派遣暂行规定》第十八条"),
                    _any("wrong_place", "跨地区派遣未在用工地参保人数", "wrong_place", 10, "《劳务派遣暂行规定》第十八条、第十九条"),
                )),
                ControlPoint("equal_pay", "同工同酬", (
                    _any("pay_gap", "工资低于同岗直接用工标准人数", "pay_gap", 15, latest("equal_pay_ratio").reference),)),
            )),
            Dimension("hours", "工作时间", 1.0, (
                ControlPoint("overtime", "超时加班", (
                    _any("overtime_unapproved", "月加班超36小时且无特殊工时批准人数", "overtime_unapproved", 20,
                         "《劳动法》第四十一条（每月延长工作时间不得超过36小时）；实行综合计算工时或不定时工作制须经批准"
                         "（劳部发〔1994〕503号）"),)),
            )),
            Dimension("sham", "假外包真派遣", 1.0, (
                ControlPoint("false_outsourcing", "假外包", (
                    _any("outsourced_on_payroll", "外包人员由本单位考勤或发薪人数", "outsourced_on_payroll", 30,
                         "《劳务派遣暂行规定》第二十七条（以承揽、外包等名义按劳务派遣用工的，按本规定处理）"),)),
            )),
        ),
        thresholds=(Threshold("red", 50), Threshold("orange", 30), Threshold("yellow", 10)),
    ),
]
