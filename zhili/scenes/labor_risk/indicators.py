"""The labor-relations risk indicator system (劳动关系风险监测预警指标体系): 7 dimensions, 27 control points.

九龙坡 published the 7 dimensions and four of the 27 control points (拖欠工资, 欠缴社保, 员工纠纷, 违法经营;
labor.md §5.1 [JLP]) but no weights or thresholds. The other 23 are defined here from the data the
departments hold (labor.md §5.5). Each indicator names its data source (the dataset in its expression), its
formula, its points and the rule it rests on. Windows are in days ending on the period's last day: 28 days
is the current month of monthly data, 90 days the last three months.

Score = Σ dimension weight × indicator points over the indicators that fire (at most 100). Levels: blue ≥ 5,
yellow ≥ 12, orange ≥ 20, red ≥ 35; wages unpaid for two months or more is red whatever the score. These are
a first local calibration (labor.md §5.5: "weights must be locally calibrated"), dated from 2025-01-01.
"""

import datetime as dt

from zhili.core.indicators.api import (
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

from .permissions import may_view_entity

SYSTEM_CODE = "labor_risk"
EFFECTIVE = dt.date(2025, 1, 1)
MONTH, QUARTER, HALF_YEAR, YEAR = 28, 90, 180, 365

JLP = "九龙坡区劳动关系风险监测预警指标体系公开控制点（中国网 2021-08-19 报道，http://big5.china.com.cn/gate/big5/cq.china.com.cn/2021-08/19/content_41649729.html）"
LOCAL = "本系统据部门数据定义，权重待本地校准"
LCL = "《中华人民共和国劳动合同法》"
LL = "《中华人民共和国劳动法》"
SIL = "《中华人民共和国社会保险法》"
MWR = "《保障农民工工资支付条例》（国务院令第724号）"
LSIR = "《劳动保障监察条例》（国务院令第423号）"
LDMAL = "《中华人民共和国劳动争议调解仲裁法》"


def _ge(threshold):
    return Condition(">=", threshold)


def _gt(threshold):
    return Condition(">", threshold)


def _i(code, name, expression, fires_when, points, reference):
    return Indicator(code=code, name=name, expression=expression, fires_when=fires_when, weight=points,
                     reference=reference, effective_from=EFFECTIVE)


def _cp(code, name, *indicators):
    return ControlPoint(code=code, name=name, indicators=tuple(indicators))


def _month_sum(dataset, field, *where, window=MONTH):
    return Sum(dataset, field, "month_end", window, tuple(where))


def _utility_arrears(utility):
    return _month_sum("lr_utilities", "arrears_yuan", Where("utility", "==", utility))


EMPLOYMENT = Dimension("employment", "劳动用工", 0.15, (
    _cp("unsigned_contracts", "未签劳动合同",
        _i("unsigned_contract_ratio", "未签劳动合同人数占比",
           Ratio(_month_sum("lr_employment", "unsigned_contracts"), _month_sum("lr_employment", "employees")),
           _gt(0.05), 25, f"{LCL}第十条、第八十二条；{LOCAL}")),
    _cp("missing_filings", "用工备案缺失",
        _i("missing_filings", "未办理就业登记（用工备案）人数",
           _month_sum("lr_employment", "filings_missing"), _gt(0), 15,
           "《就业服务与就业管理规定》（劳动保障部令第28号）第六十二条")),
    _cp("headcount_drop", "参保人数骤降",
        _i("insured_headcount_change", "参保人数环比变化率",
           Change(_month_sum("lr_social_insurance", "insured_headcount"), relative=True),
           Condition("<=", -0.3), 25, f"参保人数骤降；{LOCAL}")),
    _cp("dispatch_over_cap", "劳务派遣超比例",
        _i("dispatch_ratio", "被派遣劳动者占用工总量比例",
           Ratio(_month_sum("lr_employment", "dispatched"), _month_sum("lr_employment", "employees")),
           _gt(0.10), 15, "《劳务派遣暂行规定》（人社部令第22号）第四条（不得超过用工总量的10%）")),
    _cp("excess_overtime", "超时加班",
        _i("overtime_over_36", "月加班超过36小时人数",
           _month_sum("lr_employment", "overtime_over_36"), _gt(0), 20, f"{LL}第四十一条")),
))

WAGES = Dimension("wages", "工资发放", 0.25, (
    _cp("wage_arrears", "拖欠工资",
        _i("unpaid_wage_months", "近三个月未发工资月数",
           Count("lr_payroll", "month_end", QUARTER, (Where("status", "==", "unpaid"),)), _ge(1), 40,
           f"{JLP}；{LL}第五十条；{MWR}第十一条")),
    _cp("wage_complaints", "欠薪投诉",
        _i("wage_complaints", "近三个月欠薪投诉件数",
           Count("lr_complaints", "received_on", QUARTER, (Where("kind", "==", "wage"),)), _ge(1), 20,
           f"{MWR}第十条；{LSIR}第九条")),
    _cp("below_minimum_wage", "低于最低工资",
        _i("below_minimum_wage", "工资低于当地最低工资标准人数",
           _month_sum("lr_payroll", "below_minimum"), _gt(0), 15, f"{LL}第四十八条；《最低工资规定》第十二条")),
    _cp("late_payroll", "延期发放工资",
        _i("late_payroll_months", "近三个月延期发薪月数",
           Count("lr_payroll", "month_end", QUARTER, (Where("status", "==", "late"),)), _ge(1), 15,
           f"{LL}第五十条；《工资支付暂行规定》第七条")),
    _cp("wage_account_shortfall", "工资专户拨付不足",
        _i("wage_account_shortfall", "工资专用账户当月拨付差额（元）",
           _month_sum("lr_wage_account", "shortfall_yuan"), _gt(0), 10, f"{MWR}第二十六条、第二十九条")),
))

INSURANCE = Dimension("insurance", "社会保险", 0.15, (
    _cp("insurance_arrears", "欠缴社保",
        _i("insurance_arrears", "当月社会保险欠缴金额（元）",
           _month_sum("lr_social_insurance", "arrears_yuan"), _gt(0), 40, f"{JLP}；{SIL}第八十六条")),
    _cp("persistent_arrears", "连续欠缴社保",
        _i("insurance_arrears_months", "近三个月欠缴社保月数",
           Count("lr_social_insurance", "month_end", QUARTER, (Where("arrears_yuan", ">", 0),)), _ge(2), 30,
           f"{SIL}第六十三条、第八十六条")),
    _cp("coverage_gap", "参保覆盖缺口",
        _i("uninsured_ratio", "已用工未参保人数占比",
           Ratio(_month_sum("lr_employment", "uninsured"), _month_sum("lr_employment", "employees")),
           _gt(0.10), 30, f"{SIL}第五十八条、第八十四条")),
))

RIGHTS = Dimension("rights", "权益维护", 0.15, (
    _cp("employee_disputes", "员工纠纷",
        _i("arbitration_cases", "近半年劳动人事争议仲裁案件数",
           Count("lr_arbitrations", "filed_on", HALF_YEAR), _ge(2), 25, f"{JLP}；{LDMAL}第二条"),
        _i("labor_suits", "近一年劳动争议诉讼案件数",
           Count("lr_court_records", "filed_on", YEAR, (Where("kind", "==", "labor_suit"),)), _ge(1), 15,
           f"{JLP}；{LDMAL}第五十条")),
    _cp("collective_disputes", "集体劳动争议",
        _i("collective_disputes", "近半年集体劳动争议件数",
           Count("lr_arbitrations", "filed_on", HALF_YEAR, (Where("collective", "==", True),)), _ge(1), 20,
           f"{LDMAL}第七条")),
    _cp("complaints_petitions", "投诉信访",
        _i("complaints", "近三个月投诉举报与信访件数",
           Count("lr_complaints", "received_on", QUARTER), _ge(3), 20, f"《信访工作条例》；{LSIR}第九条")),
    _cp("inspection_penalties", "监察处理处罚",
        _i("inspection_actions", "近一年劳动保障监察责令改正与处罚次数",
           Count("lr_inspections", "decided_on", YEAR), _ge(1), 20, f"{LSIR}第十八条、第二十六条")),
))

SAFETY = Dimension("safety", "生产安全", 0.10, (
    _cp("safety_accidents", "安全事故",
        _i("safety_accidents", "近一年生产安全事故起数",
           Count("lr_safety_records", "occurred_on", YEAR, (Where("kind", "==", "accident"),)), _ge(1), 40,
           "《中华人民共和国安全生产法》第八十三条")),
    _cp("work_injuries", "工伤",
        _i("work_injuries", "近一年工伤认定人次",
           Count("lr_safety_records", "occurred_on", YEAR, (Where("kind", "==", "work_injury"),)), _ge(2), 30,
           "《工伤保险条例》第十七条")),
    _cp("safety_environment_penalties", "安全环保处罚",
        _i("safety_penalties", "近一年安全生产行政处罚次数",
           Count("lr_safety_records", "occurred_on", YEAR, (Where("kind", "==", "penalty"),)), _ge(1), 15,
           "《中华人民共和国安全生产法》第九十条"),
        _i("environment_penalties", "近一年环境行政处罚次数",
           Count("lr_environment_penalties", "decided_on", YEAR), _ge(1), 15,
           "《中华人民共和国环境保护法》第五十九条")),
))

OPERATION = Dimension("operation", "稳定经营", 0.15, (
    _cp("utility_arrears", "水电气欠费",
        _i("water_arrears", "当月水费欠费（元）", _utility_arrears("water"), _gt(0), 10, f"{MWR}第三十八条"),
        _i("electricity_arrears", "当月电费欠费（元）", _utility_arrears("electricity"), _gt(0), 15,
           f"{MWR}第三十八条"),
        _i("gas_arrears", "当月燃气费欠费（元）", _utility_arrears("gas"), _gt(0), 10, f"{MWR}第三十八条")),
    _cp("electricity_drop", "用电量骤降",
        _i("electricity_usage_change", "近三个月用电量较前三个月变化率",
           Change(Sum("lr_utilities", "usage", "month_end", QUARTER, (Where("utility", "==", "electricity"),)),
                  relative=True),
           Condition("<=", -0.4), 20, f"{MWR}第三十八条；时间序列趋势指标的做法见专利公开文本（https://www.jishuxx.com/zhuanli/202111/428280.html）")),
    _cp("tax_arrears", "欠税",
        _i("tax_arrears", "当月欠税金额（元）", _month_sum("lr_tax", "arrears_yuan"), _gt(0), 15,
           f"{MWR}第三十八条；《中华人民共和国税收征收管理法》第三十二条")),
    _cp("illegal_operation", "违法经营",
        _i("abnormal_listed", "近一年列入经营异常名录",
           Flag("lr_market_records", "decided_on", YEAR, (Where("kind", "==", "abnormal_list"),)), _gt(0), 10,
           f"{JLP}；《企业信息公示暂行条例》第十七条"),
        _i("market_penalties", "近一年市场监管行政处罚次数",
           Count("lr_market_records", "decided_on", YEAR, (Where("kind", "==", "penalty"),)), _ge(1), 5,
           f"{JLP}；《中华人民共和国行政处罚法》")),
    _cp("debt_risk", "债务与执行风险",
        _i("court_enforcements", "近一年被强制执行或列入失信被执行人次数",
           Count("lr_court_records", "filed_on", YEAR, (Where("kind", "in", ("enforcement", "dishonest")),)),
           _ge(1), 10, "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条"),
        _i("overdue_loans", "近三个月贷款逾期90天以上笔数",
           Count("lr_bank_loans", "reported_on", QUARTER, (Where("overdue_days", ">=", 90),)), _ge(1), 5,
           "《商业银行金融资产风险分类办法》第十一条（逾期90天以上）")),
))

ORGANISATION = Dimension("organisation", "组织机制", 0.05, (
    _cp("union_mediation", "工会与调解组织",
        _i("no_union", "未建工会",
           Flag("lr_union_registry", "month_end", MONTH, (Where("has_union", "==", False),)), _gt(0), 30,
           "《中华人民共和国工会法》第十一条"),
        _i("no_mediation_committee", "未建劳动争议调解委员会",
           Flag("lr_union_registry", "month_end", MONTH, (Where("has_mediation_committee", "==", False),)),
           _gt(0), 30, f"{LDMAL}第十条")),
    _cp("credit_grade_c", "守法诚信等级C级",
        _i("credit_grade_c", "劳动保障守法诚信等级为C级",
           Flag("lr_credit_grades", "month_end", MONTH, (Where("grade", "==", "C"),)), _gt(0), 40,
           "《企业劳动保障守法诚信等级评价办法》（人社部规〔2016〕1号）第八条")),
))

LABOR_RISK = IndicatorSystem(
    code=SYSTEM_CODE,
    name="劳动关系风险监测预警",
    entity_field="uscc",
    entity_label="统一社会信用代码",
    dimensions=(EMPLOYMENT, WAGES, INSURANCE, RIGHTS, SAFETY, OPERATION, ORGANISATION),
    thresholds=(Threshold("blue", 5), Threshold("yellow", 12), Threshold("orange", 20), Threshold("red", 35)),
    veto_rules=(
        VetoRule("wages_unpaid_two_months", "拖欠工资两个月及以上", "unpaid_wage_months", _ge(2), "red",
                 "江苏宝应三色预警：欠薪超过2个月为红色（http://baoying.gov.cn/html/1318/2019-11-19/content-10071.html）；" + MWR + "第十一条"),
    ),
    reference=f"{JLP}；江苏宝应三色预警（http://baoying.gov.cn/html/1318/2019-11-19/content-10071.html）",
    effective_from=EFFECTIVE,
    can_view_entity=may_view_entity,
)

INDICATOR_SYSTEMS = [LABOR_RISK]
