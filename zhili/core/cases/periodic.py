"""Periodic jobs of core.cases (run by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.foundation.schedules import Daily, Every, PeriodicJob

from .tasks import check_case_deadlines, check_holiday_calendar

PERIODIC_JOBS = [
    PeriodicJob("cases.deadlines", "案件期限检查", check_case_deadlines, Every(minutes=15),
                help="超期案件提醒承办人，并按规则上报督办"),
    PeriodicJob("cases.calendar_check", "节假日日历检查", check_holiday_calendar, Daily(at=dt.time(8, 0)),
                help="今年或 60 天内的明年尚未收录国务院放假调休通知时告警"),
]
