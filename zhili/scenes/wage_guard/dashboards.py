"""The 安薪在线 scene's cockpit (驾驶舱) on core.dashboards: the seed's arrears and resolution rates as live figures."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="wage_guard.overview",
    title=_("安薪在线驾驶舱"),
    data_url_name="wage_guard:cockpit_data",
    export_url_name="wage_guard:cockpit_export",
    widgets=(
        Widget("kpi", _("总体情况"), "kpi", span=3),
        Widget("status", _("项目状态"), "pie"),
        Widget("risk", _("未消除的欠薪风险"), "hbar"),
        Widget("channels", _("投诉渠道"), "pie"),
        Widget("paid", _("按月代发"), "bar", span=3),
    ),
))
