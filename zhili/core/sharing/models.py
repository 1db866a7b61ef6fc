"""Matters (事项), the worker's grants (授权), the access log (查阅记录), an organisation's grants to another
organisation (企业授权) with their reads, and push subscriptions (推送)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.models import TimeStampedModel

from .choices import AccessBasis, DeliveryStatus, GrantState


class Matter(TimeStampedModel):
    """An administrative or business matter (事项) that accepts a shared document instead of a paper copy.

    ``fields`` is the minimum set of document fields the matter needs; the grant form starts from it.
    """

    code = models.SlugField(_("事项编码"), max_length=64, unique=True)
    name = models.CharField(_("事项名称"), max_length=100)
    department_name = models.CharField(_("主管部门"), max_length=200)
    department = models.ForeignKey("orgs.Organization", verbose_name=_("主管部门（组织）"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    legal_basis = models.CharField(_("依据"), max_length=500)
    document_type = models.CharField(_("文档类型"), max_length=80, db_index=True)
    fields = models.JSONField(_("最少字段"), default=list)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("共享事项")
        verbose_name_plural = _("共享事项")
        ordering = ["code"]

    def __str__(self):
        return self.name


class GrantQuerySet(models.QuerySet):
    def valid(self, now=None):
        """Grants that open their document at ``now``: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class Grant(TimeStampedModel):
    """A worker's consent (授权) for one party to read one document for one matter, until a date.

    The document is a generic reference: a registered document type code and the object's id.
    """

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("授权人"), on_delete=models.PROTECT,
                               related_name="sharing_grants")
    party = models.ForeignKey("orgs.Organization", verbose_name=_("被授权方"), on_delete=models.PROTECT,
                              related_name="+")
    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="grants")
    document_type = models.CharField(_("文档类型"), max_length=80)
    object_id = models.CharField(_("文档编号"), max_length=64)
    document_label = models.CharField(_("文档"), max_length=255, blank=True)
    fields = models.JSONField(_("授权字段"), default=list)
    include_pdf = models.BooleanField(_("含原件 PDF"), default=False)
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("授权")
        verbose_name_plural = _("授权")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["party", "document_type", "object_id"], name="sharing_grant_party_doc")]

    def __str__(self):
        return f"{self.worker} → {self.party} · {self.matter}"

    @property
    def state(self) -> GrantState:
        if self.revoked_at is not None:
            return GrantState.REVOKED
        if self.expires_at <= timezone.now():
            return GrantState.EXPIRED
        return GrantState.ACTIVE


