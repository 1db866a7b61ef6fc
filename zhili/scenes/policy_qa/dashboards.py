"""The 政策咨询机器人 scene's cockpit (驾驶舱) on core.dashboards: what people ask, and the labour-relations situation."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="policy_qa.overview",
    title="劳动关系形势与政策咨询",
    data_url_name="policy_qa:cockpit_data",
    export_url_name="policy_qa:cockpit_export",
    widgets=(
        Widget("kpi", "咨询概况", "kpi", span=3),
        Widget("situation", "劳动关系形势（按月）", "bar", span=3, table_open=True),
        Widget("topics", "热点问题（按周、主题）", "line", span=2),
        Widget("unanswered", "未能解答率（按周）", "line"),
        Widget("keywords", "高频关键词", "hbar"),
        Widget("regions", "各地区提问量", "bar"),
        Widget("services", "引导办理的服务", "hbar"),
        Widget("policy_effect", "政策效果：施行前后的解答评价", "table", span=3, table_open=True),
    ),
))
