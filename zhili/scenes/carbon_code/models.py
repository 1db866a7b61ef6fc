"""Models of the 碳效码 scene: evaluation runs and each enterprise's figures, grade and level for a period."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel

from .choices import CarbonLevel, Grade, LoanStatus, ResultStatus


class Evaluation(TimeStampedModel):
    """One evaluation of a period (a year ``2025`` or a month ``2025-06``) over the data pool's energy rows."""

    period = models.CharField(_("评价期"), max_length=7, db_index=True)
    start = models.DateField(_("起始月"))
    end = models.DateField(_("截止日"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    enterprise_count = models.PositiveIntegerField(_("企业数"), default=0)
    graded_count = models.PositiveIntegerField(_("已评价企业数"), default=0)
    factors = models.JSONField(_("采用的排放因子"), default=dict)

    class Meta:
        verbose_name = _("碳效评价")
        verbose_name_plural = _("碳效评价")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.period}"


class CarbonResult(TimeStampedModel):
    """An enterprise's carbon figures for one period: emissions, L, K, grade, level, or why it is not graded."""

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("评价"), on_delete=models.CASCADE,
                                   related_name="results")
    enterprise = models.ForeignKey("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    industry_code = models.CharField(_("行业大类"), max_length=5, blank=True)
    period = models.CharField(_("评价期"), max_length=7, db_index=True)
    status = models.CharField(_("状态"), max_length=16, choices=ResultStatus.choices, db_index=True)
    quantities = models.JSONField(_("各类能源用量"), default=dict)
    gross_t = models.DecimalField(_("碳排放总量（tCO2）"), max_digits=16, decimal_places=3, null=True)
    offset_t = models.DecimalField(_("零碳电力抵扣（tCO2）"), max_digits=16, decimal_places=3, null=True)
    net_t = models.DecimalField(_("净排放（tCO2）"), max_digits=16, decimal_places=3, null=True)
    value_added = models.DecimalField(_("增加值（万元）"), max_digits=16, decimal_places=2, null=True)
    intensity = models.DecimalField(_("单位增加值碳排放 L（t/万元）"), max_digits=12, decimal_places=4, null=True)
    industry_intensity = models.DecimalField(_("行业单位增加值碳排放（t/万元）"), max_digits=12, decimal_places=4,
                                             null=True)
    k_value = models.DecimalField(_("碳效值 K"), max_digits=12, decimal_places=4, null=True)
    grade = models.CharField(_("碳效等级"), max_length=1, choices=Grade.choices, blank=True, db_index=True)
    level = models.CharField(_("碳效水平"), max_length=8, choices=CarbonLevel.choices, blank=True, db_index=True)
    neutrality = models.DecimalField(_("碳中和率"), max_digits=6, decimal_places=4, null=True)
    problems = models.JSONField(_("数据问题"), default=list)

    class Meta:
        verbose_name = _("企业碳效")
        verbose_name_plural = _("企业碳效")
        ordering = ["period", "enterprise_id"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "period"], name="carbon_result_unique_period")]

    def __str__(self):
        return f"{self.enterprise} {self.period}"

    @property
    def grade_choice(self) -> Grade | None:
        return Grade(self.grade) if self.grade else None

    @property
    def level_choice(self) -> CarbonLevel | None:
        return CarbonLevel(self.level) if self.level else None

    @property
    def status_choice(self) -> ResultStatus:
        return ResultStatus(self.status)

    @property
    def label(self) -> str:
        """The combined label as published (高碳3级), empty when not graded."""
        if not self.grade:
            return ""
        return f"{self.level_choice.label}{self.grade_choice.label}"


