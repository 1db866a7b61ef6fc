"""The 关键小事 scene's rules (policy domain ``small_matters``): the unemployment benefit's eligibility, months and
amount, and the deadlines of the other matters, as dated data with their basis; listed on ``/policy/rules/``.

National rules come from the 失业保险条例 (国务院令第258号, 1999) arts 14–17, the 社会保险法 arts 45–47 and
人社部令第13号 art 13 (which separations count as involuntary); those were read and are ``checked``. Zhejiang's
own figures (the minimum wage tier of 建德市, the benefit's share of the minimum wage) were not found in an
official text (reference/scenes.md §9) and say so; ``docs/scenes/small_matters.md`` lists them. Labels are
plain text as the policy engine joins them into its explanations (the English catalogue
carries their translations).
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_noop

from zhili.core.foundation.api import Parameter, Value
from zhili.core.policy.api import Benefit, Condition, Fact, Policy

DOMAIN = "small_matters"
REGULATION = dt.date(1999, 1, 22)
SOCIAL_INSURANCE_LAW = dt.date(2011, 7, 1)
ORDER_13 = dt.date(2011, 7, 1)
UNEMPLOYMENT_REGULATION = "《失业保险条例》（国务院令第258号）"

FACTS = [
    Fact("contribution_years", "累计缴纳失业保险费年限", entity="person", unit="年"),
    Fact("separation_reason", "离职原因", type="string", entity="person"),
    Fact("registered_unemployed", "已办理失业登记并有求职要求", type="bool", entity="person"),
    Fact("reemployed", "已重新就业", type="bool", entity="person"),
    Fact("unused_months", "前次失业尚未领取的月数", entity="person", unit="月"),
]

PARAMETERS = [
    Parameter("min_contribution_years", "领取失业保险金的最短缴费年限", unit="年", values=[
        Value(1, REGULATION, UNEMPLOYMENT_REGULATION + "第十四条第（一）项；《社会保险法》第四十五条", checked=True),
    ]),
    Parameter("involuntary_reasons", "非因本人意愿中断就业的离职原因", type="list", values=[
        Value(["contract_expired", "employer_terminated", "dismissed", "employer_fault", "mutual_by_employer"],
              ORDER_13, "《实施〈中华人民共和国社会保险法〉若干规定》（人社部令第13号）第十三条：劳动合同期满终止、"
              "用人单位依劳动合同法第三十九至四十一条解除、用人单位提出协商一致解除、劳动者依第三十八条解除",
              checked=True),
    ]),
    Parameter("months_short", "缴费满1年不足5年的最长领取月数", unit="月", values=[
        Value(12, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条；《社会保险法》第四十六条", checked=True)]),
    Parameter("months_mid", "缴费满5年不足10年的最长领取月数", unit="月", values=[
        Value(18, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条；《社会保险法》第四十六条", checked=True)]),
    Parameter("months_long", "缴费10年以上的最长领取月数", unit="月", values=[
        Value(24, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条；《社会保险法》第四十六条", checked=True)]),
    Parameter("mid_from_years", "领取18个月所需缴费年限", unit="年", values=[
        Value(5, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条", checked=True)]),
    Parameter("long_from_years", "领取24个月所需缴费年限", unit="年", values=[
        Value(10, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条", checked=True)]),
    Parameter("months_cap", "合并计算后的最长领取月数", unit="月", values=[
        Value(24, REGULATION, UNEMPLOYMENT_REGULATION + "第十七条第二款：重新就业后再次失业的，可与前次尚未领取的期限"
              "合并计算，最长不超过24个月", checked=True)]),
    Parameter("minimum_wage", "月最低工资标准（建德市）", unit="元/月", values=[
        Value(Decimal("2280"), dt.date(2021, 8, 1), "浙江省人民政府关于调整全省最低工资标准的通知（2021年8月1日起第一档"
              "2280元）；文号、建德市所在档次及此后调整均未经核实"),
    ]),
    Parameter("benefit_ratio", "失业保险金占最低工资标准的比例", values=[
        Value(Decimal("0.9"), dt.date(2017, 9, 20), "《关于调整失业保险金标准的指导意见》（人社部发〔2017〕71号）："
              "逐步提高到最低工资标准的90%；浙江省执行比例未找到官方文本，未经核实"),
    ]),
    Parameter("residence_permit_months", "申领居住证所需的居住时间", unit="月", values=[
        Value(6, dt.date(2016, 1, 1), "《居住证暂行条例》（国务院令第663号）第二条：居住半年以上，符合有合法稳定就业、"
              "合法稳定住所、连续就读条件之一", checked=True)]),
    Parameter("bad_rating_days", "差评整改反馈时限", unit="工作日", values=[
        Value(15, dt.date(2019, 12, 3), "《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》"
              "（国办发〔2019〕51号）：差评要及时整改反馈；时限取常见地方口径15个工作日，未经核实")]),
    Parameter("dog_chip_digits", "犬只电子芯片号位数", unit="位", values=[
        Value(15, dt.date(1996, 8, 1), "ISO 11784:1996 动物射频识别代码结构（15位十进制：国家代码3位＋识别码12位）",
              checked=True)]),
    Parameter("dog_booking_days", "审核通过后可预约宠物医院的天数", unit="日", values=[
        Value(30, dt.date(2026, 1, 1), "平台服务承诺；各地《养犬管理规定》对免疫和登记期限规定不一，未经核实")]),
    Parameter("benefit_monthly", "失业保险金月标准", unit="元/月", formula="minimum_wage * benefit_ratio"),
    Parameter("claim_window_days", "主动发现的停保时间窗（停保后天数）", unit="日", values=[
        Value(60, REGULATION, UNEMPLOYMENT_REGULATION + "第十六条：终止或解除劳动关系之日起60日内申领（以此作为主动"
              "发现的时间窗，条文未逐字核对）"),
    ]),
]

# The conditions' labels are message ids (gettext_noop: plain strings for the engine, in the English catalogue):
# a decision stores them as they are, and the pages translate them when drawn ({% trans c.label %}).
POLICIES = [
    Policy(
        code="unemployment_benefit",
        name="失业保险金",
        owner="人力资源和社会保障局",
        entity="person",
        category="proactive",
        effective_from=REGULATION,
        reference=UNEMPLOYMENT_REGULATION + "第十四条；《社会保险法》第四十五条",
        conditions=(
            Condition(gettext_noop("失业前用人单位和本人已缴纳失业保险费满1年"), "contribution_years >= min_contribution_years",
                      UNEMPLOYMENT_REGULATION + "第十四条第（一）项"),
            Condition(gettext_noop("非因本人意愿中断就业"), "separation_reason in involuntary_reasons",
                      "《社会保险法》第四十五条第（二）项；人社部令第13号第十三条"),
            Condition(gettext_noop("已经进行失业登记，并有求职要求"), "registered_unemployed",
                      UNEMPLOYMENT_REGULATION + "第十四条第（三）项"),
            Condition(gettext_noop("尚未重新就业"), "not reemployed", UNEMPLOYMENT_REGULATION + "第十五条第（一）项"),
        ),
        benefit=Benefit(kind="insurance", amount="benefit_monthly", period="month",
                        description="按月领取，领取月数按累计缴费年限为12、18或24个月"),
        office="县（市、区）社会保险经办机构",
        deadline_days=10,
    ),
]