class AccessLogEntry(TimeStampedModel):
    """One read of a worker's document by someone else: who, when, which fields, under which grant or basis.

    Shown to the worker on "查阅记录"; written only by ``services.access``.
    """

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("文档所有人"), on_delete=models.PROTECT,
                               related_name="sharing_accesses")
    document_type = models.CharField(_("文档类型"), max_length=80)
    object_id = models.CharField(_("文档编号"), max_length=64)
    document_label = models.CharField(_("文档"), max_length=255, blank=True)
    basis = models.CharField(_("依据"), max_length=16, choices=AccessBasis.choices)
    grant = models.ForeignKey(Grant, verbose_name=_("授权"), null=True, blank=True, on_delete=models.PROTECT,
                              related_name="accesses")
    client = models.ForeignKey("identity.ApiClient", verbose_name=_("接口客户端"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查阅人"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("查阅单位"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    accessor_label = models.CharField(_("查阅方"), max_length=255)
    reason = models.CharField(_("事由"), max_length=500, blank=True)
    fields = models.JSONField(_("查阅字段"), default=list)
    included_pdf = models.BooleanField(_("含原件 PDF"), default=False)

    class Meta:
        verbose_name = _("查阅记录")
        verbose_name_plural = _("查阅记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["worker", "-created_at"], name="sharing_access_worker")]

    def __str__(self):
        return f"{self.accessor_label} · {self.document_label}"


class OrgGrantQuerySet(models.QuerySet):
    def valid(self, now=None):
        """Grants that open their data at ``now``: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class OrgGrant(TimeStampedModel):
    """An organisation's consent (企业授权) for another organisation to read a named scope of its data.

    Given by an administrator of the grantor (core's ``employer_admin`` role there), who was shown ``consent_text``
    and agreed to it; the scope is a registered ``DataScope`` code and ``subject`` names what inside it (e.g. the
    periods). Every read is an ``OrgAccessLogEntry``; revocation and expiry close it at once.
    """

    grantor = models.ForeignKey("orgs.Organization", verbose_name=_("授权单位"), on_delete=models.PROTECT,
                                related_name="+")
    grantee = models.ForeignKey("orgs.Organization", verbose_name=_("被授权单位"), on_delete=models.PROTECT,
                                related_name="+")
    scope = models.CharField(_("数据范围"), max_length=80)
    subject = models.CharField(_("授权内容"), max_length=100)
    purpose = models.CharField(_("用途"), max_length=200)
    consent_text = models.TextField(_("授权书文本"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("经办人"), on_delete=models.PROTECT,
                                   related_name="+")
    expires_at = models.DateTimeField(_("有效期至"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("撤销人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    objects = OrgGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业授权")
        verbose_name_plural = _("企业授权")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["grantee", "grantor", "scope"], name="sharing_orggrant_lookup")]

    def __str__(self):
        return f"{self.grantor} → {self.grantee} · {self.scope} {self.subject}"

    @property
    def state(self) -> GrantState:
        if self.revoked_at is not None:
            return GrantState.REVOKED
        if self.expires_at <= timezone.now():
            return GrantState.EXPIRED
        return GrantState.ACTIVE


class OrgAccessLogEntry(TimeStampedModel):
    """One read of an organisation's data under its grant: who read, for which organisation, why, which fields.

    Shown to the grantor; written only by ``services.org_grants.read_org_data``.
    """

    grant = models.ForeignKey(OrgGrant, verbose_name=_("授权"), on_delete=models.PROTECT, related_name="accesses")
    grantor = models.ForeignKey("orgs.Organization", verbose_name=_("数据所属单位"), on_delete=models.PROTECT,
                                related_name="+")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查阅人"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey("identity.ApiClient", verbose_name=_("接口客户端"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("orgs.Organization", verbose_name=_("查阅单位"), on_delete=models.PROTECT,
                                     related_name="+")
    reason = models.CharField(_("事由"), max_length=500)
    fields = models.JSONField(_("查阅字段"), default=list)

    class Meta:
        verbose_name = _("企业数据查阅记录")
        verbose_name_plural = _("企业数据查阅记录")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["grantor", "-created_at"], name="sharing_orgaccess_grantor")]

    def __str__(self):
        return f"{self.organization} · {self.grant}"


class WebhookSubscription(TimeStampedModel):
    """A party's system that wants to hear when documents change state (推送订阅).

    Without a legal basis a subscription hears only about documents its organisation holds a valid grant for;
    with one (e.g. the province's employment-filing system) it hears about every document of the events named.
    Only document events are pushed (the state changes a document type declares): ``["*"]`` means all of those.
    """

    organization = models.ForeignKey("orgs.Organization", verbose_name=_("订阅单位"), on_delete=models.PROTECT,
                                     related_name="+")
    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("接收地址"), max_length=500)
    secret = models.CharField(_("签名密钥"), max_length=128)
    event_names = models.JSONField(_("事件"), default=list, help_text=_("文档事件名列表；[\"*\"] 表示全部文档事件"))
    legal_basis = models.CharField(_("法定依据"), max_length=500, blank=True,
                                   help_text=_("留空则只推送本单位持有有效授权的文档"))
    max_attempts = models.PositiveSmallIntegerField(_("最多尝试次数"), default=6)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批准人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text=_("有法定依据的订阅须由登记人以外的管理员批准后才推送"))
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送订阅")
        verbose_name_plural = _("推送订阅")

    def __str__(self):
        return self.name

    def wants(self, event_name: str) -> bool:
        return "*" in self.event_names or event_name in self.event_names

    @property
    def needs_approval(self) -> bool:
        """A legal-basis subscription hears every document event, so a second administrator must approve it."""
        return bool(self.legal_basis) and self.approved_at is None


class WebhookDelivery(TimeStampedModel):
    """One event to send to one subscription: the exact body, its idempotency key, and the attempts so far."""

    subscription = models.ForeignKey(WebhookSubscription, verbose_name=_("订阅"), on_delete=models.PROTECT,
                                     related_name="deliveries")
    event_name = models.CharField(_("事件"), max_length=120)
    idempotency_key = models.CharField(_("幂等键"), max_length=80, unique=True)
    body = models.TextField(_("报文"))
    status = models.CharField(_("状态"), max_length=16, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now, db_index=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("最近响应码"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(idempotency_key=""), name="sharing_delivery_key_not_empty"),
        ]

    def __str__(self):
        return f"{self.event_name} → {self.subscription}"
