"""Models of the 童装产业大脑 scene: firms and their capacity, the cloud factory's orders and plans, group
procurement, the design library, workers and seasonal jobs, credit-relevant ledger entries, credit and loans."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel

from .choices import (
    BatchStatus,
    CreditGrade,
    FirmRole,
    Grade,
    LedgerKind,
    Licence,
    MatchStatus,
    NeedStatus,
    OrderStatus,
    PartStatus,
    Speciality,
)


class Firm(TimeStampedModel):
    """An enterprise of the cluster (core.orgs holds its USCC and name) and what it can make."""

    organization = models.OneToOneField("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                        related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=16, choices=FirmRole.choices, db_index=True)
    specialities = models.JSONField(_("专长"), default=list)
    grade = models.CharField(_("质量等级"), max_length=1, choices=Grade.choices, default=Grade.B)
    lines = models.PositiveIntegerField(_("生产线（条）"), default=0)
    machines = models.PositiveIntegerField(_("设备（台）"), default=0)
    skilled_workers = models.PositiveIntegerField(_("熟练工（人）"), default=0)
    monthly_capacity = models.PositiveIntegerField(_("月产能（件）"), default=0)
    lon = models.FloatField(_("经度"))
    lat = models.FloatField(_("纬度"))

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["id"]

    def __str__(self):
        return self.organization.name

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def role_choice(self) -> FirmRole:
        return FirmRole(self.role)

    @property
    def speciality_labels(self) -> str:
        return "、".join(str(Speciality(s).label) for s in self.specialities if s in Speciality.values)


class MonthlyReport(TimeStampedModel):
    """A firm's month: output, orders taken, capacity used, energy (monitoring, 运行监测)."""

    firm = models.ForeignKey(Firm, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="reports")
    month = models.CharField(_("月份"), max_length=7)
    output_pieces = models.PositiveIntegerField(_("产量（件）"))
    orders = models.PositiveIntegerField(_("订单数"))
    capacity_used = models.DecimalField(_("产能利用率"), max_digits=5, decimal_places=3)
    energy_kwh = models.PositiveIntegerField(_("用电量（千瓦时）"))

    class Meta:
        verbose_name = _("月度运行")
        verbose_name_plural = _("月度运行")
        constraints = [models.UniqueConstraint(fields=["firm", "month"], name="industry_brain_report_once")]


