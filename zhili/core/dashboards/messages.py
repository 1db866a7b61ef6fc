"""Message templates of core.dashboards."""

from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="dashboards_index_warning",
    body="{scope}「{index}」为 {value}，已达{level}（阈值：黄色 {yellow}，红色 {red}；依据：{reference}）。请及时研判处置。",
    subject="指数预警：{index}",
))
