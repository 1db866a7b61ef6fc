"""The 智慧助残 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="disability_aid.overview",
    title=_("智慧助残驾驶舱"),
    data_url_name="disability_aid:cockpit_data",
    export_url_name="disability_aid:cockpit_export",
    widgets=(Widget("conversion", _("主动发现到发证"), "bar", span=2), Widget("category", _("持证残疾人按类别"), "pie"),
             Widget("grade", _("持证残疾人按等级"), "bar"), Widget("subsidies", _("两项补贴发放（已复核）"), "bar", span=2),
             Widget("employment", _("残疾人就业"), "bar"), Widget("quota", _("按比例就业年审与保障金"), "table", span=2),
             Widget("accidents", _("致残事故按原因"), "hbar", span=2)),
))
