"""The 劳务派遣监管 scene's dated parameters (policy domain ``dispatch_watch``), read by the one loader.

Values whose reference says 未核实 are this system's own settings where no official figure could be checked
(``checked`` False); the scene page (docs/scenes/dispatch_watch.md) and ``/policy/rules/`` list them.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "dispatch_watch"
SINCE = dt.date(2014, 3, 1)  # 《劳务派遣暂行规定》（人社部令第22号）施行
LCL_SINCE = dt.date(2013, 7, 1)  # 《劳动合同法》2012 年修正施行
CREDIT_SINCE = dt.date(2025, 2, 7)  # 人社厅发〔2025〕6号印发

PARAMETERS = [
    Parameter("dispatch_cap", _("被派遣劳动者占用工总量的上限"), values=[
        Value(Decimal("0.10"), SINCE, "《劳务派遣暂行规定》（人社部令第22号）第四条：被派遣劳动者数量不得超过"
              "用工总量的10%，用工总量=订立劳动合同人数+使用的被派遣劳动者人数", checked=True)]),
    Parameter("temporary_post_months", _("临时性工作岗位存续时间上限"), unit=_("月"), values=[
        Value(6, SINCE, "《劳动合同法》第六十六条；《劳务派遣暂行规定》第三条：临时性工作岗位存续时间"
              "不超过6个月", checked=True)]),
    Parameter("contract_min_years", _("劳务派遣劳动合同最短期限"), unit=_("年"), values=[
        Value(2, LCL_SINCE, "《劳动合同法》第五十八条：劳务派遣单位应当与被派遣劳动者订立二年以上的固定期限"
              "劳动合同", checked=True)]),
    Parameter("registered_capital_min", _("劳务派遣单位注册资本下限"), unit=_("元"), values=[
        Value(Decimal("2000000"), LCL_SINCE, "《劳动合同法》第五十七条：注册资本不得少于人民币二百万元", checked=True)]),
    Parameter("licence_valid_years", _("劳务派遣经营许可证有效期"), unit=_("年"), values=[
        Value(3, LCL_SINCE, "《劳务派遣行政许可实施办法》（人社部令第19号）：许可证有效期3年", checked=True)]),
    Parameter("renewal_window_days", _("许可证延续申请须在届满前的天数"), unit=_("日"), values=[
        Value(60, LCL_SINCE, "《劳务派遣行政许可实施办法》：有效期届满60日前申请延续", checked=True)]),
    Parameter("annual_report_due", _("年度经营情况报告截止日（月、日）"), type="list", values=[
        Value((3, 31), LCL_SINCE, "《劳务派遣行政许可实施办法》：每年3月31日前提交上一年度经营情况报告", checked=True)]),
    Parameter("equal_pay_ratio", _("同工同酬预警线（被派遣人员平均工资 / 同岗直接用工平均工资）"), values=[
        Value(Decimal("0.80"), dt.date(2025, 1, 1),
              "《劳动合同法》第六十三条（同工同酬）；被派遣人员平均工资低于同岗直接用工平均工资80%即预警："
              "本系统校准值，未核实官方口径")]),
    Parameter("rectification_working_days", _("年度核验不合格整改期限"), unit=_("工作日"), values=[
        Value(20, dt.date(2025, 1, 1),
              "年度核验不合格限期整改：本系统服务承诺20个工作日，未核实官方时限")]),
    Parameter("overdue_escalate_days", _("年度报告逾期转监察工单天数"), unit=_("日"), values=[
        Value(15, dt.date(2025, 1, 1),
              "逾期未报：3月31日后先提醒，逾期满15日转监察工单：本系统设定，未核实官方时限")]),
    Parameter("licence_number_pattern", _("许可证编号格式"), type="string", values=[
        Value(r"^\d{6}(19|20)\d{2}\d{4}$", dt.date(2025, 1, 1),
              "许可证编号＝6位行政区划代码＋4位发证年份＋4位顺序号：本系统编码规则；各地编号格式不一，"
              "未核实全国统一格式")]),
    # The 2025 agency credit grading (劳务派遣单位信用等级评价, labor.md §3.4). The national guide
    # (人社厅发〔2025〕6号) sets the five grades A+/A/B/C/D; its scoring items and Chongqing's DB50/T 1566-2024
    # were not available in full, so the scoring below is this system's, after the published local schemes.
    Parameter("credit_grade_bounds", _("信用等级分数线（A+、A、B、C，低于 C 线为 D）"), type="table", values=[
        Value({"A+": 110, "A": 100, "B": 80, "C": 60}, CREDIT_SINCE,
              "人社厅发〔2025〕6号：五级 A+（优秀）、A（良好）、B（合格）、C（较差）、D（差）；分数线为本系统设定"
              "（参照安徽 DB34/T 4751-2024：低于60分为最低等级），未核实重庆 DB50/T 1566-2024 口径")]),
    Parameter("credit_top_shares", _("A+ 与 A 以上等级占参评单位比例上限"), type="table", values=[
        Value({"A+": Decimal("0.10"), "A": Decimal("0.20")}, CREDIT_SINCE,
              "河南省实施办法：A 级以上不超过参评单位的20%，A+ 级不超过10%（河南省劳务派遣单位信用等级评价实施办法，https://www.hnwaifu.com/news/tzgg/470.html）；"
              "本地是否同样限比例未核实")]),
    Parameter("credit_points", _("信用评价加减分"), type="table", values=[
        Value({"late_report": -10, "report_unqualified": -30, "report_missing": -40, "finding": -5,
               "short_contract_each": -2, "uninsured_each": -2, "listed_twice_each": -5, "host_warning_each": -5,
               "deduction_cap_each_item": -20, "insured_all": 5, "union_half": 5, "report_on_time_qualified": 10},
              CREDIT_SINCE,
              "基础分100分；年度核验逾期扣10分参照义乌园区年度核验做法（http://www.ywshunfa.cn/szgyyq/jycy/202603/be5ea0bdd749433bb4be05d3d003d69d.shtml）；其余加减分为本系统设定，"
              "未核实人社厅发〔2025〕6号评分细则")]),
]
