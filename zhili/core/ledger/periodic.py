"""Periodic jobs of core.ledger (run by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.foundation.schedules import Daily, Every, PeriodicJob

from .tasks import audit, checkpoint_and_anchor

PERIODIC_JOBS = [
    PeriodicJob("ledger.checkpoint", "账本检查点与时间戳锚定", checkpoint_and_anchor, Every(minutes=1),
                help="到期时签发检查点，并为待锚定的检查点重试时间戳服务"),
    PeriodicJob("ledger.audit", "账本全量核验", audit, Daily(at=dt.time(3, 0)),
                help="由记录重算默克尔树并与每个检查点比对，差异即红色告警"),
]
