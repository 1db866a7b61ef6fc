"""Periodic jobs of the 人大代表履职 scene (queued once per slot by ``manage.py run_worker``)."""

import datetime as dt

from zhili.core.jobs.api import Daily, PeriodicJob

from .tasks import close_unrated_answers, rebuild_hot_words

PERIODIC_JOBS = [
    PeriodicJob("deputy_duty.close_unrated", "逾期未评价的答复视为满意并办结", close_unrated_answers,
                Daily(at=dt.time(2, 0)), help="每天办结答复后超过评价期限仍未评价的群众意见"),
    PeriodicJob("deputy_duty.rebuild_hotwords", "重新统计群众意见热词", rebuild_hot_words,
                Daily(at=dt.time(3, 30)),
                help="每天凌晨按现行停用词表和用户词典重新统计全部意见的热词（提交时已逐条累计，此处校正）"),
]
