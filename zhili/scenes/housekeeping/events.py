"""What the 浙里好家政 scene tells (for other scenes to take up by name) and the messages it sends.

Published: ``housekeeping.agency.registered`` (agency_id), ``housekeeping.worker.registered`` (worker_id,
agency_id), ``housekeeping.worker.checks_recorded`` (worker_id), ``housekeeping.code.changed`` (worker_id, old,
new).
"""

from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="housekeeping_notice_slip",
    subject="家政安心码整改通知",
    body="家政服务员{worker}的安心码转为{colour}：{reasons}。整改完成后将自动重新赋码。",
))
