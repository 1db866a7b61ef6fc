"""Households, warnings, applications with their authorisations and home visits, matches and wishes."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import TimeStampedModel, pii

from .choices import (
    ApplicationStatus,
    Category,
    Channel,
    HelpKind,
    MatchStatus,
    VisitStatus,
    WarningStatus,
    WishKind,
    WishStatus,
)


def _code_token() -> str:
    return secrets.token_urlsafe(16)


class ReliefHousehold(TimeStampedModel):
    """A household known to 助共体 (by its code in the data pool): village, category and its 救助码 token.

    The head's name is personal data (encrypted, shown masked); ``code_token`` is what the household's printed
    code carries, so that scanning it shows the 幸福清单 without naming anyone.
    """

    key = models.CharField(_("家庭编码"), max_length=20, unique=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("所在村（社区）"), on_delete=models.PROTECT,
                               related_name="+")
    category = models.CharField(_("救助类别"), max_length=20, choices=Category.choices, default=Category.NONE)
    head_name = pii.EncryptedTextField(_("户主姓名"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("平台账号"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    code_token = models.CharField(_("救助码令牌"), max_length=40, unique=True, default=_code_token)

    class Meta:
        verbose_name = _("救助家庭")
        verbose_name_plural = _("救助家庭")
        ordering = ["key"]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        return reverse("relief_match:household_detail", args=[self.key])

    @property
    def category_choice(self) -> Category:
        return Category(self.category)


class ReliefWarning(TimeStampedModel):
    """A warning of proactive discovery (主动发现): a rule that held for a household on a day, sent as a case."""

    household = models.ForeignKey(ReliefHousehold, verbose_name=_("家庭"), on_delete=models.PROTECT,
                                  related_name="warnings")
    rule = models.CharField(_("预警规则"), max_length=80)
    rule_name = models.CharField(_("预警名称"), max_length=200)
    office = models.CharField(_("核查单位"), max_length=200, blank=True)
    found_on = models.DateField(_("发现日期"))
    explanation = models.JSONField(_("依据"), default=dict)
    status = models.CharField(_("状态"), max_length=20, choices=WarningStatus.choices, default=WarningStatus.OPEN)
    case = models.OneToOneField("cases.Case", verbose_name=_("工单"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("主动发现预警")
        verbose_name_plural = _("主动发现预警")
        ordering = ["-found_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["household", "rule", "found_on"],
                                               name="relief_warning_once_per_day")]

    def __str__(self):
        return f"{self.household.key} {self.rule_name}"

    @property
    def status_choice(self) -> WarningStatus:
        return WarningStatus(self.status)


class ReliefApplication(TimeStampedModel):
    """An application for assistance (救助资格申请): confirmed facts, the authorised check and its outcome.

    ``facts`` and ``members`` are the facts the check decided on (from the data pool where the platform holds
    them, confirmed by the applicant; declared otherwise, ``check_source`` says which); ``explanation`` is
    the check's decisions with every condition.
    """

    household = models.ForeignKey(ReliefHousehold, verbose_name=_("家庭"), on_delete=models.PROTECT,
                                  related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                  related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(_("状态"), max_length=20, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.AUTHORIZING, db_index=True)
    reason = models.TextField(_("申请理由"), blank=True)
    facts = models.JSONField(_("家庭情况"), default=dict)
    members = models.JSONField(_("家庭成员情况"), default=list)
    check_source = models.CharField(_("核对数据来源"), max_length=20, blank=True)
    category = models.CharField(_("核对结果"), max_length=20, choices=Category.choices, blank=True)
    explanation = models.JSONField(_("核对说明"), default=list)
    materials = models.JSONField(_("已提交材料"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    due_on = models.DateField(_("认定时限"), null=True, blank=True)
    decided_at = models.DateTimeField(_("认定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认定人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("救助申请")
        verbose_name_plural = _("救助申请")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.household.key} #{self.pk}"

    def get_absolute_url(self):
        return reverse("relief_match:application_detail", args=[self.pk])

    @property
    def status_choice(self) -> ApplicationStatus:
        return ApplicationStatus(self.status)


class CheckAuthorization(TimeStampedModel):
    """One person's e-signed authorisation of the household's economic check (经济状况核对授权书)."""

    application = models.ForeignKey(ReliefApplication, verbose_name=_("申请"), on_delete=models.PROTECT,
                                    related_name="authorizations")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("授权人"), on_delete=models.PROTECT,
                               related_name="+")
    relation = models.CharField(_("与申请人关系"), max_length=40)
    document = models.BinaryField(_("签署的授权书（PDF）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    certificate_serial = models.CharField(_("证书序列号"), max_length=80)
    signed_at = models.DateTimeField(_("签署时间"))

    class Meta:
        verbose_name = _("核对授权")
        verbose_name_plural = _("核对授权")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["application", "signer"], name="relief_authorization_once")]

    def __str__(self):
        return f"{self.application_id}:{self.signer_id}"


class HomeVisit(TimeStampedModel):
    """The village or town worker's home visit (入户核查) with notes, photos and where it happened."""

    application = models.OneToOneField(ReliefApplication, verbose_name=_("申请"), on_delete=models.PROTECT,
                                       related_name="visit")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("核查人"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.ASSIGNED)
    notes = models.TextField(_("核查记录"), blank=True)
    consistent = models.BooleanField(_("与核对结果一致"), null=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    visited_at = models.DateTimeField(_("入户时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("入户核查")
        verbose_name_plural = _("入户核查")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.application_id}"


class VisitPhoto(TimeStampedModel):
    """A photo taken on a home visit (JPEG or PNG, at most 5 MB), kept with its digest."""

    visit = models.ForeignKey(HomeVisit, verbose_name=_("入户核查"), on_delete=models.PROTECT, related_name="photo_set")
    content = models.BinaryField(_("内容"))
    content_type = models.CharField(_("类型"), max_length=40)
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("入户照片")
        verbose_name_plural = _("入户照片")
        ordering = ["id"]

    def __str__(self):
        return self.sha256[:12]


class HelpMatch(TimeStampedModel):
    """A policy matched to a household (智能匹配), pushed to its department or organisation as a case."""

    household = models.ForeignKey(ReliefHousehold, verbose_name=_("家庭"), on_delete=models.PROTECT,
                                  related_name="matches")
    application = models.ForeignKey(ReliefApplication, verbose_name=_("申请"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="matches")
    policy_code = models.CharField(_("政策编码"), max_length=80)
    policy_name = models.CharField(_("政策名称"), max_length=200)
    owner = models.CharField(_("主办单位"), max_length=200)
    in_statute = models.BooleanField(_("政策内"), default=True)
    kind = models.CharField(_("帮扶类别"), max_length=30, choices=HelpKind.choices)
    benefit_kind = models.CharField(_("待遇类型"), max_length=20)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    period = models.CharField(_("周期"), max_length=10, blank=True)
    explanation = models.JSONField(_("匹配依据"), default=dict)
    status = models.CharField(_("状态"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.PUSHED)
    due_on = models.DateField(_("办理时限"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("兑现时间"), null=True, blank=True)
    funds_in_place = models.BooleanField(_("资金到位"), null=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    case = models.OneToOneField("cases.Case", verbose_name=_("工单"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("帮扶匹配")
        verbose_name_plural = _("帮扶匹配")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["household", "policy_code", "application"],
                                               name="relief_match_once_per_application")]

    def __str__(self):
        return f"{self.household.key} {self.policy_name}"

    @property
    def status_choice(self) -> MatchStatus:
        return MatchStatus(self.status)


class Wish(TimeStampedModel):
    """A 微心愿: a family's need or a volunteer's or organisation's offer; claimed, fulfilled, rated."""

    kind = models.CharField(_("类型"), max_length=10, choices=WishKind.choices)
    household = models.ForeignKey(ReliefHousehold, verbose_name=_("家庭"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="wishes")
    poster = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), on_delete=models.PROTECT,
                               related_name="+")
    title = models.CharField(_("心愿"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    kind_of_help = models.CharField(_("帮扶类别"), max_length=30, choices=HelpKind.choices, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=WishStatus.choices, default=WishStatus.OPEN)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("认领人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey("self", verbose_name=_("对应的服务心愿"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("实现时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("评价"), null=True, blank=True)

    class Meta:
        verbose_name = _("微心愿")
        verbose_name_plural = _("微心愿")
        ordering = ["-id"]

    def __str__(self):
        return self.title

    @property
    def status_choice(self) -> WishStatus:
        return WishStatus(self.status)
