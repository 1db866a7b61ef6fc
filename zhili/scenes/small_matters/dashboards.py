"""The 关键小事 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="small_matters.overview",
    title=_("关键小事驾驶舱"),
    data_url_name="small_matters:cockpit_data",
    export_url_name="small_matters:cockpit_export",
    widgets=(Widget("headline", _("关键小事总览"), "table", span=2), Widget("stages", _("各人生阶段事项数"), "bar"),
             Widget("claims", _("失业保险金办理状态"), "pie"), Widget("ratings", _("各事项好评率（差者在前）"), "hbar", span=2),
             Widget("monitor_daily", _("每日访问量和办件量"), "line", span=2),
             Widget("monitor_matters", _("各事项访问、办件、好评率和减材料减时间"), "table", span=2),
             Widget("findings", _("体验员发现（按事项）"), "hbar")),
))
