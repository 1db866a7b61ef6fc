"""Periodic jobs of core.notify (run by ``manage.py run_worker``)."""

from zhili.core.foundation.schedules import Every, PeriodicJob

from .tasks import deliver_outbox

PERIODIC_JOBS = [
    PeriodicJob("notify.deliver_outbox", "发送待发消息", deliver_outbox, Every(minutes=1),
                help="短信、站内信和邮件：到期的发送与失败重试"),
]
