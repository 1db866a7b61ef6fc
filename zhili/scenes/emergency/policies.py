"""The 浙里急救 scene's dated parameters (policy domain ``emergency``), read by the one loader.

The national targets come from a press digest of the 2020 guidance (《关于进一步完善院前医疗急救服务的指导意见》,
国卫医发〔2020〕19号); the guidance's own text could not be reached from the stored public pages (searched again on
2026-12-07: only the digest of 2020-09-25 and secondary summaries), so every value stays ``checked=False`` until a
domain owner reads the original. The hospital-choice rule (``queries.suggest_hospitals``) is quoted from
《院前医疗急救管理办法》(国家卫生和计划生育委员会令第3号, in force 2014-02-01) by the press report of its publication
(http://www.cishannews.com/news/sh/2013/1223/2419.html): "按照就近、就急、满足专业需要、兼顾患者意愿的原则，将患者转运至
医疗机构救治"; the article number was not read in the original.
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "emergency"
SINCE = dt.date(2026, 1, 1)
GUIDANCE = ("国家卫生健康委等《关于进一步完善院前医疗急救服务的指导意见》（国卫医发〔2020〕19号），据 2020-09-25 新闻摘要"
            "（https://nanmuxuan.com/zh-sg/tag/%E9%99%A2%E5%89%8D%E5%8C%BB%E7%96%97%E6%80%A5%E6%95%91），原文未核实")

PARAMETERS = [
    Parameter("turnout_s", _("出车准备时间（受理派单至车辆驶出）"), unit=_("秒"), values=[
        Value(Decimal("180"), SINCE, GUIDANCE + "：3 分钟出车率≥95%，推荐按 3 分钟上限计入在站车辆的预计到达时间"),
    ]),
    Parameter("golden_window_s", _("心脏骤停黄金抢救时间窗"), unit=_("秒"), values=[
        Value(Decimal("240"), SINCE, "中国急救医学：4 分钟内施救存活率约 50%，8 分钟约 10%，"
              "http://cem.org.cn/rhtml/20190324/index.htm（期刊文章，未核对原文）"),
    ]),
    Parameter("response_target_s", _("平均急救反应时间目标"), unit=_("秒"), values=[
        Value(Decimal("720"), SINCE, "参照上海 2019 年平均 12.4 分钟（界面新闻 https://www.jiemian.com/article/4297194.html）、昆山同区 12.40 分钟（《职业卫生与应急救援》2022 年第 4 期，doi:10.16369/j.oher.issn.1007-1326.2022.04.017），"
              "设计假设值，非法定标准"),
    ]),
    Parameter("cover_penalty_s", _("站区覆盖惩罚（派出本站最后一辆车）"), unit=_("秒"), values=[
        Value(Decimal("120"), SINCE, "平台调度规则（设计假设值）：非 A 级呼救时，若派出某站最后一辆在站车辆，"
              "评分加 120 秒，优先由有余车的站出车，以保站区覆盖；A 级呼救不加"),
    ]),
    Parameter("aed_walk_m", _("AED 步行查找半径"), unit=_("米"), values=[
        Value(Decimal("800"), SINCE, "设计假设值：步行约 1.2 米/秒，往返取用须在黄金 4 分钟内，单程约 400 米、"
              "查找半径取 800 米"),
    ]),
    Parameter("address_uncertainty_m", _("标准地址匹配位置的不确定半径"), unit=_("米"), values=[
        Value(Decimal("50"), SINCE, "设计假设值：地名地址库的门牌点位于建筑出入口附近，取 50 米；"
              "与手机定位精度、基站定位半径一同参与位置融合"),
    ]),
    Parameter("volunteer_radius_m", _("志愿者通知半径"), unit=_("米"), values=[
        Value(Decimal("1000"), SINCE, "设计假设值：参照各地“急救志愿者 1 公里响应”做法，未核实具体文件"),
    ]),
]
