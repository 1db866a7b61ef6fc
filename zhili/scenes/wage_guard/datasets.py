"""Data the 安薪在线 scene takes through core.datapool (validated, with lineage).

``wage_guard_checks``: the findings of the scene's own checks (balance against payroll, late labour cost, below the
minimum wage, late pay, attendance without pay and pay without attendance), one row per enterprise, project and
finding, written by the nightly check run. ``wage_guard_dept_signals``: department data on the same enterprises
(water, electricity and gas arrears, tax arrears, lawsuits, abnormal operation; MWR Art. 38).
"""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from zhili.core.datapool.api import Dataset, Field

CHECK_KINDS = ("balance_short", "labor_cost_late", "below_minimum", "late_pay", "attendance_unpaid",
               "paid_unattended", "no_contract")
SIGNAL_KINDS = ("utility_arrears", "tax_arrears", "lawsuit", "abnormal_operation")

DATASETS = [
    Dataset(
        code="wage_guard_checks",
        name=_("在建项目欠薪风险核查结果"),
        source_system=_("安薪在线"),
        department=_("人力资源和社会保障局"),
        fields=(
            Field("finding_id", _("核查编号"), "string", required=True, max_length=60),
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("permit_number", _("施工许可证号"), "string", required=True, max_length=40),
            Field("checked_on", _("核查日期"), "date", required=True),
            Field("kind", _("问题类型"), "string", required=True, max_length=30),
            Field("amount", _("涉及金额（元）"), "decimal", required=True),
            Field("workers", _("涉及人数"), "integer", required=True),
        ),
        key=("finding_id",),
        freshness=timedelta(days=2),
        max_bad_ratio=0.0,
    ),
    Dataset(
        code="wage_guard_dept_signals",
        name=_("企业欠费欠税涉诉及经营异常信息"),
        source_system=_("供水供电供气、税务、法院、市场监管"),
        department=_("人力资源和社会保障局"),
        fields=(
            Field("signal_id", _("信息编号"), "string", required=True, max_length=60),
            Field("uscc", _("统一社会信用代码"), "string", required=True, max_length=18),
            Field("signal_on", _("发生日期"), "date", required=True),
            Field("kind", _("信息类型"), "string", required=True, max_length=30),
            Field("amount", _("金额（元）"), "decimal", required=False),
        ),
        key=("signal_id",),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
]
