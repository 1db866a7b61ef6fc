"""The 智慧助残 scene's cockpit (驾驶舱) on core.dashboards."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="disability_aid.overview",
    title="智慧助残驾驶舱",
    data_url_name="disability_aid:cockpit_data",
    export_url_name="disability_aid:cockpit_export",
    widgets=(Widget("conversion", "主动发现到发证", "bar", span=2), Widget("category", "持证残疾人按类别", "pie"),
             Widget("grade", "持证残疾人按等级", "bar"), Widget("subsidies", "两项补贴发放（已复核）", "bar", span=2)),
))
