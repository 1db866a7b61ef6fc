"""Periodic jobs of core.dashboards (run by ``manage.py run_worker``)."""

from zhili.core.jobs.declarations import Every, PeriodicJob
from zhili.core.jobs.registry import register

from .tasks import refresh_dirty_facts_task

register(PeriodicJob("dashboards.refresh", "刷新驾驶舱数据", refresh_dirty_facts_task, Every(minutes=5),
                     help="有新数据的事实表重新汇总"))
