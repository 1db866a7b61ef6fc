"""The scene's dated parameters (policy domain ``wage_guard``), read by the one loader; listed on ``/policy/rules/``.

Sources are the keys of ``shared/reference/labor.md``: MWR (《保障农民工工资支付条例》, in force 2020-05-01), DEP-NAT
(人社部发〔2021〕65号 工程建设领域农民工工资保证金规定 Art. 11), DEP-FJ (Fujian's implementation, used where Zhejiang's
own figures were not found), ACCT-YN (Yunnan's 25 % labour-cost share), WP (工资支付暂行规定). A value whose official
text could not be checked says so in its reference; the scene page lists them.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "wage_guard"
SINCE = dt.date(2020, 5, 1)
DEP_SINCE = dt.date(2021, 11, 1)
BLACKLIST_SINCE = dt.date(2022, 1, 1)

PARAMETERS = [
    Parameter("deposit_base_ratio", _("工资保证金基准比例（占合同额）"), values=[
        Value(Decimal("0.02"), DEP_SINCE,
              "人社部发〔2021〕65号 第十一条：按合同额 1%–3% 存储；浙江省具体比例未核实，"
              "取区间中值 2%"),
    ]),
    Parameter("deposit_floor_ratio", _("工资保证金最低比例"), values=[
        Value(Decimal("0.005"), DEP_SINCE,
              "人社部发〔2021〕65号 第十一条：同一地区多个项目可降低比例，但不低于 0.5%", checked=True),
    ]),
    Parameter("deposit_exempt_below", _("合同额低于此数且无拖欠的免缴工资保证金"), unit=_("元"), values=[
        Value(Decimal("3000000"), DEP_SINCE,
              "人社部发〔2021〕65号 第十一条：合同额 300 万元以下且上一年度无拖欠的可免缴"
              "（省级可调整，浙江调整值未核实）"),
    ]),
    Parameter("deposit_cap", _("单个项目工资保证金上限"), unit=_("元"), values=[
        Value(Decimal("5000000"), DEP_SINCE,
              "福建省实施办法：单个项目上限 500 万元（浙江省上限未核实，参照福建）"),
    ]),
    Parameter("deposit_clean_two_years_ratio", _("连续 2 年无拖欠的工资保证金比例"), values=[
        Value(Decimal("0.005"), DEP_SINCE,
              "福建省实施办法：连续 2 年无拖欠按 0.5% 存储（浙江未核实，参照福建）"),
    ]),
    Parameter("deposit_clean_three_years_exempt", _("连续 3 年无拖欠免缴工资保证金"), type="bool", values=[
        Value(True, DEP_SINCE,
              "福建省实施办法：连续 3 年无拖欠且落实实名制、专用账户的免缴（浙江未核实，参照福建）"),
    ]),
    Parameter("deposit_arrears_surcharge", _("前 2 年内有拖欠的保证金上浮比例"), values=[
        Value(Decimal("0.5"), DEP_SINCE,
              "福建省实施办法：前 2 年内有拖欠的上浮 50%（浙江未核实，参照福建）"),
    ]),
    Parameter("deposit_blacklist_surcharge", _("列入失信名单的保证金上浮比例"), values=[
        Value(Decimal("1.0"), DEP_SINCE,
              "福建省实施办法：列入失信联合惩戒名单的上浮 100% 且不设上限（浙江未核实，参照福建）"),
    ]),
    Parameter("default_labor_cost_share", _("合同未约定时人工费用占进度款比例"), values=[
        Value(Decimal("0.25"), SINCE,
              "云南省规定：合同未约定的按进度款 25% 拨付人工费用（浙江未核实，参照云南）"),
    ]),
    Parameter("labor_cost_cycle_days", _("人工费用拨付周期上限"), unit=_("日"), values=[
        Value(31, SINCE,
              "《保障农民工工资支付条例》第二十四条：人工费用拨付周期不得超过 1 个月", checked=True),
    ]),
    Parameter("account_open_days", _("开立农民工工资专用账户期限"), unit=_("日"), values=[
        Value(30, dt.date(2021, 7, 1),
              "人社部发〔2021〕53号：合同签订之日起 30 日内开立专用账户", checked=True),
    ]),
    Parameter("minimum_hourly_wage", _("浙江非全日制小时最低工资（按档）"), unit=_("元/小时"), type="table", values=[
        Value({1: Decimal("22.00"), 2: Decimal("20.00"), 3: Decimal("18.00")}, dt.date(2021, 8, 1),
              "浙政发〔2021〕19号：非全日制小时最低工资 22/20/18 元（三档）；正式文本未在参考资料中核实"),
    ]),
    Parameter("standard_day_hours", _("每日标准工作时间"), unit=_("小时"), values=[
        Value(Decimal("8"), dt.date(1995, 1, 1),
              "《劳动法》第三十六条：每日工作时间不超过 8 小时", checked=True),
    ]),
    Parameter("deduction_cap_ratio", _("每月扣除工资不得超过当月工资的比例"), values=[
        Value(Decimal("0.20"), dt.date(1995, 1, 1),
              "《工资支付暂行规定》第十六条：每月扣除部分不得超过"
                                  "当月工资的 20%", checked=True),
    ]),
    Parameter("confirm_days", _("工资表下发后确认或异议期限"), unit=_("日"), values=[
        Value(5, SINCE,
              "平台服务约定（非法定期限）：工资表下发后 5 日内确认或提出异议", checked=True),
    ]),
    # 拖欠农民工工资失信联合惩戒对象名单管理暂行办法 (人社部令第45号, in force 2022-01-01) [BL-1; BL-2].
    Parameter("blacklist_years", _("列入欠薪失信名单的期限"), unit=_("年"), values=[
        Value(3, BLACKLIST_SINCE, "人社部令第45号 第十二条：列入名单期限为 3 年", checked=True),
    ]),
    Parameter("blacklist_early_removal_months", _("列入失信名单后可申请提前移出的最短期限"), unit=_("月"), values=[
        Value(6, BLACKLIST_SINCE, "人社部令第45号 第十三条：列入满 6 个月、已改正并书面信用承诺的可申请提前移出", checked=True),
    ]),
    Parameter("credit_c_violations", _("一年内被查处达此次数评为 C 级"), unit=_("次"), values=[
        Value(3, dt.date(2017, 1, 1), "人社部规〔2016〕1号：一年内因违法行为被查处 3 次以上的评为 C 级；列入欠薪失信"
              "名单的评为 C 级", checked=True),
    ]),
    Parameter("credit_scale", _("劳动保障诚信等级"), type="string", values=[
        Value("AAA/AA/A/B/C", dt.date(2017, 1, 1), "人社部规〔2016〕1号 A/B/C 三级；浙江五级评价细则未在参考资料中找到"
              "（未核实），本平台将 A 级按投诉和连续守法年数细分为 AAA、AA、A"),
    ]),
    Parameter("case_findings", _("立即派单核查的问题类型"), type="list", values=[
        Value(("balance_short", "late_pay", "attendance_unpaid", "below_minimum"), SINCE,
              "平台处置规则：涉及工资发放的问题立即派单核查（《保障农民工工资支付条例》第十条、第四十条）"),
    ]),
    # Completion, account closure and the deposit's release (MWR Art. 27; 人社部发〔2021〕65号).
    Parameter("closure_notice_days", _("竣工后无欠薪公示期（期满方可注销专用账户）"), unit=_("日"), values=[
        Value(30, SINCE, "《保障农民工工资支付条例》第二十七条：工程完工且未拖欠农民工工资的，施工总承包单位公示 30 日后"
              "可以申请注销专用账户，账户内余额归施工总承包单位所有", checked=True),
    ]),
    Parameter("deposit_release_notice_days", _("返还工资保证金前的公示期"), unit=_("日"), values=[
        Value(30, DEP_SINCE, "人社部发〔2021〕65号（工程建设领域农民工工资保证金规定）：工程完工、施工总承包单位书面承诺"
              "无拖欠并公示 30 日后可申请返还保证金或保函正本；条文序号与原文未在参考资料中核实"),
    ]),
    Parameter("contract_before_entry", _("进场前须签订劳动合同"), type="bool", values=[
        Value(True, SINCE, "《保障农民工工资支付条例》第二十八条：未与施工总承包单位或者分包单位订立劳动合同并进行"
              "用工实名登记的人员，不得进入项目现场施工", checked=True),
    ]),
]
