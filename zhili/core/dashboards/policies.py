"""Core.dashboards' dated parameters (policy domain ``dashboards``), read by the one loader."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import Parameter, Value

DOMAIN = "dashboards"

PARAMETERS = [
    Parameter("min_cell_size", _("公开统计的最小单元格人数（少于此数不单独公布）"), unit=_("人"), values=[
        Value(5, dt.date(2020, 1, 1), "《个人信息保护法》第七十三条（匿名化：无法识别特定个人且不能复原）；"
                                      "国家统计局统计数据发布小单元格抑制惯例（少于 5 人不单独公布）。"
                                      "5 人为统计发布惯例，法律未规定具体数值")]),
]
