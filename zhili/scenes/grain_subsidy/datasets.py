"""Data the 浙农补 scene receives from other departments, through core.datapool (validated, with lineage)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

DATASETS = [
    Dataset(
        code="grain_subsidy_storage",
        name=_("粮食储备库存月报"),
        source_system=_("粮食和物资储备局粮食购销监管系统"),
        department=_("发展和改革局（粮食和物资储备局）"),
        fields=(
            Field("report_id", _("报表编号"), "string", required=True, max_length=40),
            Field("depot_code", _("库点编码"), "string", required=True, max_length=30),
            Field("depot_name", _("库点名称"), "string", required=True, max_length=100),
            Field("reported_on", _("报告日期"), "date", required=True),
            Field("capacity_t", _("仓容（吨）"), "decimal", required=True),
            Field("stock_t", _("实际库存（吨）"), "decimal", required=True),
            Field("reserve_t", _("储备计划规模（吨）"), "decimal", required=True),
            Field("seed_stock_t", _("救灾备荒种子库存（吨）"), "decimal", required=True),
            Field("seed_reserve_t", _("种子储备计划（吨）"), "decimal", required=True),
        ),
        key=("report_id",),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
    Dataset(
        code="grain_subsidy_sales",
        name=_("售粮入库记录"),
        source_system=_("粮食和物资储备局粮食购销监管系统（收购入库）"),
        department=_("发展和改革局（粮食和物资储备局）"),
        fields=(
            Field("receipt_id", _("入库单号"), "string", required=True, max_length=40),
            Field("depot_code", _("库点编码"), "string", required=True, max_length=30),
            Field("plot_code", _("地块编码"), "string", required=True, max_length=40),
            Field("sold_on", _("入库日期"), "date", required=True),
            Field("crop", _("品种"), "string", required=True, max_length=20),
            Field("weight_kg", _("入库净重（公斤）"), "decimal", required=True),
        ),
        key=("receipt_id",),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
]
