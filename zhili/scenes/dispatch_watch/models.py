"""Models of the 劳务派遣监管 scene: agencies and their licences, dispatched workers, host employers, annual
reports and their verification, host-employer warnings, and special working-hour approvals (特殊工时)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    ChangeStatus,
    CreditGrade,
    HoursCycle,
    HoursKind,
    HoursStatus,
    InsuranceStatus,
    LicenceStatus,
    PostNature,
    ReportStatus,
    Verdict,
    WarningStatus,
    WorkerStatus,
)


class Agency(TimeStampedModel):
    """A labour-dispatch agency (劳务派遣单位) and its 劳务派遣经营许可证."""

    organization = models.OneToOneField("orgs.Organization", verbose_name=_("单位"), on_delete=models.PROTECT,
                                        related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    licence_no = models.CharField(_("许可证编号"), max_length=40, unique=True)
    licence_issued_on = models.DateField(_("发证日期"))
    licence_expires_on = models.DateField(_("有效期至"))
    licence_status = models.CharField(_("许可状态"), max_length=16, choices=LicenceStatus.choices,
                                      default=LicenceStatus.VALID, db_index=True)
    registered_capital = models.DecimalField(_("注册资本（元）"), max_digits=14, decimal_places=2)
    premises = models.CharField(_("经营场所"), max_length=255)
    branches = models.PositiveIntegerField(_("分支机构数"), default=0)
    credit_grade = models.CharField(_("信用等级"), max_length=4, choices=CreditGrade.choices, blank=True)
    credit_year = models.PositiveIntegerField(_("评价年度"), null=True, blank=True)

    class Meta:
        verbose_name = _("劳务派遣单位")
        verbose_name_plural = _("劳务派遣单位")
        ordering = ["licence_no"]

    def __str__(self):
        return self.organization.name

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def uscc(self) -> str:
        return self.organization.uscc


class HostEmployer(TimeStampedModel):
    """A host employer (用工单位) with its direct workforce as employment registration reports it."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("单位名称"), max_length=200)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    industry_name = models.CharField(_("行业"), max_length=100, blank=True)
    direct_employees = models.PositiveIntegerField(_("直接用工人数"), default=0)
    direct_avg_wage = models.DecimalField(_("同类岗位直接用工月平均工资（元）"), max_digits=10, decimal_places=2,
                                          default=0)
    outsourcing_contract = models.BooleanField(_("签有业务外包合同"), default=False)
    outsourced_on_host_payroll = models.PositiveIntegerField(_("外包人员在本单位考勤或工资名单中人数"), default=0)

    class Meta:
        verbose_name = _("用工单位")
        verbose_name_plural = _("用工单位")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DispatchedWorker(TimeStampedModel):
    """One dispatch of one worker by an agency to a host employer (派遣记录)."""

    agency = models.ForeignKey(Agency, verbose_name=_("派遣单位"), on_delete=models.PROTECT, related_name="workers")
    host = models.ForeignKey(HostEmployer, verbose_name=_("用工单位"), on_delete=models.PROTECT, related_name="workers")
    name = pii.EncryptedTextField(_("姓名"))
    id_number = pii.EncryptedTextField(_("身份证号码"), blind_index_field="id_number_index")
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    birth_year = models.PositiveIntegerField(_("出生年份"))
    post = models.CharField(_("岗位"), max_length=100)
    post_nature = models.CharField(_("岗位性质"), max_length=16, choices=PostNature.choices)
    work_region = models.ForeignKey("orgs.Region", verbose_name=_("工作地"), on_delete=models.PROTECT,
                                    related_name="+")
    dispatch_start = models.DateField(_("派遣开始日期"))
    dispatch_end = models.DateField(_("派遣结束日期"))
    contract_start = models.DateField(_("劳动合同开始日期"))
    contract_end = models.DateField(_("劳动合同结束日期"))
    monthly_wage = models.DecimalField(_("月工资（元）"), max_digits=10, decimal_places=2)
    insurance_region_code = models.CharField(_("参保地区划代码"), max_length=12)
    insurance_status = models.CharField(_("参保状态"), max_length=16, choices=InsuranceStatus.choices)
    status = models.CharField(_("状态"), max_length=16, choices=WorkerStatus.choices, default=WorkerStatus.ACTIVE,
                              db_index=True)

    class Meta:
        verbose_name = _("被派遣劳动者")
        verbose_name_plural = _("被派遣劳动者")
        ordering = ["-dispatch_start", "-id"]

    def __str__(self):
        return f"{pii.mask_name(self.name)}（{self.post}）"

    @property
    def masked_name(self) -> str:
        return pii.mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return pii.mask_id_number(self.id_number)


