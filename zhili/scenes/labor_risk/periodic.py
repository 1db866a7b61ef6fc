"""Periodic jobs of the labor-risk scene (run by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.declarations import Daily, PeriodicJob
from zhili.core.jobs.registry import register

from .tasks import evaluate_last_month

register(PeriodicJob("labor_risk.nightly_evaluation", "劳动关系风险夜间评估", evaluate_last_month,
                     Daily(at=dt.time(2, 0)), help="评估上月数据；等级上升生成预警，橙色、红色预警自动立案"))
