"""The 碳效码 scene's cockpit (驾驶舱) on core.dashboards."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="carbon_code.overview",
    title="碳效码驾驶舱",
    data_url_name="carbon_code:cockpit_data",
    export_url_name="carbon_code:cockpit_export",
    widgets=(Widget("grades", "碳效等级分布", "bar", span=2), Widget("levels", "碳效水平分布", "pie"),
             Widget("status", "评价情况", "pie")),
))
