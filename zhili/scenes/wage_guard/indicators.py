"""The 安薪在线 warning model for enterprises (GC and subcontractors), evaluated by core.indicators.

The scene's own check findings (MWR Arts. 24, 29, 31, 26–27; 最低工资规定) weigh most; department signals (MWR
Art. 38: water, electricity, gas, tax, lawsuits, abnormal operation) add to them. The weights and thresholds are
the scene's first calibration, not published values: the reference says so, and the scene page lists them.
"""

import datetime as dt

from zhili.core.indicators.api import (
    Condition,
    ControlPoint,
    Count,
    Dimension,
    Flag,
    Indicator,
    IndicatorSystem,
    Sum,
    Threshold,
    Where,
)

MWR = "《保障农民工工资支付条例》"
CALIBRATION = "权重与阈值为本场景初始标定，非公开发布值（未核实）"
SINCE = dt.date(2020, 5, 1)
MONTH, QUARTER, YEAR = 31, 92, 365


def _checks(kind: str, window: int = MONTH) -> Count:
    return Count("wage_guard_checks", "checked_on", window, (Where("kind", "==", kind),))


def _signals(kind: str, window: int = QUARTER) -> Count:
    return Count("wage_guard_dept_signals", "signal_on", window, (Where("kind", "==", kind),))


INDICATOR_SYSTEMS = [
    IndicatorSystem(
        code="wage_guard_risk",
        name="工程建设领域欠薪风险预警",
        entity_field="uscc",
        entity_label="企业",
        reference=f"{MWR}第三十八条；{CALIBRATION}",
        effective_from=SINCE,
        dimensions=(
            Dimension("payment", "工资支付", 0.6, (
                ControlPoint("pay", "按月足额支付", (
                    Indicator("late_pay", "近30天逾期发放工资的项目数", _checks("late_pay"), Condition(">=", 1), 35,
                              f"{MWR}第十一条至第十三条；{CALIBRATION}", SINCE),
                    Indicator("below_minimum", "近30天低于最低工资的人次", _checks("below_minimum"),
                              Condition(">=", 1), 25, f"《最低工资规定》第十二条；{CALIBRATION}", SINCE),
                    Indicator("unpaid_workers", "近30天有考勤未发工资的涉及人数",
                              Sum("wage_guard_checks", "workers", "checked_on", MONTH,
                                  (Where("kind", "==", "attendance_unpaid"),)),
                              Condition(">=", 3), 25, f"{MWR}第三十一条；{CALIBRATION}", SINCE),
                    Indicator("paid_unattended", "近30天无考勤却列入工资表的人次", _checks("paid_unattended"),
                              Condition(">=", 1), 15, f"{MWR}第二十八条（实名制与考勤）；{CALIBRATION}", SINCE),
                )),
            )),
            Dimension("funds", "资金保障", 0.25, (
                ControlPoint("account", "专用账户与人工费用", (
                    Indicator("balance_short", "近30天专用账户余额不足发放当月工资", _checks("balance_short"),
                              Condition(">=", 1), 50, f"{MWR}第二十六条、第二十九条；{CALIBRATION}", SINCE),
                    Indicator("labor_cost_late", "近30天人工费用逾期拨付", _checks("labor_cost_late"),
                              Condition(">=", 1), 50, f"{MWR}第二十四条、第二十九条；{CALIBRATION}", SINCE),
                )),
            )),
            Dimension("signals", "部门信息", 0.15, (
                ControlPoint("operation", "经营状况", (
                    Indicator("utility_arrears", "近90天水电气欠费", _signals("utility_arrears"), Condition(">=", 1), 30,
                              f"{MWR}第三十八条；{CALIBRATION}", SINCE),
                    Indicator("tax_arrears", "近90天欠税", _signals("tax_arrears"), Condition(">=", 1), 25,
                              f"{MWR}第三十八条；{CALIBRATION}", SINCE),
                    Indicator("lawsuit", "近一年涉诉", _signals("lawsuit", YEAR), Condition(">=", 2), 25,
                              f"{MWR}第三十八条；{CALIBRATION}", SINCE),
                    Indicator("abnormal", "近一年经营异常", Flag("wage_guard_dept_signals", "signal_on", YEAR,
                                                          (Where("kind", "==", "abnormal_operation"),)),
                              Condition(">", 0), 20, f"{MWR}第三十八条；{CALIBRATION}", SINCE),
                )),
            )),
        ),
        thresholds=(Threshold("red", 60), Threshold("orange", 40), Threshold("yellow", 20)),
    ),
]
