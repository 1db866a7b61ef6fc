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
