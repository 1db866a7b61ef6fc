"""Periodic jobs of core.sharing (run by ``manage.py run_worker``)."""

from zhili.core.foundation.schedules import Every, PeriodicJob

from .tasks import retry_due_webhooks

PERIODIC_JOBS = [
    PeriodicJob("sharing.webhook_retries", "数据推送重试", retry_due_webhooks, Every(minutes=1),
                help="退避时间已到的推送再次投递；最后一次失败后进入死信列表"),
]
