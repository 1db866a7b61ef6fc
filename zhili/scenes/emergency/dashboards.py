"""The 浙里急救 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="emergency.overview",
    title=_("浙里急救驾驶舱"),
    data_url_name="emergency:cockpit_data",
    export_url_name="emergency:cockpit_export",
    widgets=(Widget("kpi", _("核心指标"), "table", span=1, table_open=True),
             Widget("response", _("反应时间分布"), "bar", span=2),
             Widget("priority", _("呼救分级"), "pie"),
             Widget("need", _("病种（所需救治能力）"), "hbar"),
             Widget("county", _("按县（市、区）"), "bar")),
))
