"""The 浙里好家政 scene's dated parameters (policy domain ``housekeeping``), read by the one loader.

The 安心码's colour rules themselves are the indicator system in ``indicators.py`` (each with its source); the
values here are the ones services read on a day. A value marked 未核实 was not found in an official text: it is
the project's design assumption, said so here and on docs/scenes/housekeeping.md.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "housekeeping"
SINCE = dt.date(2026, 1, 1)

NINGBO_CODE = "宁波 81890 家政安心码赋码规则（2020）：http://news.cnnb.com.cn/system/2020/09/02/030184890.shtml（新闻报道）"
JIAXING_CODE = "嘉兴家政安心码“双证合一”、一人一机构：http://benjuzi.cn/guonei/20201221/122128009.html（新闻报道）"
CREDIT_PLATFORM = ("商务部等《关于建立家政服务业信用体系的指导意见》与家政服务信用信息平台（2020）："
                   "http://ln.sina.com.cn/news/m/2020-07-10/detail-iirczymm1552707.shtml（新闻报道）")

PARAMETERS = [
    Parameter("complaint_window_days", _("安心码计入投诉的期间"), unit=_("天"), values=[
        Value(90, SINCE, "未核实：项目设计假设（公开材料只说投诉计入信用记录，未给期间）；" + CREDIT_PLATFORM),
    ]),
    Parameter("code_ttl_hours", _("安心码有效时长"), unit=_("小时"), values=[
        Value(24, SINCE, "未核实：项目设计假设（每日赋码，码随数据变化失效）；" + NINGBO_CODE),
    ]),
]

SHEBA = ("匹配权重参考开源派单实现 Sheba SMART_MATCH_GUIDE（距离 30%、技能 25%、评分 20%、经验 15%、偏好 5%、语言 5%）："
         "https://github.com/Abeeda-Ummey-Haafsa/Sheba")
SEED = "浙里好家政场景材料：按画像就近匹配，首次保洁响应由 4 天缩短至 20 分钟（临海试点）"

PARAMETERS += [
    Parameter("match_weights", _("匹配评分权重（距离、技能、等级、评分、价格、语言）"), type="table", values=[
        Value({"distance": 30, "skill": 20, "grade": 15, "rating": 15, "price": 15, "language": 5}, SINCE,
              "未核实：项目设计假设，按本场景要求把经验并入技能、加入等级与价格后重分配；" + SHEBA),
    ]),
    Parameter("match_max_distance_km", _("就近匹配的最远距离"), unit=_("公里"), values=[
        Value(15, SINCE, "未核实：项目设计假设（县域内就近）；" + SEED),
    ]),
    Parameter("response_target_minutes", _("接单响应目标"), unit=_("分钟"), values=[
        Value(20, SINCE, SEED + "（新闻报道口径，驾驶舱参考线）"),
    ]),
    Parameter("check_in_radius_m", _("上门签到允许偏差"), unit=_("米"), values=[
        Value(300, SINCE, "未核实：项目设计假设（手机定位误差与小区范围）"),
    ]),
]

GRADING = ("家政服务机构与服务员信用评价指标（机构：实力、服务能力、管理、公共信用；服务员：身份信息完整度、技能、客户评价、"
           "失信记录），见 T/SHHSIA 310001-2019、GB/T 31772-2015 摘要：https://jiazheng.isorenzheng.cn/xinwen/33.html"
           "（二手资料）")

PARAMETERS += [
    Parameter("worker_grade_points", _("服务员信用星级得分项"), type="table", values=[
        Value({"green_code": 20, "certificate": 20, "years_3": 10, "rating_max": 40, "rating_neutral": 20,
               "complaint_penalty": 15, "min_ratings": 3}, SINCE,
              "未核实：项目设计假设（指标族依据二手资料，分值未见官方文本）；" + GRADING),
    ]),
    Parameter("grade_thresholds", _("信用星级门槛（5 至 2 星/A）"), type="list", values=[
        Value([85, 70, 55, 40], SINCE, "未核实：项目设计假设（1–5 星、A–5A 档位见二手资料，分数线未见官方文本）；" + GRADING),
    ]),
    Parameter("agency_grade_points", _("机构信用等级得分项"), type="table", values=[
        Value({"rating_max": 50, "rating_neutral": 25, "green_share_max": 30, "complaint_rate_penalty": 200,
               "licence": 20, "min_ratings": 5}, SINCE,
              "未核实：项目设计假设；" + GRADING),
    ]),
    Parameter("grade_treatment", _("信用等级对应待遇"), type="table", values=[
        Value({"5": "优先推荐，培训补贴全额", "4": "优先推荐，培训补贴 80%", "3": "正常推荐", "2": "推荐靠后，机构约谈",
               "1": "暂停推荐，限期整改"}, SINCE,
              "未核实：项目设计假设（种子材料称“等级与待遇挂钩”，未给具体待遇）"),
    ]),
    Parameter("complaint_deadline_days", _("家政投诉办理时限"), unit=_("工作日"), values=[
        Value(7, SINCE, "未核实：项目设计假设，参照《市场监督管理投诉举报处理暂行办法》受理后处理时限的做法"),
    ]),
]
