"""An indicator system of the dummy scene, over its two datasets, to exercise evaluation in tests."""

import datetime as dt

from zhili.core.indicators.declarations import (
    Change,
    Condition,
    ControlPoint,
    Count,
    Dimension,
    Flag,
    Indicator,
    IndicatorSystem,
    Ratio,
    Sum,
    Threshold,
    VetoRule,
    Where,
)

REFERENCE = "《保障农民工工资支付条例》（国务院令第724号）"
SINCE = dt.date(2020, 5, 1)
LATE = (Where("status", "in", ("late", "unpaid")),)

INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code="dummy_wage_risk",
        name="测试欠薪风险指标体系",
        entity_field="uscc",
        entity_label="用人单位",
        reference=REFERENCE,
        effective_from=SINCE,
        dimensions=(
            Dimension("payment", "工资支付", 0.7, (
                ControlPoint("timeliness", "按时足额支付", (
                    Indicator("late_payments", "近30天迟发欠发笔数",
                              Count("dummy_wage_payments", "paid_on", 30, LATE),
                              Condition(">=", 2), 60, REFERENCE, SINCE),
                    Indicator("late_share", "近30天迟发欠发占比",
                              Ratio(Count("dummy_wage_payments", "paid_on", 30, LATE),
                                    Count("dummy_wage_payments", "paid_on", 30)),
                              Condition(">", 0.5), 40, REFERENCE, SINCE),
                )),
                ControlPoint("volume", "发放规模", (
                    Indicator("payroll_drop", "发放金额环比变化",
                              Change(Sum("dummy_wage_payments", "amount", "paid_on", 30), relative=True),
                              Condition("<=", -0.5), 0, REFERENCE, SINCE),
                    Indicator("unpaid_any", "近30天存在未发工资",
                              Flag("dummy_wage_payments", "paid_on", 30, (Where("status", "==", "unpaid"),)),
                              Condition(">=", 1), 0, REFERENCE, SINCE),
                )),
            )),
            Dimension("complaints", "投诉举报", 0.3, (
                ControlPoint("wage_complaints", "欠薪投诉", (
                    Indicator("wage_complaints", "近90天欠薪投诉件数",
                              Count("dummy_complaints", "received_on", 90, (Where("kind", "==", "wage"),)),
                              Condition(">=", 1), 100, REFERENCE, SINCE),
                )),
            )),
        ),
        veto_rules=(VetoRule("unpaid_veto", "存在未发工资", "unpaid_any", Condition(">=", 1), "red", REFERENCE),),
        thresholds=(Threshold("red", 90), Threshold("orange", 60), Threshold("yellow", 30), Threshold("blue", 10)),
    ),
]
