"""Data the 碳效码 scene receives through core.datapool (validated, with lineage).

Energy by kind and value added per enterprise and month arrive from the source systems (grid company, gas
company, statistics bureau, tax); the scene's own evaluation hands its grades back (``carbon_code_grades``) so
that core.indicators keeps each enterprise's level and signs its code. Units are carried on each energy row and
checked by the evaluation against the unit the factor expects (kWh, m3, t, GJ), so a row in MWh is flagged, not
silently graded.
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

from .choices import EnergyKind
from .effects import ITEMS

DATASETS = [
    Dataset(
        code="carbon_code_energy",
        name=_("规上工业企业月度能源消费"),
        source_system=_("电力、燃气、统计部门能源数据（电网营销系统、燃气公司、能源统计直报）"),
        department=_("经信局"),
        fields=(
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("month", _("月份（当月1日）"), "date", required=True),
            Field("kind", _("能源种类"), "string", required=True, choices=tuple(EnergyKind.values)),
            Field("quantity", _("用量"), "decimal"),
            Field("unit", _("计量单位"), "string", required=True, max_length=8),
            Field("source", _("来源系统"), "string", max_length=40),
        ),
        key=("uscc", "month", "kind"),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
    Dataset(
        code="carbon_code_value_added",
        name=_("规上工业企业月度增加值（收入法）"),
        source_system=_("统计局联网直报、税务发票数据"),
        department=_("统计局"),
        fields=(
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("month", _("月份（当月1日）"), "date", required=True),
            Field("value_added", _("增加值（万元）"), "decimal"),
        ),
        key=("uscc", "month"),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
    Dataset(
        code="carbon_code_grades",
        name=_("企业碳效等级（本场景评价结果）"),
        source_system=_("碳效码评价"),
        department=_("经信局"),
        fields=(
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("period", _("评价期"), "string", required=True, max_length=7),
            Field("scope", _("评价期类型"), "string", required=True, choices=("year", "month")),
            Field("period_end", _("评价期截止日"), "date", required=True),
            Field("grade", _("碳效等级"), "integer", required=True),
        ),
        key=("uscc", "period"),
        freshness=timedelta(days=366),
    ),
    Dataset(
        code="carbon_code_effects",
        name=_("碳效应用成效（本场景按县汇总）"),
        source_system=_("碳效码：银行审批记录、服务匹配、碳账单、整改工单"),
        department=_("经信局"),
        fields=(
            Field("county", _("县（市、区）代码"), "string", required=True, max_length=12),
            Field("item", _("成效指标"), "string", required=True, choices=tuple(ITEMS),
                  labels=tuple((code, _(spec[0])) for code, spec in ITEMS.items())),  # marked in effects.py
            Field("recorded_on", _("统计截止日"), "date", required=True),
            Field("value", _("数值"), "decimal", required=True),
        ),
        key=("county", "item", "recorded_on"),
        freshness=timedelta(days=366),
    ),
]
