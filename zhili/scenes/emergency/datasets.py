"""Data the 浙里急救 scene receives from other departments, through core.datapool (validated, with lineage)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

DATASETS = [
    Dataset(
        code="emergency_aed_register",
        name=_("AED 设备登记台账"),
        source_system=_("卫生健康委员会 AED 管理系统"),
        department=_("卫生健康委员会"),
        fields=(
            Field("device_id", _("设备编号"), "string", required=True, max_length=40),
            Field("place", _("放置地点"), "string", required=True, max_length=200),
            Field("lon", _("经度"), "decimal", required=True),
            Field("lat", _("纬度"), "decimal", required=True),
            Field("checked_on", _("最近检查日期"), "date", required=True),
        ),
        key=("device_id",),
        freshness=timedelta(days=92),
        max_bad_ratio=0.05,
    ),
]