class AnnualReport(TimeStampedModel):
    """An agency's report on one year's operations (年度经营情况报告), its items and its verification."""

    agency = models.ForeignKey(Agency, verbose_name=_("派遣单位"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveIntegerField(_("报告年度"))
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED,
                              db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True,
                                     on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("提交日期"))
    # 1. operations with the prior-year audit
    revenue = models.DecimalField(_("营业收入（元）"), max_digits=14, decimal_places=2)
    audit_attached = models.BooleanField(_("附上年度财务审计报告"), default=False)
    # 2. dispatched workers, contracts, union membership
    dispatched_total = models.PositiveIntegerField(_("被派遣劳动者人数"))
    temporary_count = models.PositiveIntegerField(_("其中临时性岗位"))
    auxiliary_count = models.PositiveIntegerField(_("其中辅助性岗位"))
    substitute_count = models.PositiveIntegerField(_("其中替代性岗位"))
    contracts_signed = models.PositiveIntegerField(_("订立劳动合同人数"))
    union_members = models.PositiveIntegerField(_("参加工会人数"))
    # 3. wages; 4. social insurance
    wages_paid = models.DecimalField(_("支付劳动报酬总额（元）"), max_digits=14, decimal_places=2)
    insured_count = models.PositiveIntegerField(_("参加社会保险人数"))
    insurance_paid = models.DecimalField(_("缴纳社会保险费（元）"), max_digits=14, decimal_places=2)
    # 5. hosts; 6. agreements; 7. branches
    hosts_count = models.PositiveIntegerField(_("用工单位数"))
    agreements_count = models.PositiveIntegerField(_("劳务派遣协议份数"))
    branches_count = models.PositiveIntegerField(_("分支机构数"))
    # verification
    findings = models.JSONField(_("规则核验结果"), default=list, blank=True)
    suggested = models.CharField(_("系统建议"), max_length=16, choices=Verdict.choices, blank=True)
    verdict = models.CharField(_("核验结论"), max_length=16, choices=Verdict.choices, blank=True, db_index=True)
    reasons = models.TextField(_("结论理由"), blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核验人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(_("核验时间"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("整改或指导工单"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    published = models.BooleanField(_("已公示"), default=False)

    class Meta:
        verbose_name = _("年度经营情况报告")
        verbose_name_plural = _("年度经营情况报告")
        ordering = ["-year", "agency__licence_no"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="dispatch_watch_one_report_a_year")]

    def __str__(self):
        return f"{self.agency}（{self.year}年度）"


class OverdueNotice(TimeStampedModel):
    """A reminder, then an escalation, for a report not submitted by 31 March."""

    agency = models.ForeignKey(Agency, verbose_name=_("派遣单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("报告年度"))
    reminded_on = models.DateField(_("提醒日期"))
    escalated_on = models.DateField(_("转办日期"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("督办工单"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("逾期未报记录")
        verbose_name_plural = _("逾期未报记录")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="dispatch_watch_one_notice_a_year")]


class HostWarning(TimeStampedModel):
    """A warning raised when a host employer's level on the host-check indicator system rises."""

    host = models.ForeignKey(HostEmployer, verbose_name=_("用工单位"), on_delete=models.PROTECT, related_name="warnings")
    period = models.CharField(_("期间"), max_length=10)
    old_level = models.CharField(_("原等级"), max_length=10)
    level = models.CharField(_("预警等级"), max_length=10)
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=2, default=0)
    fired = models.JSONField(_("触发指标"), default=list)
    status = models.CharField(_("状态"), max_length=16, choices=WarningStatus.choices, default=WarningStatus.OPEN)
    case = models.ForeignKey("cases.Case", verbose_name=_("处置工单"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("用工单位预警")
        verbose_name_plural = _("用工单位预警")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["host", "period", "level"], name="dispatch_watch_one_warning")]


class SpecialHoursApproval(TimeStampedModel):
    """An enterprise's application for a special working-hour system (特殊工时) and its decision."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("申请单位"), on_delete=models.PROTECT,
                                     related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("工时制度"), max_length=16, choices=HoursKind.choices)
    cycle = models.CharField(_("综合计算周期"), max_length=8, choices=HoursCycle.choices, blank=True)
    posts = models.CharField(_("实行岗位"), max_length=300)
    workers = models.PositiveIntegerField(_("涉及人数"))
    period_start = models.DateField(_("实行期间自"))
    period_end = models.DateField(_("实行期间至"))
    arrangement = models.TextField(_("工作时间与休息安排"))
    status = models.CharField(_("状态"), max_length=16, choices=HoursStatus.choices, default=HoursStatus.SUBMITTED,
                              db_index=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_no = models.CharField(_("决定书文号"), max_length=60, blank=True)
    note = models.CharField(_("审批意见"), max_length=500, blank=True)
    renews = models.ForeignKey("self", verbose_name=_("延续自"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    decision_pdf = models.BinaryField(_("审批决定书（已签章 PDF）"), null=True, blank=True, editable=False)
    decision_sha256 = models.CharField(_("决定书 SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("特殊工时审批")
        verbose_name_plural = _("特殊工时审批")
        ordering = ["-created_at", "-id"]


class CreditRating(TimeStampedModel):
    """An agency's computed credit grade for one year (劳务派遣单位信用等级, 人社厅发〔2025〕6号), with its basis."""

    agency = models.ForeignKey(Agency, verbose_name=_("派遣单位"), on_delete=models.PROTECT, related_name="ratings")
    year = models.PositiveIntegerField(_("评价年度"))
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=1)
    grade = models.CharField(_("信用等级"), max_length=4, choices=CreditGrade.choices)
    items = models.JSONField(_("加减分与限制性条款"), default=list)
    capped = models.BooleanField(_("因比例上限调整"), default=False)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("信用等级评价")
        verbose_name_plural = _("信用等级评价")
        ordering = ["-year", "agency__licence_no"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="dispatch_watch_one_rating_a_year")]

    def __str__(self):
        return f"{self.agency}（{self.year}）{self.grade}"


class LicenceChange(TimeStampedModel):
    """An agency's request to change its licence's particulars (名称、法定代表人、住所、注册资本) and the decision."""

    agency = models.ForeignKey(Agency, verbose_name=_("派遣单位"), on_delete=models.PROTECT, related_name="changes")
    new_name = models.CharField(_("变更后名称"), max_length=200, blank=True)
    new_legal_representative = models.CharField(_("变更后法定代表人"), max_length=50, blank=True)
    new_premises = models.CharField(_("变更后住所（经营场所）"), max_length=255, blank=True)
    new_capital = models.DecimalField(_("变更后注册资本（元）"), max_digits=14, decimal_places=2, null=True,
                                      blank=True)
    explanation = models.CharField(_("变更事由"), max_length=500)
    status = models.CharField(_("状态"), max_length=16, choices=ChangeStatus.choices, default=ChangeStatus.SUBMITTED,
                              db_index=True)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decision_reason = models.CharField(_("审核意见"), max_length=500, blank=True)
    previous = models.JSONField(_("变更前"), default=dict, blank=True)

    class Meta:
        verbose_name = _("许可变更申请")
        verbose_name_plural = _("许可变更申请")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.agency}：{self.explanation[:30]}"
