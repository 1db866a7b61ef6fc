"""Periodic jobs of core.sharing (run by ``manage.py run_worker``)."""

from zhili.core.jobs.declarations import Every, PeriodicJob
from zhili.core.jobs.registry import register

from .tasks import retry_due_webhooks

register(PeriodicJob("sharing.webhook_retries", "数据推送重试", retry_due_webhooks, Every(minutes=1),
                     help="退避时间已到的推送再次投递；最后一次失败后进入死信列表"))
