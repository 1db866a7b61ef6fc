"""Data the 浙里急救 scene receives from other departments, through core.datapool (validated, with lineage)."""

from datetime import timedelta

from zhili.core.datapool.api import Dataset, Field

DATASETS = [
    Dataset(
        code="emergency_aed_register",
        name="AED 设备登记台账",
        source_system="卫生健康委员会 AED 管理系统",
        department="卫生健康委员会",
        fields=(
            Field("device_id", "设备编号", "string", required=True, max_length=40),
            Field("place", "放置地点", "string", required=True, max_length=200),
            Field("lon", "经度", "decimal", required=True),
            Field("lat", "纬度", "decimal", required=True),
            Field("checked_on", "最近检查日期", "date", required=True),
        ),
        key=("device_id",),
        freshness=timedelta(days=92),
        max_bad_ratio=0.05,
    ),
]
