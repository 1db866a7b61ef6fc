"""Models of the 安薪在线 scene: projects and their money, the real-name roster, attendance, wage sheets, payment.

人清 (roster with ID check, bank card, team, trade, entry and exit), 账清 (daily attendance, the worker's monthly
confirmation), 钱清 (the general contractor pays on behalf from the special account, the bank's return reconciled).
Workers are core identity users (name, ID number and phone encrypted there); the bank card is encrypted here.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    BatchStatus,
    ComplaintChannel,
    CreditLevel,
    DepositForm,
    FindingKind,
    LineStatus,
    PaymentStatus,
    ProjectStatus,
    PunchSource,
    SheetStatus,
    TransactionKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


def new_qr_token() -> str:
    return secrets.token_urlsafe(18)


class Project(TimeStampedModel):
    """A construction project under watch from its permit (施工许可) to completion and full wage settlement."""

    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("项目名称"), max_length=200)
    permit_number = models.CharField(_("施工许可证号"), max_length=40, unique=True)
    builder = models.ForeignKey("orgs.Organization", verbose_name=_("建设单位"), on_delete=models.PROTECT,
                                related_name="+")
    general_contractor = models.ForeignKey("orgs.Organization", verbose_name=_("施工总承包单位"),
                                           on_delete=models.PROTECT, related_name="+")
    contract_sum = models.DecimalField(_("合同价款（元）"), **MONEY)
    labor_cost_share = models.DecimalField(_("人工费用占比"), max_digits=5, decimal_places=4)
    start_date = models.DateField(_("开工日期"))
    planned_finish = models.DateField(_("计划竣工日期"))
    finished_on = models.DateField(_("实际竣工日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ProjectStatus.choices,
                              default=ProjectStatus.UNDER_CONSTRUCTION, db_index=True)
    pay_day = models.PositiveSmallIntegerField(_("约定工资支付日（次月）"), default=15)
    address = models.CharField(_("项目地址"), max_length=200, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    geofence_m = models.PositiveIntegerField(_("打卡范围（米）"), default=500)
    work_start = models.TimeField(_("作业开始时间"))
    work_end = models.TimeField(_("作业结束时间"))
    minimum_wage_class = models.PositiveSmallIntegerField(_("最低工资档次"), default=1)
    labor_manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("劳资专管员"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    qr_token = models.CharField(_("安薪码令牌"), max_length=32, unique=True, default=new_qr_token, editable=False)
    notice_from = models.DateField(_("无欠薪公示开始日期"), null=True, blank=True)
    closed_on = models.DateField(_("销户日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("在建项目")
        verbose_name_plural = _("在建项目")
        ordering = ["-start_date", "-id"]

    def __str__(self):
        return self.name

    @property
    def status_choice(self) -> ProjectStatus:
        return ProjectStatus(self.status)

    @property
    def labor_cost_total(self) -> Decimal:
        """The labour cost the contract fixes: contract sum × labour-cost share."""
        return (self.contract_sum * self.labor_cost_share).quantize(Decimal("0.01"))


class Subcontract(TimeStampedModel):
    """A subcontract under the project's general contractor, in tiers (1 = directly under the GC)."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="subcontracts")
    contractor = models.ForeignKey("orgs.Organization", verbose_name=_("分包单位"), on_delete=models.PROTECT,
                                   related_name="+")
    parent = models.ForeignKey("self", verbose_name=_("上级分包"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    tier = models.PositiveSmallIntegerField(_("分包层级"), default=1)
    scope = models.CharField(_("分包内容"), max_length=200)
    contract_sum = models.DecimalField(_("分包合同价款（元）"), **MONEY)

    class Meta:
        verbose_name = _("分包合同")
        verbose_name_plural = _("分包合同")
        ordering = ["tier", "id"]

    def __str__(self):
        return f"{self.contractor}（{self.scope}）"


class Team(TimeStampedModel):
    """A work team (班组) of the GC or of a subcontractor; wage sheets are made per team and month."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="teams")
    subcontract = models.ForeignKey(Subcontract, verbose_name=_("分包合同"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("班组名称"), max_length=100)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("班组长"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("班组")
        verbose_name_plural = _("班组")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="wage_guard_team_unique_name")]

    def __str__(self):
        return self.name


class SpecialAccount(TimeStampedModel):
    """The project's wage special account (农民工工资专用账户), opened by the GC; the balance moves with its entries."""

    project = models.OneToOneField(Project, verbose_name=_("项目"), on_delete=models.CASCADE,
                                   related_name="special_account")
    bank_name = models.CharField(_("开户银行"), max_length=100)
    account_number = models.CharField(_("账号"), max_length=34)
    account_name = models.CharField(_("账户名称"), max_length=200)
    opened_on = models.DateField(_("开户日期"))
    balance = models.DecimalField(_("余额（元）"), default=Decimal("0.00"), **MONEY)
    closed_on = models.DateField(_("销户日期"), null=True, blank=True)
    bank_layout = models.CharField(_("代发文件格式"), max_length=20, default="platform",
                                   help_text=_("开户银行接受的批量代发文件格式（services/bank_layouts.py）"))

    class Meta:
        verbose_name = _("工资专用账户")
        verbose_name_plural = _("工资专用账户")

    def __str__(self):
        return self.account_name


class AccountEntry(TimeStampedModel):
    """One movement on a special account: labour cost in (+), wages paid out (−)."""

    account = models.ForeignKey(SpecialAccount, verbose_name=_("专用账户"), on_delete=models.CASCADE,
                                related_name="entries")
    kind = models.CharField(_("类型"), max_length=16, choices=TransactionKind.choices)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    occurred_on = models.DateField(_("发生日期"))
    reference = models.CharField(_("摘要"), max_length=200, blank=True)
    balance_after = models.DecimalField(_("余额（元）"), **MONEY)

    class Meta:
        verbose_name = _("专用账户流水")
        verbose_name_plural = _("专用账户流水")
        ordering = ["id"]


class LaborCostInstalment(TimeStampedModel):
    """One scheduled labour-cost payment (人工费用拨付) by the builder into the special account (cycle ≤ 1 month)."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="instalments")
    due_on = models.DateField(_("应拨付日期"))
    amount = models.DecimalField(_("应拨付金额（元）"), **MONEY)
    paid_amount = models.DecimalField(_("已拨付金额（元）"), default=Decimal("0.00"), **MONEY)
    paid_on = models.DateField(_("拨付完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("人工费用拨付计划")
        verbose_name_plural = _("人工费用拨付计划")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "due_on"], name="wage_guard_instalment_unique")]


class GuaranteeDeposit(TimeStampedModel):
    """The project's wage guarantee deposit (工资保证金): ratio from the dated rules and the GC's record."""

    project = models.OneToOneField(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="deposit")
    form = models.CharField(_("形式"), max_length=16, choices=DepositForm.choices)
    ratio = models.DecimalField(_("比例"), max_digits=6, decimal_places=4)
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    basis = models.TextField(_("计算依据"))
    bank_name = models.CharField(_("存储银行或保函银行"), max_length=100, blank=True)
    lodged_on = models.DateField(_("存储日期"), null=True, blank=True)
    released_on = models.DateField(_("返还日期"), null=True, blank=True)
    release_basis = models.TextField(_("返还依据"), blank=True)

    class Meta:
        verbose_name = _("工资保证金")
        verbose_name_plural = _("工资保证金")


class RosterEntry(TimeStampedModel):
    """A worker's real-name registration on a project (实名制登记): team, trade, rate, bank card, entry and exit."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="roster")
    team = models.ForeignKey(Team, verbose_name=_("班组"), on_delete=models.PROTECT, related_name="roster")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("工人"), on_delete=models.PROTECT,
                               related_name="+")
    badge = models.CharField(_("考勤工号"), max_length=20)
    trade = models.CharField(_("工种"), max_length=50)
    daily_rate = models.DecimalField(_("约定日工资（元）"), max_digits=8, decimal_places=2)
    bank_name = models.CharField(_("开户银行"), max_length=100)
    bank_card = pii.EncryptedTextField(_("工资卡号"), blind_index_field="bank_card_index")
    bank_card_index = models.CharField(max_length=64, blank=True, editable=False)
    entered_on = models.DateField(_("进场日期"))
    exited_on = models.DateField(_("退场日期"), null=True, blank=True)
    contract_reference = models.CharField(_("劳动合同"), max_length=64, blank=True)
    contract_requested_at = models.DateTimeField(_("申请签订劳动合同时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("实名制登记")
        verbose_name_plural = _("实名制登记")
        ordering = ["project", "badge"]
        constraints = [
            models.UniqueConstraint(fields=["project", "badge"], name="wage_guard_roster_unique_badge"),
            models.UniqueConstraint(fields=["project", "worker"], condition=models.Q(exited_on__isnull=True),
                                    name="wage_guard_roster_one_open_entry"),
        ]

    def __str__(self):
        return f"{self.badge} {self.worker.name}"

    @property
    def masked_bank_card(self) -> str:
        card = self.bank_card or ""
        return f"{card[:4]} **** **** {card[-4:]}" if len(card) >= 8 else "****"


class AttendanceDay(TimeStampedModel):
    """A worker's attendance on one day: first and last punch, the number of punches, where they came from."""

    entry = models.ForeignKey(RosterEntry, verbose_name=_("实名制登记"), on_delete=models.CASCADE,
                              related_name="attendance")
    day = models.DateField(_("日期"))
    first_punch = models.DateTimeField(_("首次打卡"))
    last_punch = models.DateTimeField(_("末次打卡"))
    punches = models.PositiveSmallIntegerField(_("打卡次数"), default=1)
    source = models.CharField(_("来源"), max_length=8, choices=PunchSource.choices)

    class Meta:
        verbose_name = _("考勤记录")
        verbose_name_plural = _("考勤记录")
        ordering = ["day", "entry"]
        constraints = [models.UniqueConstraint(fields=["entry", "day"], name="wage_guard_attendance_unique_day")]

    @property
    def hours(self) -> Decimal:
        seconds = (self.last_punch - self.first_punch).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


class WageSheet(TimeStampedModel):
    """A team's monthly wage sheet (工资支付表), made from attendance × agreed rates, confirmed by each worker."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="sheets")
    team = models.ForeignKey(Team, verbose_name=_("班组"), on_delete=models.PROTECT, related_name="sheets")
    month = models.DateField(_("工资月份"))
    status = models.CharField(_("状态"), max_length=16, choices=SheetStatus.choices, default=SheetStatus.DRAFT,
                              db_index=True)
    total_gross = models.DecimalField(_("应发合计（元）"), default=Decimal("0.00"), **MONEY)
    total_net = models.DecimalField(_("实发合计（元）"), default=Decimal("0.00"), **MONEY)
    issued_at = models.DateTimeField(_("下发时间"), null=True, blank=True)
    confirm_by = models.DateField(_("确认截止日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("月度工资表")
        verbose_name_plural = _("月度工资表")
        ordering = ["-month", "team"]
        constraints = [models.UniqueConstraint(fields=["team", "month"], name="wage_guard_sheet_unique_month")]

    def __str__(self):
        return f"{self.team} {self.month:%Y-%m}"

    @property
    def status_choice(self) -> SheetStatus:
        return SheetStatus(self.status)


class WageLine(TimeStampedModel):
    """One worker's line of a wage sheet: days and hours worked, rate, gross, deductions, net; confirmed or disputed."""

    sheet = models.ForeignKey(WageSheet, verbose_name=_("工资表"), on_delete=models.CASCADE, related_name="lines")
    entry = models.ForeignKey(RosterEntry, verbose_name=_("实名制登记"), on_delete=models.PROTECT,
                              related_name="wage_lines")
    days = models.DecimalField(_("出勤天数"), max_digits=5, decimal_places=1)
    hours = models.DecimalField(_("出勤小时"), max_digits=7, decimal_places=2)
    daily_rate = models.DecimalField(_("日工资（元）"), max_digits=8, decimal_places=2)
    gross = models.DecimalField(_("应发工资（元）"), **MONEY)
    deductions = models.DecimalField(_("代扣款项（元）"), default=Decimal("0.00"), **MONEY)
    net = models.DecimalField(_("实发工资（元）"), **MONEY)
    status = models.CharField(_("确认状态"), max_length=16, choices=LineStatus.choices, default=LineStatus.DRAFT,
                              db_index=True)
    answered_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    dispute_reason = models.CharField(_("异议内容"), max_length=500, blank=True)
    dispute_case = models.ForeignKey("cases.Case", verbose_name=_("异议工单"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    paid_amount = models.DecimalField(_("已发放（元）"), default=Decimal("0.00"), **MONEY)
    paid_on = models.DateField(_("发放日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("工资明细")
        verbose_name_plural = _("工资明细")
        ordering = ["sheet", "entry__badge"]
        constraints = [models.UniqueConstraint(fields=["sheet", "entry"], name="wage_guard_line_unique_entry")]

    @property
    def status_choice(self) -> LineStatus:
        return LineStatus(self.status)

    @property
    def open_amount(self) -> Decimal:
        return self.net - self.paid_amount


class PaymentBatch(TimeStampedModel):
    """A bank payment file (批量代发) for one sheet; sequence 1 is the month's file, later ones retry failed lines."""

    sheet = models.ForeignKey(WageSheet, verbose_name=_("工资表"), on_delete=models.PROTECT, related_name="batches")
    sequence = models.PositiveSmallIntegerField(_("批次序号"))
    number = models.CharField(_("批次号"), max_length=40, unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.SENT)
    line_count = models.PositiveIntegerField(_("笔数"))
    total = models.DecimalField(_("金额合计（元）"), **MONEY)
    layout = models.CharField(_("代发文件格式"), max_length=20, default="platform")
    content = pii.EncryptedTextField(_("代发文件"))
    digest = models.CharField(_("文件摘要（SHA-256）"), max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("制作人"), on_delete=models.PROTECT,
                                   related_name="+")
    reconciled_at = models.DateTimeField(_("对账时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("代发批次")
        verbose_name_plural = _("代发批次")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["sheet", "sequence"], name="wage_guard_batch_unique_seq")]

    def __str__(self):
        return self.number

    @property
    def status_choice(self) -> BatchStatus:
        return BatchStatus(self.status)


class PaymentLine(TimeStampedModel):
    """One line of a payment batch: the wage line paid, its amount, and the bank's answer."""

    batch = models.ForeignKey(PaymentBatch, verbose_name=_("代发批次"), on_delete=models.CASCADE, related_name="lines")
    wage_line = models.ForeignKey(WageLine, verbose_name=_("工资明细"), on_delete=models.PROTECT,
                                  related_name="payments")
    serial = models.PositiveIntegerField(_("序号"))
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    status = models.CharField(_("状态"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.SENT)
    bank_message = models.CharField(_("银行反馈"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("代发明细")
        verbose_name_plural = _("代发明细")
        ordering = ["batch", "serial"]
        constraints = [models.UniqueConstraint(fields=["batch", "serial"], name="wage_guard_payline_unique_serial")]

    @property
    def status_choice(self) -> PaymentStatus:
        return PaymentStatus(self.status)


class RiskFinding(TimeStampedModel):
    """One finding of the daily checks on a project, kept until cleared; a serious one opens a warning case."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("问题类型"), max_length=30, choices=FindingKind.choices)
    period = models.CharField(_("期间"), max_length=20)
    uscc = models.CharField(_("责任单位统一社会信用代码"), max_length=18)
    amount = models.DecimalField(_("涉及金额（元）"), default=Decimal("0.00"), **MONEY)
    workers = models.PositiveIntegerField(_("涉及人数"), default=0)
    detail = models.CharField(_("说明"), max_length=500)
    found_on = models.DateField(_("发现日期"))
    cleared_on = models.DateField(_("消除日期"), null=True, blank=True)
    case = models.ForeignKey("cases.Case", verbose_name=_("核查工单"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("欠薪风险发现")
        verbose_name_plural = _("欠薪风险发现")
        ordering = ["-found_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["project", "kind", "period"],
                                               name="wage_guard_finding_unique")]

    @property
    def kind_choice(self) -> FindingKind:
        return FindingKind(self.kind)


class Complaint(TimeStampedModel):
    """A wage-arrears complaint (欠薪投诉), registered in one window whatever the channel, handled as a case."""

    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="complaints")
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("投诉人"), on_delete=models.PROTECT,
                                    related_name="+")
    channel = models.CharField(_("渠道"), max_length=16, choices=ComplaintChannel.choices)
    amount = models.DecimalField(_("被拖欠金额（元）"), **MONEY)
    period_from = models.DateField(_("拖欠起始月份"))
    period_to = models.DateField(_("拖欠截止月份"))
    workers = models.PositiveIntegerField(_("涉及人数"), default=1)
    description = models.TextField(_("情况描述"))
    case = models.ForeignKey("cases.Case", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("欠薪投诉")
        verbose_name_plural = _("欠薪投诉")
        ordering = ["-created_at", "-id"]


class CreditRating(TimeStampedModel):
    """An enterprise's labour-security credit level for a year, with the facts and rules that made it."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("评价年度"))
    level = models.CharField(_("等级"), max_length=3, choices=CreditLevel.choices)
    basis = models.JSONField(_("评价依据"), default=dict)

    class Meta:
        verbose_name = _("劳动保障诚信等级")
        verbose_name_plural = _("劳动保障诚信等级")
        ordering = ["-year", "organization"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="wage_guard_credit_unique")]

    @property
    def level_choice(self) -> CreditLevel:
        return CreditLevel(self.level)


class BlacklistEntry(TimeStampedModel):
    """An entry of the arrears blacklist (拖欠农民工工资失信联合惩戒对象名单): notice, listing, removal."""

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("企业"), on_delete=models.PROTECT,
                                     related_name="+")
    reason = models.CharField(_("列入事由"), max_length=500)
    decision_number = models.CharField(_("决定文号"), max_length=60)
    noticed_on = models.DateField(_("告知日期"))
    listed_on = models.DateField(_("列入日期"))
    expires_on = models.DateField(_("期满日期"))
    earliest_removal = models.DateField(_("最早可申请移出日期"))
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_reason = models.CharField(_("移出事由"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("欠薪失信名单")
        verbose_name_plural = _("欠薪失信名单")
        ordering = ["-listed_on", "-id"]
