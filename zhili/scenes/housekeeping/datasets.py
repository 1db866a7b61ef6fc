"""Data the 浙里好家政 scene hands to core.datapool: each worker's checks on a day (公安、卫健、保险、投诉).

One row per worker and day, written by ``services.codes.recompute_codes`` from the registry after a data load;
the 安心码's indicator system (``indicators.py``) reads it.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

WORKER_CHECKS = "housekeeping_worker_checks"

DATASETS = [
    Dataset(
        code=WORKER_CHECKS,
        name=_("家政服务员安心码核验数据"),
        source_system=_("家政服务信用信息平台、公安背景核查、体检机构、保险机构"),
        department=_("商务局"),
        fields=(
            Field("worker_key", _("安心码编号"), "string", required=True, max_length=20),
            Field("checked_on", _("核验日期"), "date", required=True),
            Field("background_abnormal", _("公安背景核查异常"), "boolean", required=True),
            Field("background_pending", _("公安背景核查未完成"), "boolean", required=True),
            Field("health_valid", _("健康证在有效期内"), "boolean", required=True),
            Field("insurance_valid", _("从业责任保险在有效期内"), "boolean", required=True),
            Field("complaints", _("期间内成立的投诉件数"), "integer", required=True),
        ),
        key=("worker_key", "checked_on"),
        freshness=timedelta(days=1),
        max_bad_ratio=0.0,
    ),
]
