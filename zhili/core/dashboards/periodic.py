"""Periodic jobs of core.dashboards (run by ``manage.py run_worker``)."""

from zhili.core.foundation.schedules import Every, PeriodicJob

from .services import refresh_dirty_facts_task

PERIODIC_JOBS = [
    PeriodicJob("dashboards.refresh", "刷新驾驶舱数据", refresh_dirty_facts_task, Every(minutes=5),
                help="有新数据的事实表重新汇总"),
]
