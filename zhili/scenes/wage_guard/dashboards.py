"""The 安薪在线 scene's cockpit (驾驶舱) on core.dashboards."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="wage_guard.overview",
    title="安薪在线驾驶舱",
    data_url_name="wage_guard:cockpit_data",
    export_url_name="wage_guard:cockpit_export",
    widgets=(Widget("status", "项目状态", "pie", span=2),),
))
