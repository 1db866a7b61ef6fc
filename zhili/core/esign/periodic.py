"""Periodic jobs of core.esign (run by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.foundation.schedules import Daily, PeriodicJob

from .tasks import renew_archive_timestamps

PERIODIC_JOBS = [
    PeriodicJob("esign.archive_renewal", "归档时间戳续期", renew_archive_timestamps, Daily(at=dt.time(2, 30)),
                help="为最新时间戳的证书将在设定期限内到期的已完成文件加盖新的文档时间戳（含验证数据）"),
]
