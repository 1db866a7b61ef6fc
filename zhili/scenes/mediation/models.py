"""Models of the 云调解室 scene: mediators, applications with their claims, evidence, records, agreements, ratings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import AgreementStatus, Channel, ClaimKind, DisputeType, MediationStatus, Session, Side


class MediatorProfile(TimeStampedModel):
    """A mediator's public profile (调解员名册): where and what they mediate, and whom they must not (回避)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("调解员"), on_delete=models.PROTECT,
                                related_name="mediator_profile")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("调解组织"), on_delete=models.PROTECT,
                                     related_name="+")
    region = models.ForeignKey("orgs.Region", verbose_name=_("服务区划"), on_delete=models.PROTECT, related_name="+")
    dispute_types = models.JSONField(_("擅长争议类型"), default=list, blank=True)
    conflict_usccs = models.JSONField(_("须回避的单位（统一社会信用代码）"), default=list, blank=True)
    introduction = models.CharField(_("简介"), max_length=300, blank=True)
    active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["id"]

    def __str__(self):
        return self.user.name or self.user.username


class Mediation(TimeStampedModel):
    """One application for mediation (调解申请) and everything that follows it, until settled, failed or withdrawn.

    The worker's name and phone are encrypted at rest (the phone with a blind index, so that the person who
    logs in with it finds the case); the employer is named by USCC and, once registered, linked.
    """

    number = models.CharField(_("案号"), max_length=24, unique=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("受理渠道"), max_length=16, choices=Channel.choices)
    applicant_side = models.CharField(_("申请方"), max_length=16, choices=Side.choices)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("劳动者账号"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    worker_name = pii.EncryptedTextField(_("劳动者姓名"))
    worker_phone = pii.EncryptedTextField(_("劳动者手机号"), blind_index_field="worker_phone_index")
    worker_phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    employer = models.ForeignKey("orgs.Organization", verbose_name=_("用人单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    employer_name = models.CharField(_("用人单位名称"), max_length=200)
    employer_uscc = models.CharField(_("统一社会信用代码"), max_length=18, db_index=True)
    employer_phone = pii.EncryptedTextField(_("用人单位联系电话"), blind_index_field="employer_phone_index")
    employer_phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    employer_contact = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("用人单位经办人"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="+")
    dispute_type = models.CharField(_("争议类型"), max_length=24, choices=DisputeType.choices, db_index=True)
    facts = models.TextField(_("事实与理由"))
    status = models.CharField(_("状态"), max_length=16, choices=MediationStatus.choices,
                              default=MediationStatus.INVITED, db_index=True)
    received_on = models.DateField(_("收到申请日期"))
    deadline_on = models.DateField(_("调解期限届满日"))
    invite_url = models.CharField(_("邀请链接"), max_length=200, blank=True)
    invited_at = models.DateTimeField(_("邀请时间"), null=True, blank=True)
    responded_at = models.DateTimeField(_("对方答复时间"), null=True, blank=True)
    mediator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("调解员"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="mediation_cases")
    committee = models.ForeignKey("orgs.Organization", verbose_name=_("调解组织"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", verbose_name=_("工单"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    referral = models.CharField(_("转入来源"), max_length=100, blank=True)
    closed_at = models.DateTimeField(_("结案时间"), null=True, blank=True)
    outcome_note = models.CharField(_("结案说明"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self):
        return f"{self.number} {self.employer_name}"

    @property
    def status_choice(self) -> MediationStatus:
        return MediationStatus(self.status)

    @property
    def is_open(self) -> bool:
        return self.status in (MediationStatus.INVITED, MediationStatus.MEDIATING)

    @property
    def claimed_total(self):
        return sum((c.amount for c in self.claims.all()), 0)


class Claim(TimeStampedModel):
    """One claimed item (请求事项): kind and amount asked; once settled, the amount agreed and when it is due."""

    mediation = models.ForeignKey(Mediation, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                                  related_name="claims")
    kind = models.CharField(_("请求类型"), max_length=16, choices=ClaimKind.choices)
    amount = models.DecimalField(_("请求金额（元）"), max_digits=12, decimal_places=2)
    agreed_amount = models.DecimalField(_("协议金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    due_on = models.DateField(_("约定履行日期"), null=True, blank=True)
    paid_on = models.DateField(_("实际履行日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("请求事项")
        verbose_name_plural = _("请求事项")
        ordering = ["id"]


class Evidence(TimeStampedModel):
    """A photo or file handed in as evidence: its bytes, type, size and SHA-256 (also in the evidence ledger)."""

    mediation = models.ForeignKey(Mediation, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                                  related_name="evidence")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), on_delete=models.PROTECT,
                                    related_name="+")
    side = models.CharField(_("提交方"), max_length=16, blank=True)
    session = models.CharField(_("所在会话"), max_length=16, choices=Session.choices, default=Session.JOINT)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content = models.BinaryField(_("内容"))

    class Meta:
        verbose_name = _("证据材料")
        verbose_name_plural = _("证据材料")
        ordering = ["id"]


class Record(TimeStampedModel):
    """The mediation record (调解笔录), written by the mediator, confirmed by each party for the text they saw."""

    mediation = models.OneToOneField(Mediation, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                                     related_name="record")
    text = models.TextField(_("笔录内容"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    worker_confirmed_sha256 = models.CharField(max_length=64, blank=True)
    worker_confirmed_at = models.DateTimeField(_("劳动者确认时间"), null=True, blank=True)
    employer_confirmed_sha256 = models.CharField(max_length=64, blank=True)
    employer_confirmed_at = models.DateTimeField(_("用人单位确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解笔录")
        verbose_name_plural = _("调解笔录")

    def confirmed_by(self, side: str) -> bool:
        """True if ``side`` confirmed the text as it stands now."""
        return bool(self.sha256) and getattr(self, f"{side}_confirmed_sha256") == self.sha256

    @property
    def fully_confirmed(self) -> bool:
        return self.confirmed_by(Side.WORKER) and self.confirmed_by(Side.EMPLOYER)


class Agreement(TimeStampedModel):
    """The mediation agreement (调解协议书): rendered once, signed by both parties and the mediator and sealed by the
    mediation committee (PAdES); in effect from the seal (LDMAL Art. 14)."""

    mediation = models.OneToOneField(Mediation, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                                     related_name="agreement")
    terms = models.TextField(_("履行方式及其他约定"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=AgreementStatus.choices,
                              default=AgreementStatus.SIGNING)
    pdf = models.BinaryField(_("协议文件"))
    sha256 = models.CharField(_("当前文件 SHA-256"), max_length=64)
    unsigned_sha256 = models.CharField(_("签署前文件 SHA-256"), max_length=64)
    worker_signed_at = models.DateTimeField(_("劳动者签署时间"), null=True, blank=True)
    employer_signed_at = models.DateTimeField(_("用人单位签署时间"), null=True, blank=True)
    mediator_signed_at = models.DateTimeField(_("调解员签署时间"), null=True, blank=True)
    sealed_at = models.DateTimeField(_("调解组织盖章时间"), null=True, blank=True)
    effective_at = models.DateTimeField(_("生效时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")

    def signed_at(self, role: str):
        return getattr(self, f"{role}_signed_at")


class Rating(TimeStampedModel):
    """A party's rating of the process, the result and the mediator (1–5 each)."""

    mediation = models.ForeignKey(Mediation, verbose_name=_("调解案件"), on_delete=models.CASCADE,
                                  related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评价人"), on_delete=models.PROTECT,
                             related_name="+")
    side = models.CharField(_("评价方"), max_length=16, choices=Side.choices)
    process = models.PositiveSmallIntegerField(_("过程满意度"))
    result = models.PositiveSmallIntegerField(_("结果满意度"))
    mediator_score = models.PositiveSmallIntegerField(_("调解员满意度"))
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [models.UniqueConstraint(fields=["mediation", "side"], name="mediation_rating_once_per_side")]
