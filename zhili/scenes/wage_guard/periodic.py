"""Periodic jobs of the 安薪在线 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import daily_checks

PERIODIC_JOBS = [
    PeriodicJob("wage_guard.daily_checks", "在建项目欠薪风险日检", daily_checks, Daily(at=dt.time(2, 30)),
                help="每天检查专用账户余额、人工费用拨付、最低工资、按期发放与考勤工资一致性，严重问题派单核查，并更新企业欠薪风险等级"),
]
