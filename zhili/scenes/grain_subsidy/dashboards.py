"""The 浙农补 scene's cockpit (驾驶舱) on core.dashboards."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="grain_subsidy.overview",
    title=_("浙农补驾驶舱"),
    data_url_name="grain_subsidy:cockpit_data",
    export_url_name="grain_subsidy:cockpit_export",
    widgets=(Widget("funds", _("补贴资金（元）"), "bar", span=2), Widget("colours", _("三色预警"), "pie"),
             Widget("indicators", _("十项指标（按乡镇）"), "bar", span=3),
             Widget("towns", _("各乡镇地块监测属性"), "bar", span=3)),
))
