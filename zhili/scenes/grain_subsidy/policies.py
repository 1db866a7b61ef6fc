"""The 浙农补 scene's dated parameters (policy domain ``grain_subsidy``), read by the one loader.

None of Pinghu's own per-mu amounts or its three-colour thresholds could be read in an official text from here
(reference scenes.md §2: "NOT FOUND"); each value says where it comes from and ``checked=False`` until a domain
owner reads it in the county's document. The exclusions follow the national 三项补贴 reform (财农〔2016〕26号).
"""

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "grain_subsidy"
SINCE = dt.date(2026, 1, 1)
NOT_CHECKED = "平湖市文件未能核实，"
REFORM = "财政部、农业部《关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）"

PARAMETERS = [
    Parameter("per_mu_arable_protection", _("耕地地力保护补贴标准"), unit=_("元/亩"), values=[
        Value(Decimal("110.00"), SINCE, NOT_CHECKED + "设计假设值：浙江各县耕地地力保护补贴多在每亩百元上下，待以县级"
              "当年实施方案文号替换；发放对象与依据面积见" + REFORM),
    ]),
    Parameter("per_mu_scale_grain", _("规模种粮补贴标准"), unit=_("元/亩"), values=[
        Value(Decimal("240.00"), SINCE, NOT_CHECKED + "参照杭州市钱塘区规模种粮补贴（水稻、小麦 50 亩以上由每亩 150 元提高到 "
              "240 元），http://www.loungealamode.com/362 [二手资料]"),
    ]),
    Parameter("scale_grain_min_area", _("规模种粮最低经营面积"), unit=_("亩"), values=[
        Value(Decimal("50.00"), SINCE, NOT_CHECKED + "参照杭州市钱塘区规模种粮补贴（50 亩以上），"
              "http://www.loungealamode.com/362 [二手资料]"),
    ]),
    Parameter("area_tolerance", _("核定面积与确权面积允许偏差"), unit=_("比例"), values=[
        Value(Decimal("0.05"), SINCE, NOT_CHECKED + "设计假设（三色预警：申领面积与确权面积相差在容差以内为"
              "绿色），容差取 5%"),
    ]),
    Parameter("overlap_tolerance_m2", _("不同农户地块允许重叠面积"), unit=_("平方米"), values=[
        Value(Decimal("1.0"), SINCE, NOT_CHECKED + "设计假设：测绘误差以内（1 平方米）的重叠不视为重复申领"),
    ]),
    Parameter("max_yield_kg_per_mu", _("每亩年交售粮食合理上限"), unit=_("公斤/亩"), values=[
        Value(Decimal("900"), SINCE, NOT_CHECKED + "设计假设：浙江双季稻两季合计亩产多在 800–900 公斤以内，"
              "一块地一年交售入库的粮食超过该量视为产量异常（粮源可疑或面积不实），待以当地统计亩产替换"),
    ]),
]
