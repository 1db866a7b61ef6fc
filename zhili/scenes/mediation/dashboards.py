"""The 云调解室 scene's cockpit (驾驶舱) on core.dashboards: cases, settlement rate against the seed's 63 %,
claim types, amounts agreed, durations, by mediator and region."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="mediation.overview",
    title="云调解室驾驶舱",
    data_url_name="mediation:cockpit_data",
    export_url_name="mediation:cockpit_export",
    widgets=(
        Widget("headline", "调解概况", "table", span=1, table_open=True),
        Widget("status", "案件状态", "pie", span=1),
        Widget("types", "争议类型", "bar", span=1),
        Widget("mediators", "调解员", "table", span=2, table_open=True),
        Widget("regions", "区划", "table", span=1, table_open=True),
    ),
))
