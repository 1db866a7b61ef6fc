"""The 碳效码 scene's cockpit (驾驶舱) on core.dashboards: county → town → industry → enterprise."""

from django.utils.translation import gettext_lazy as _

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="carbon_code.overview",
    title=_("碳效码驾驶舱"),
    data_url_name="carbon_code:cockpit_data",
    export_url_name="carbon_code:cockpit_export",
    widgets=(Widget("kpi", _("总体情况"), "kpi", span=3),
             Widget("regions", _("区域碳效排名"), "hbar", span=2, table_open=True),
             Widget("grades", _("碳效等级分布"), "bar"),
             Widget("industries", _("行业碳效"), "bar", span=2, table_open=True),
             Widget("levels", _("碳效水平分布"), "pie"),
             Widget("new_energy", _("自发零碳电力"), "line", span=2),
             Widget("worst", _("碳效值最高的企业"), "table"),
             Widget("kinds", _("能源品种诊断"), "bar", span=2),
             Widget("effects", _("碳效应用成效"), "table", span=3)),
))
