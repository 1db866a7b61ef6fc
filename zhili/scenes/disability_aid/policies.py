"""The 智慧助残 scene's dated parameters (policy domain ``disability_aid``), read by the one loader.

Detection of suspected disabilities has no published rule (``../shared/reference/scenes.md`` §5 found none): the
triggers below are the scene's design assumption, flagged unchecked, and a trigger is never an award — the grade
comes only from the assessment at a designated hospital (GB/T 26341-2010).
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "disability_aid"
SINCE = dt.date(2026, 1, 1)
ASSUMPTION = ("本场景设计假设，尚未核实：公开资料中未找到疑似残疾主动发现的具体规则"
              "（触发条件只引发入户核查，不代替评残）")

# ICD-10 codes (WHO ICD-10, GB/T 14396) of diagnoses that often leave a lasting disability: a code matches when it
# starts with the prefix. The choice of codes is the assumption; the codes themselves are ICD-10's.
WATCH_LIST = {
    "S48": "肩和上臂创伤性切断", "S58": "前臂创伤性切断", "S68": "腕和手创伤性切断",
    "S78": "髋和大腿创伤性切断", "S88": "小腿创伤性切断", "S98": "踝和足创伤性切断", "Z89": "后天性肢体缺失",
    "S14.1": "颈部脊髓损伤", "S24.1": "胸部脊髓损伤", "S34.1": "腰部脊髓损伤", "T91.3": "脊髓损伤后遗症",
    "G82": "截瘫和四肢瘫", "G80": "脑性瘫痪", "I69": "脑血管病后遗症（脑卒中后遗症）",
    "H54.0": "双眼盲", "H54.1": "一眼盲、另一眼低视力", "H90.3": "双侧感音神经性听力丧失",
    "F20": "精神分裂症", "F72": "重度智力障碍", "F73": "极重度智力障碍", "F84.0": "儿童孤独症",
}

PARAMETERS = [
    Parameter("watch_list", _("疑似残疾诊断关注清单（ICD-10 编码前缀）"), type="table", values=[
        Value(WATCH_LIST, SINCE, "编码依据 ICD-10（GB/T 14396-2016 疾病分类与代码）；清单范围为" + ASSUMPTION),
    ]),
    Parameter("work_injury_max_grade", _("触发核查的工伤劳动能力鉴定等级（不低于）"), unit=_("级"), values=[
        Value(10, SINCE, "GB/T 16180-2014《劳动能力鉴定 职工工伤与职业病致残等级》分 1–10 级；"
              "任一伤残等级均触发核查为" + ASSUMPTION),
    ]),
    Parameter("traffic_injury_max_grade", _("触发核查的交通事故致残等级（不低于）"), unit=_("级"), values=[
        Value(10, SINCE, "《人体损伤致残程度分级》（最高人民法院等五部门 2016 年发布，2017-01-01 施行）分 1–10 级；"
              "任一等级均触发核查为" + ASSUMPTION),
    ]),
    Parameter("booking_lead_days", _("评残预约最早日期（入户核查后第几个工作日）"), unit=_("个工作日"), values=[
        Value(3, SINCE, "本场景服务承诺（尚未核实当地残联评残预约时限）"),
    ]),
]

# --- Employment: the quota (按比例安排就业) and the employment-security fund (残疾人就业保障金) -----------------------
# The fund for year Y is levied in Y+1 on Y's figures (财税〔2015〕72号 第八条), so a review of year Y reads the values
# in force on 1 January of Y+1.
REGULATION = "《残疾人就业条例》（国务院令第488号，2007-05-01施行）"
LEVY = "《残疾人就业保障金征收使用管理办法》（财税〔2015〕72号，2015-10-01施行）"
NOTICE_2019 = "《财政部关于调整残疾人就业保障金征收政策的公告》（财政部公告2019年第98号，2020-01-01起）"
NOTICE_2023 = ("《关于延续实施残疾人就业保障金优惠政策的公告》（财政部公告2023年第8号，执行期限 2023-01-01 至 "
               "2027-12-31；正文已核对）")
AFTER_2027 = "财政部公告2023年第8号执行期至 2027-12-31；此后是否延续尚未核实，暂按不减免计算"

PARAMETERS += [
    Parameter("quota_rate", _("按比例安排残疾人就业比例"), values=[
        Value(Decimal("0.015"), dt.date(2007, 5, 1), REGULATION + "第八条：不得低于本单位在职职工总数的 1.5%，具体比例由省级"
              "人民政府规定；浙江省规定的比例未经核实，按全国最低比例计"),
    ]),
    Parameter("severe_counts_as", _("安排一名一、二级残疾人按几名计算"), unit=_("名"), values=[
        Value(2, dt.date(2015, 10, 1), LEVY + "第八条：安排 1 名持有残疾人证（1 至 2 级）的人员就业的，按照安排 2 名"
              "残疾人就业计算（条文据记忆，未经核对）"),
    ]),
    Parameter("wage_cap_multiple", _("计征工资基数上限（当地社会平均工资的倍数）"), unit=_("倍"), values=[
        Value(2, dt.date(2017, 4, 1), "《关于取消、调整部分政府性基金有关政策的通知》（财税〔2017〕18号）：用人单位在职"
              "职工年平均工资超过当地社会平均工资 2 倍的，按 2 倍计征（条文据记忆，未经核对）"),
    ]),
    Parameter("local_average_wage", _("当地社会平均工资（计征上限依据）"), unit=_("元/年"), values=[
        Value(100000, dt.date(2020, 1, 1), "江山市（衢州市）上年社会平均工资未取得：此为示例值，须由财政、税务"
              "部门按当地公布数录入新值"),
    ]),
    Parameter("exempt_staff", _("暂免征收的企业在职职工人数上限（含）"), unit=_("人"), values=[
        Value(30, dt.date(2020, 1, 1), NOTICE_2019 + "第二条（未经核对）"),
        Value(30, dt.date(2023, 1, 1), NOTICE_2023 + "第二条", checked=True),
        Value(0, dt.date(2028, 1, 1), AFTER_2027),
    ]),
    Parameter("reduction", _("分档减缴（安排比例下限 → 按应缴额的比例缴纳）"), type="table", values=[
        Value([["0.01", "0.5"], ["0", "0.9"]], dt.date(2020, 1, 1), NOTICE_2019 + "第一条（未经核对）"),
        Value([["0.01", "0.5"], ["0", "0.9"]], dt.date(2023, 1, 1), NOTICE_2023 + "第一条：比例达到 1%（含）以上但"
              "未达到规定比例的按应缴额的 50% 缴纳；1% 以下的按 90% 缴纳", checked=True),
        Value([["0", "1"]], dt.date(2028, 1, 1), AFTER_2027),
    ]),
]

# --- Employment matching (就业精准匹配): the scene's design, no published scoring found ---------------------------
MATCH_ASSUMPTION = "本场景设计假设（未找到公开的残疾人岗位匹配评分办法），只用于排序与解释，录用由用人单位决定"
PARAMETERS += [
    Parameter("match_weights", _("岗位匹配各部分分值"), type="table", values=[
        Value({"skills": 40, "distance": 30, "need": 20, "accessible": 10}, SINCE, MATCH_ASSUMPTION),
    ]),
    Parameter("match_min_score", _("推荐的最低匹配分"), unit=_("分"), values=[
        Value(40, SINCE, MATCH_ASSUMPTION),
    ]),
]
