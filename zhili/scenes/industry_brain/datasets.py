"""Data the 童装产业大脑 scene receives from other departments, through core.datapool (validated, with lineage).

The monthly file's format and what becomes of it: ``monitoring.py``."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

DATASETS = [
    Dataset(
        code="industry_brain_monthly",
        name=_("童装企业月度运行数据"),
        source_system=_("湖州市吴兴区经信局企业运行监测系统"),
        department=_("湖州市吴兴区经信局"),
        fields=(
            Field("record_id", _("记录编号"), "string", required=True, max_length=40),
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("recorded_on", _("月份（月末日期）"), "date", required=True),
            Field("output_pieces", _("产量（件）"), "decimal", required=True),
            Field("orders", _("在手订单数"), "decimal"),
        ),
        key=("record_id",),
        freshness=timedelta(days=62),
        max_bad_ratio=0.05,
    ),
    Dataset(
        code="industry_brain_power",
        name=_("童装企业月度用电量"),
        source_system=_("国网湖州供电公司用电信息采集系统"),
        department=_("国网湖州供电公司"),
        fields=(
            Field("record_id", _("记录编号"), "string", required=True, max_length=40),
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("recorded_on", _("月份（月末日期）"), "date", required=True),
            Field("energy_kwh", _("用电量（千瓦时）"), "decimal", required=True),
        ),
        key=("record_id",),
        freshness=timedelta(days=62),
        max_bad_ratio=0.05,
    ),
]
