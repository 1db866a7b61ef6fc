"""Data the 安薪在线 scene takes through core.datapool (validated, with lineage).

``wage_guard_checks``: the findings of the scene's own checks (balance against payroll, late labour cost, below the
minimum wage, late pay, attendance without pay and pay without attendance), one row per enterprise, project and
finding, written by the nightly check run. ``wage_guard_dept_signals``: department data on the same enterprises
(water, electricity and gas arrears, tax arrears, lawsuits, abnormal operation; MWR Art. 38).
"""

from datetime import timedelta

from zhili.core.datapool.api import Dataset, Field

CHECK_KINDS = ("balance_short", "labor_cost_late", "below_minimum", "late_pay", "attendance_unpaid",
               "paid_unattended", "no_contract")
SIGNAL_KINDS = ("utility_arrears", "tax_arrears", "lawsuit", "abnormal_operation")

DATASETS = [
    Dataset(
        code="wage_guard_checks",
        name="在建项目欠薪风险核查结果",
        source_system="安薪在线",
        department="人力资源和社会保障局",
        fields=(
            Field("finding_id", "核查编号", "string", required=True, max_length=60),
            Field("uscc", "统一社会信用代码", "string", required=True, max_length=18),
            Field("permit_number", "施工许可证号", "string", required=True, max_length=40),
            Field("checked_on", "核查日期", "date", required=True),
            Field("kind", "问题类型", "string", required=True, max_length=30),
            Field("amount", "涉及金额（元）", "decimal", required=True),
            Field("workers", "涉及人数", "integer", required=True),
        ),
        key=("finding_id",),
        freshness=timedelta(days=2),
        max_bad_ratio=0.0,
    ),
    Dataset(
        code="wage_guard_dept_signals",
        name="企业欠费欠税涉诉及经营异常信息",
        source_system="供水供电供气、税务、法院、市场监管",
        department="人力资源和社会保障局",
        fields=(
            Field("signal_id", "信息编号", "string", required=True, max_length=60),
            Field("uscc", "统一社会信用代码", "string", required=True, max_length=18),
            Field("signal_on", "发生日期", "date", required=True),
            Field("kind", "信息类型", "string", required=True, max_length=30),
            Field("amount", "金额（元）", "decimal", required=False),
        ),
        key=("signal_id",),
        freshness=timedelta(days=31),
        max_bad_ratio=0.05,
    ),
]
