"""The 浙里好家政 scene's cockpit (驾驶舱) on core.dashboards."""

from zhili.core.dashboards.api import Cockpit, Widget, register_cockpit

COCKPIT = register_cockpit(Cockpit(
    code="housekeeping.overview",
    title="浙里好家政驾驶舱",
    data_url_name="housekeeping:cockpit_data",
    export_url_name="housekeeping:cockpit_export",
    widgets=(Widget("colours", "安心码分布", "pie", span=1), Widget("agency_grades", "机构信用等级", "bar", span=1),
             Widget("worker_stars", "服务员信用星级", "bar", span=1), Widget("orders", "订单状态", "bar", span=1),
             Widget("response", "接单响应（参考线 20 分钟）", "table", span=1), Widget("ratings", "评价", "table", span=1),
             Widget("complaints", "投诉", "table", span=1), Widget("seekers", "当家政：从推送到首单", "bar", span=1)),
))
