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

FOOTPRINT = register_cockpit(Cockpit(
    code="carbon_code.footprint",
    title=_("我的碳足迹"),
    data_url_name="carbon_code:footprint_data",
    export_url_name="carbon_code:footprint_export",
    widgets=(Widget("kpi", _("年度碳效"), "kpi", span=3),
             Widget("by_kind", _("按能源种类的月度排放"), "bar", span=2),
             Widget("k_history", _("碳效值 K 与等级"), "line", table_open=True),
             Widget("net", _("排放总量与净排放"), "line", span=2),
             Widget("industry", _("与行业对比"), "line"),
             Widget("new_energy", _("自发零碳电力"), "bar", span=3)),
))
