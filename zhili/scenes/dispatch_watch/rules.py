"""The 劳务派遣监管 scene's rules: dated values with their reference (DESIGN.md rule 4, labor.md §3).

Values marked 未核实 are this system's own settings where no official figure could be checked; the scene page
(docs/scenes/dispatch_watch.md) lists them.
"""

import datetime as dt
import re
from decimal import Decimal

from zhili.core.dashboards.api import Dated, value_on

SINCE = dt.date(2014, 3, 1)  # 《劳务派遣暂行规定》（人社部令第22号）施行
LCL_SINCE = dt.date(2013, 7, 1)  # 《劳动合同法》2012 年修正施行

RULES = {
    "dispatch_cap": [Dated(Decimal("0.10"), SINCE, "《劳务派遣暂行规定》（人社部令第22号）第四条：被派遣劳动者数量不得超过"
                                                    "用工总量的10%，用工总量=订立劳动合同人数+使用的被派遣劳动者人数")],
    "temporary_post_months": [Dated(6, SINCE, "《劳动合同法》第六十六条；《劳务派遣暂行规定》第三条：临时性工作岗位存续时间"
                                              "不超过6个月")],
    "contract_min_years": [Dated(2, LCL_SINCE, "《劳动合同法》第五十八条：劳务派遣单位应当与被派遣劳动者订立二年以上的固定期限"
                                               "劳动合同")],
    "registered_capital_min": [Dated(Decimal("2000000"), LCL_SINCE, "《劳动合同法》第五十七条：注册资本不得少于人民币二百万元")],
    "licence_valid_years": [Dated(3, LCL_SINCE, "《劳务派遣行政许可实施办法》（人社部令第19号）：许可证有效期3年（labor.md §3.2 [LIC-A]）")],
    "renewal_window_days": [Dated(60, LCL_SINCE, "《劳务派遣行政许可实施办法》：有效期届满60日前申请延续（labor.md §3.2 [LIC-A]）")],
    "annual_report_due": [Dated((3, 31), LCL_SINCE, "《劳务派遣行政许可实施办法》：每年3月31日前提交上一年度经营情况报告"
                                                    "（labor.md §3.3 [LIC-C]）")],
    "equal_pay_ratio": [Dated(Decimal("0.80"), dt.date(2025, 1, 1),
                              "《劳动合同法》第六十三条（同工同酬）；被派遣人员平均工资低于同岗直接用工平均工资80%即预警："
                              "本系统校准值，未核实官方口径")],
    "rectification_working_days": [Dated(20, dt.date(2025, 1, 1),
                                         "年度核验不合格限期整改：本系统服务承诺20个工作日，未核实官方时限（labor.md §3.3）")],
    "overdue_escalate_days": [Dated(15, dt.date(2025, 1, 1),
                                    "逾期未报：3月31日后先提醒，逾期满15日转监察工单：本系统设定，未核实官方时限")],
    "licence_number_pattern": [Dated(r"^\d{6}(19|20)\d{2}\d{4}$", dt.date(2025, 1, 1),
                                     "许可证编号＝6位行政区划代码＋4位发证年份＋4位顺序号：本系统编码规则；各地编号格式不一，"
                                     "未核实全国统一格式")],
}


def rule(name: str, day: dt.date) -> Dated:
    """The rule ``name`` in force on ``day``, with its reference."""
    return value_on(RULES, name, day)


def report_due_date(year: int) -> dt.date:
    """The day by which the report on ``year`` is due (31 March of the following year)."""
    month, day = rule("annual_report_due", dt.date(year + 1, 1, 1)).value
    return dt.date(year + 1, month, day)


def licence_number_ok(number: str, day: dt.date) -> bool:
    return bool(re.fullmatch(rule("licence_number_pattern", day).value, number or ""))


def renewal_opens(expires_on: dt.date) -> dt.date:
    """The last day on which renewal may be applied for in time (≥ 60 days before expiry)."""
    return expires_on - dt.timedelta(days=rule("renewal_window_days", expires_on).value)


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from ``start`` to ``end`` (30.44 days a month)."""
    return (end - start).days / 30.44


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
