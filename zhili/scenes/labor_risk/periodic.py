"""Periodic jobs of the labor-risk scene (run by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import evaluate_last_month

PERIODIC_JOBS = [
    PeriodicJob("labor_risk.nightly_evaluation", "劳动关系风险夜间评估", evaluate_last_month,
                Daily(at=dt.time(2, 0)), help="评估上月数据；等级上升生成预警，橙色、红色预警自动立案"),
]
