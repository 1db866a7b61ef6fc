"""The 政策咨询机器人 scene's cockpit (驾驶舱) on core.dashboards: what people ask, and the labour-relations situation."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="policy_qa.overview",
    title=_("劳动关系形势与政策咨询"),
    data_url_name="policy_qa:cockpit_data",
    export_url_name="policy_qa:cockpit_export",
    widgets=(
        Widget("kpi", _("咨询概况"), "kpi", span=3),
        Widget("situation", _("劳动关系形势（按月）"), "bar", span=3, table_open=True),
        Widget("topics", _("热点问题（按周、主题）"), "line", span=2),
        Widget("unanswered", _("未能解答率（按周）"), "line"),
        Widget("keywords", _("高频关键词"), "hbar"),
        Widget("regions", _("各地区提问量"), "bar"),
        Widget("services", _("引导办理的服务"), "hbar"),
        Widget("policy_effect", _("政策效果：施行前后的解答评价"), "table", span=3, table_open=True),
    ),
))
