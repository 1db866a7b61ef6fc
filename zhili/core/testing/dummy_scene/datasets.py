"""Datasets the dummy scene declares, to exercise ingestion and indicators in tests."""

from datetime import timedelta

from zhili.core.datapool.declarations import Dataset, Field

DATASETS = [
    Dataset(
        code="dummy_wage_payments",
        name="测试工资发放记录",
        source_system="测试人社系统",
        department="测试人社局",
        fields=(
            Field("payment_id", "发放编号", "string", required=True, max_length=40),
            Field("uscc", "统一社会信用代码", "string", required=True, max_length=18),
            Field("paid_on", "发放日期", "date", required=True),
            Field("amount", "金额（元）", "decimal", required=True),
            Field("status", "状态", "string", required=True, choices=("paid", "late", "unpaid")),
            Field("workers", "人数", "integer"),
        ),
        key=("payment_id",),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
    Dataset(
        code="dummy_complaints",
        name="测试投诉记录",
        source_system="测试 12345 热线",
        department="测试信访局",
        fields=(
            Field("complaint_id", "投诉编号", "string", required=True),
            Field("uscc", "统一社会信用代码", "string", required=True, max_length=18),
            Field("received_on", "受理日期", "date", required=True),
            Field("kind", "类别", "string", required=True, choices=("wage", "contract", "other")),
        ),
        key=("complaint_id",),
        update_mode="full",
        freshness=timedelta(days=7),
    ),
]