class ProductionOrder(TimeStampedModel):
    """A brand's order to the cloud factory (云工厂订单): one style, a quantity, a due date, a lowest grade."""

    brand = models.ForeignKey(Firm, verbose_name=_("品牌商"), on_delete=models.PROTECT, related_name="orders")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    style = models.CharField(_("款式"), max_length=100)
    speciality = models.CharField(_("工艺"), max_length=16, choices=Speciality.choices)
    quantity = models.PositiveIntegerField(_("数量（件）"))
    unit_price = models.DecimalField(_("加工单价（元/件）"), max_digits=8, decimal_places=2)
    grade = models.CharField(_("最低质量等级"), max_length=1, choices=Grade.choices)
    start_date = models.DateField(_("最早开工日"))
    due_date = models.DateField(_("交货日期"))
    status = models.CharField(_("状态"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.POSTED,
                              db_index=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("下单人"), on_delete=models.PROTECT,
                                  related_name="+")
    explanation = models.JSONField(_("派单说明"), default=list, blank=True)
    paid_amount = models.DecimalField(_("已付款（元）"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("云工厂订单")
        verbose_name_plural = _("云工厂订单")
        ordering = ["due_date", "id"]

    def __str__(self):
        return f"{self.style}（{self.quantity} 件）"

    @property
    def status_choice(self) -> OrderStatus:
        return OrderStatus(self.status)


class DispatchPlan(TimeStampedModel):
    """One run of the dispatcher: its stated cost against the greedy baseline's on the same orders."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("派单人"), on_delete=models.PROTECT,
                                   related_name="+")
    orders = models.PositiveIntegerField(_("订单数"))
    factories = models.PositiveIntegerField(_("工厂数"))
    cost = models.JSONField(_("方案成本"))
    greedy_cost = models.JSONField(_("基线成本"))
    seconds = models.FloatField(_("计算用时（秒）"))

    class Meta:
        verbose_name = _("派单方案")
        verbose_name_plural = _("派单方案")
        ordering = ["-id"]


class OrderPart(TimeStampedModel):
    """The share of an order one factory is asked to make (拆单), by the week the plan gives it."""

    order = models.ForeignKey(ProductionOrder, verbose_name=_("订单"), on_delete=models.PROTECT, related_name="parts")
    factory = models.ForeignKey(Firm, verbose_name=_("工厂"), on_delete=models.PROTECT, related_name="parts")
    plan = models.ForeignKey(DispatchPlan, verbose_name=_("派单方案"), on_delete=models.PROTECT, related_name="parts")
    quantity = models.PositiveIntegerField(_("数量（件）"))
    finish_by = models.DateField(_("计划完成日"))
    status = models.CharField(_("状态"), max_length=16, choices=PartStatus.choices, default=PartStatus.PROPOSED,
                              db_index=True)
    made = models.PositiveIntegerField(_("已完成（件）"), default=0)
    checked = models.PositiveIntegerField(_("已质检（件）"), default=0)
    passed = models.PositiveIntegerField(_("质检合格（件）"), default=0)
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("交货时间"), null=True, blank=True)
    risk_case = models.ForeignKey("cases.Case", verbose_name=_("延期风险工单"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("派单")
        verbose_name_plural = _("派单")
        ordering = ["finish_by", "id"]

    @property
    def status_choice(self) -> PartStatus:
        return PartStatus(self.status)


class ProcurementBatch(TimeStampedModel):
    """Compatible material needs pooled into one request for quotation (一键集采)."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    material = models.CharField(_("面辅料规格"), max_length=100)
    colour = models.CharField(_("颜色"), max_length=30)
    quantity = models.DecimalField(_("合计数量（米）"), max_digits=12, decimal_places=1)
    needed_by = models.DateField(_("最早需用日"))
    status = models.CharField(_("状态"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.RFQ)
    awarded_quote = models.ForeignKey("Quote", verbose_name=_("中标报价"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    savings = models.DecimalField(_("节约金额（元）"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("集采批次")
        verbose_name_plural = _("集采批次")
        ordering = ["-id"]

    @property
    def status_choice(self) -> BatchStatus:
        return BatchStatus(self.status)


class MaterialNeed(TimeStampedModel):
    """A firm's material need, with the unit price it was quoted on its own (the savings' baseline)."""

    firm = models.ForeignKey(Firm, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="needs")
    material = models.CharField(_("面辅料规格"), max_length=100)
    colour = models.CharField(_("颜色"), max_length=30)
    quantity = models.DecimalField(_("数量（米）"), max_digits=12, decimal_places=1)
    needed_by = models.DateField(_("需用日期"))
    own_unit_price = models.DecimalField(_("自行询价单价（元/米）"), max_digits=10, decimal_places=2)
    status = models.CharField(_("状态"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    batch = models.ForeignKey(ProcurementBatch, verbose_name=_("集采批次"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="needs")
    awarded_amount = models.DecimalField(_("集采金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("面辅料需求")
        verbose_name_plural = _("面辅料需求")
        ordering = ["-id"]

    @property
    def status_choice(self) -> NeedStatus:
        return NeedStatus(self.status)


class Quote(TimeStampedModel):
    """A supplier's unit price for a batch: one per supplier and batch."""

    batch = models.ForeignKey(ProcurementBatch, verbose_name=_("集采批次"), on_delete=models.PROTECT,
                              related_name="quotes")
    supplier = models.ForeignKey(Firm, verbose_name=_("供应商"), on_delete=models.PROTECT, related_name="quotes")
    unit_price = models.DecimalField(_("单价（元/米）"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("报价")
        verbose_name_plural = _("报价")
        ordering = ["unit_price", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "supplier"], name="industry_brain_one_quote")]


class Design(TimeStampedModel):
    """A pattern or design in the shared library (一键设计), with its file and licence terms."""

    owner = models.ForeignKey(Firm, verbose_name=_("所有企业"), on_delete=models.PROTECT, related_name="designs")
    title = models.CharField(_("名称"), max_length=100)
    sizes = models.CharField(_("尺码"), max_length=100)
    tags = models.JSONField(_("标签"), default=list)
    licence = models.CharField(_("许可方式"), max_length=16, choices=Licence.choices)
    fee = models.DecimalField(_("许可费（元）"), max_digits=10, decimal_places=2, default=0)
    private = models.BooleanField(_("仅本企业可见"), default=False)
    file_name = models.CharField(_("文件名"), max_length=200)
    file_type = models.CharField(_("文件类型"), max_length=10)
    content = models.BinaryField(_("文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    image_hash = models.CharField(_("图像差值哈希"), max_length=16, blank=True,
                                  help_text=_("PNG/JPEG 图像的 64 位 dHash（十六进制）；其他类型为空"))

    class Meta:
        verbose_name = _("设计")
        verbose_name_plural = _("设计")
        ordering = ["-id"]

    def __str__(self):
        return self.title

    @property
    def licence_choice(self) -> Licence:
        return Licence(self.licence)


class DesignLicence(TimeStampedModel):
    """A licence of a design to another firm, on the design's terms."""

    design = models.ForeignKey(Design, verbose_name=_("设计"), on_delete=models.PROTECT, related_name="licences")
    licensee = models.ForeignKey(Firm, verbose_name=_("被许可企业"), on_delete=models.PROTECT, related_name="+")
    terms = models.CharField(_("许可方式"), max_length=16, choices=Licence.choices)
    fee = models.DecimalField(_("许可费（元）"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("设计许可")
        verbose_name_plural = _("设计许可")
        constraints = [models.UniqueConstraint(fields=["design", "licensee"], name="industry_brain_licence_once")]


class WorkerProfile(TimeStampedModel):
    """A garment worker's profile (一键用工): skills, piece rate, when and where they can work."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("工人"), on_delete=models.PROTECT,
                                related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    skills = models.JSONField(_("技能"), default=list)
    piece_rate = models.DecimalField(_("期望计件单价（元/件）"), max_digits=6, decimal_places=2)
    available_from = models.DateField(_("可上岗日"))
    available_to = models.DateField(_("可工作至"))

    class Meta:
        verbose_name = _("工人档案")
        verbose_name_plural = _("工人档案")


class SeasonalJob(TimeStampedModel):
    """A factory's seasonal job: a skill, a piece rate, a period, how many workers."""

    factory = models.ForeignKey(Firm, verbose_name=_("工厂"), on_delete=models.PROTECT, related_name="jobs")
    title = models.CharField(_("岗位"), max_length=100)
    skill = models.CharField(_("技能"), max_length=16, choices=Speciality.choices)
    piece_rate = models.DecimalField(_("计件单价（元/件）"), max_digits=6, decimal_places=2)
    starts = models.DateField(_("开始日期"))
    ends = models.DateField(_("结束日期"))
    openings = models.PositiveIntegerField(_("招聘人数"))

    class Meta:
        verbose_name = _("季节性岗位")
        verbose_name_plural = _("季节性岗位")
        ordering = ["starts", "id"]


class JobMatch(TimeStampedModel):
    """A worker and a job brought together by one side; the other side's acceptance starts a contract."""

    worker = models.ForeignKey(WorkerProfile, verbose_name=_("工人"), on_delete=models.PROTECT, related_name="matches")
    job = models.ForeignKey(SeasonalJob, verbose_name=_("岗位"), on_delete=models.PROTECT, related_name="matches")
    proposed_by_worker = models.BooleanField(_("工人发起"))
    status = models.CharField(_("状态"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用工匹配")
        verbose_name_plural = _("用工匹配")
        constraints = [models.UniqueConstraint(fields=["worker", "job"], name="industry_brain_match_once")]

    @property
    def status_choice(self) -> MatchStatus:
        return MatchStatus(self.status)


class CreditEntry(models.Model):
    """A credit-relevant fact as it happened, mirrored from its core ledger entry (columns the rules read)."""

    firm = models.ForeignKey(Firm, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=16, choices=LedgerKind.choices)
    day = models.DateField(_("日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    on_time = models.BooleanField(_("按期"))
    ledger_index = models.BigIntegerField(_("账本序号"))

    class Meta:
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        indexes = [models.Index(fields=["firm", "day"])]

    def __str__(self):
        return f"{self.kind} {self.day} #{self.ledger_index}"


class CreditProfile(TimeStampedModel):
    """A firm's credit profile computed from its ledger record by the stated rules (``credit.py``)."""

    firm = models.OneToOneField(Firm, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="credit")
    score = models.DecimalField(_("信用分"), max_digits=5, decimal_places=1)
    grade = models.CharField(_("信用等级"), max_length=3, choices=CreditGrade.choices)
    factors = models.JSONField(_("评分因素"))
    entries = models.PositiveIntegerField(_("记录数"))
    computed_on = models.DateField(_("计算日期"))

    class Meta:
        verbose_name = _("信用画像")
        verbose_name_plural = _("信用画像")

    @property
    def grade_choice(self) -> CreditGrade:
        return CreditGrade(self.grade)


class LoanDecision(TimeStampedModel):
    """A bank's decision on a firm's loan request, after reading its credit profile under the firm's grant."""

    bank = models.ForeignKey("orgs.Organization", verbose_name=_("银行"), on_delete=models.PROTECT, related_name="+")
    firm = models.ForeignKey(Firm, verbose_name=_("企业"), on_delete=models.PROTECT, related_name="loans")
    amount = models.DecimalField(_("申请金额（万元）"), max_digits=10, decimal_places=2)
    requested_at = models.DateTimeField(_("申请时间"))
    approved = models.BooleanField(_("批准"), null=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("决定人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("贷款决定")
        verbose_name_plural = _("贷款决定")
        ordering = ["-id"]

    @property
    def cycle_days(self) -> float | None:
        if self.decided_at is None:
            return None
        return round((self.decided_at - self.requested_at).total_seconds() / 86400, 1)