class CarbonBill(TimeStampedModel):
    """A carbon bill (碳账单) issued for an enterprise and period: the PDF, sealed by the platform, and its digest.

    The figures are those of the result it was made from; a later re-evaluation leaves an issued bill as it was.
    """

    enterprise = models.ForeignKey("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="+")
    period = models.CharField(_("账单期"), max_length=7, db_index=True)
    result = models.ForeignKey(CarbonResult, verbose_name=_("评价结果"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="bills")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("签发人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    pdf = models.BinaryField(_("PDF 文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("碳账单")
        verbose_name_plural = _("碳账单")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.enterprise} {self.period}"


class RegionIndex(TimeStampedModel):
    """A region's or industry's figures for an evaluated period: totals, intensity, index against the province,
    rank among its peers (the graded enterprises only)."""

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("评价"), on_delete=models.CASCADE,
                                   related_name="indices")
    period = models.CharField(_("评价期"), max_length=7, db_index=True)
    level = models.CharField(_("层级"), max_length=10, db_index=True)  # province, city, county, town, industry
    code = models.CharField(_("代码"), max_length=12)
    name = models.CharField(_("名称"), max_length=100, blank=True)
    firms = models.PositiveIntegerField(_("企业数"))
    good_firms = models.PositiveIntegerField(_("1–2 级企业数"))
    poor_firms = models.PositiveIntegerField(_("4–5 级企业数"))
    gross_t = models.DecimalField(_("碳排放总量（tCO2）"), max_digits=18, decimal_places=3)
    offset_t = models.DecimalField(_("零碳电力抵扣（tCO2）"), max_digits=18, decimal_places=3)
    net_t = models.DecimalField(_("净排放（tCO2）"), max_digits=18, decimal_places=3)
    value_added = models.DecimalField(_("增加值（万元）"), max_digits=18, decimal_places=2)
    intensity = models.DecimalField(_("单位增加值碳排放（t/万元）"), max_digits=12, decimal_places=4)
    index_value = models.DecimalField(_("碳效指数"), max_digits=12, decimal_places=4)
    neutrality = models.DecimalField(_("碳中和率"), max_digits=6, decimal_places=4, null=True)
    rank = models.PositiveIntegerField(_("排名"))

    class Meta:
        verbose_name = _("区域碳效指数")
        verbose_name_plural = _("区域碳效指数")
        ordering = ["period", "level", "rank"]

    def __str__(self):
        return f"{self.period} {self.name or self.code}"


class LoanProduct(TimeStampedModel):
    """A bank's carbon-efficiency loan (碳效贷): the grades it serves, its line and its rate."""

    bank = models.ForeignKey("orgs.Organization", verbose_name=_("银行"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("产品名称"), max_length=100)
    min_grade = models.PositiveSmallIntegerField(_("适用最优等级"))
    max_grade = models.PositiveSmallIntegerField(_("适用最差等级"))
    max_amount = models.DecimalField(_("单户最高额度（万元）"), max_digits=12, decimal_places=2)
    annual_rate = models.DecimalField(_("年利率（%）"), max_digits=5, decimal_places=2)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    is_active = models.BooleanField(_("在售"), default=True)

    class Meta:
        verbose_name = _("碳效贷产品")
        verbose_name_plural = _("碳效贷产品")
        ordering = ["bank_id", "min_grade", "id"]

    def __str__(self):
        return self.name

    def serves(self, grade: int) -> bool:
        return self.min_grade <= grade <= self.max_grade


class LoanApplication(TimeStampedModel):
    """An enterprise's one-click application for a product, with the enterprise's grant under which the bank reads
    its figures (nothing of the figures is copied onto the application)."""

    product = models.ForeignKey(LoanProduct, verbose_name=_("产品"), on_delete=models.PROTECT,
                                related_name="applications")
    enterprise = models.ForeignKey("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="+")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="+")
    amount = models.DecimalField(_("申请金额（万元）"), max_digits=12, decimal_places=2)
    period = models.CharField(_("依据评价期"), max_length=7)
    grant = models.ForeignKey("sharing.OrgGrant", verbose_name=_("企业授权"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              help_text=_("银行只凭此授权查阅企业的碳效数据（core.sharing），撤销或到期后不能再查阅"))
    status = models.CharField(_("状态"), max_length=16, choices=LoanStatus.choices, default=LoanStatus.SUBMITTED,
                              db_index=True)
    granted_amount = models.DecimalField(_("放款金额（万元）"), max_digits=12, decimal_places=2, null=True)
    granted_rate = models.DecimalField(_("执行年利率（%）"), max_digits=5, decimal_places=2, null=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    note = models.CharField(_("审批意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("碳效贷申请")
        verbose_name_plural = _("碳效贷申请")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.enterprise} {self.product}"

    @property
    def status_choice(self) -> LoanStatus:
        return LoanStatus(self.status)
