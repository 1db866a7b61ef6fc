"""The 智慧助残 scene's dated parameters (policy domain ``disability_aid``), read by the one loader.

Detection of suspected disabilities has no published rule (``../shared/reference/scenes.md`` §5 found none): the
triggers below are the scene's design assumption, flagged unchecked, and a trigger is never an award — the grade
comes only from the assessment at a designated hospital (GB/T 26341-2010).
"""

import datetime as dt

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
