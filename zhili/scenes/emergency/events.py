"""What the 浙里急救 scene tells other scenes (by name) and the messages it sends.

Published: ``emergency.call.placed`` (call_id), ``emergency.run.dispatched`` (run_id, call_id),
``emergency.run.status`` (run_id, status), ``emergency.run.handed_over`` (run_id).
"""

from zhili.core.notify.api import MessageTemplate, register_template

register_template(MessageTemplate(
    code="emergency_run_assigned",
    subject="急救派车",
    body="{sign}：新任务（{priority} 级），地点：{place}。请在车组终端接单。",
))
register_template(MessageTemplate(
    code="emergency_volunteer_alert",
    subject="附近有人心脏骤停",
    body="您附近（{place}）有疑似心脏骤停患者，最近的 AED：{aed}。如方便请前往协助，救护车已出发。",
))
