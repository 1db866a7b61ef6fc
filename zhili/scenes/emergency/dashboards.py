"""The 浙里急救 scene's cockpit (驾驶舱) on core.dashboards."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="emergency.overview",
    title="浙里急救驾驶舱",
    data_url_name="emergency:cockpit_data",
    export_url_name="emergency:cockpit_export",
    widgets=(Widget("kpi", "核心指标", "table", span=1, table_open=True),
             Widget("response", "反应时间分布", "bar", span=2),
             Widget("priority", "呼救分级", "pie"),
             Widget("need", "病种（所需救治能力）", "hbar"),
             Widget("county", "按县（市、区）", "bar")),
))
