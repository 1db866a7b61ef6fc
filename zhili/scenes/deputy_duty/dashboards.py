"""The 人大代表履职 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="deputy_duty.overview",
    title=_("人大代表履职驾驶舱"),
    data_url_name="deputy_duty:cockpit_data",
    export_url_name="deputy_duty:cockpit_export",
    widgets=(
        Widget("kpi", _("总体情况"), "kpi", span=3),
        Widget("status", _("意见办理状态"), "pie"),
        Widget("category", _("意见分类"), "bar", span=2),
        Widget("hotwords", _("近 12 个月群众意见热词"), "hbar", span=2),
        Widget("station", _("联络站收集意见"), "hbar"),
        Widget("station_activity", _("联络站活跃度（近 12 个月）"), "hbar", span=2),
        Widget("duty_score", _("代表履职积分（本年度）"), "hbar", span=2),
        Widget("proposals", _("议案建议和履职服务（本年度）"), "hbar"),
    ),
))
