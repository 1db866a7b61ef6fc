"""The outbox of messages and the short links sent in them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation import pii
from zhili.core.foundation.models import TimeStampedModel

from .choices import Channel, DeliveryStatus


class Message(TimeStampedModel):
    """One message to one recipient on one channel; the outbox row is written in the sender's transaction.

    ``dedup_key`` makes sending idempotent: the same key never produces a second message.
    """

    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices, db_index=True)
    template = models.CharField(_("消息类型"), max_length=64)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="messages")
    address = pii.EncryptedTextField(_("地址"), blind_index_field="address_index")
    address_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    subject = models.CharField(_("标题"), max_length=200, blank=True)
    body = pii.EncryptedTextField(_("内容"))
    params = models.JSONField(_("模板参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    provider_id = models.CharField(_("服务商回执"), max_length=100, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    dedup_key = models.CharField(_("去重键"), max_length=200, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} → {self.masked_address}"

    @property
    def masked_address(self) -> str:
        """The address as lists may show it: ``138****5678``, ``z***@example.cn``, or the user id."""
        if self.channel == Channel.SMS:
            return pii.mask_phone(self.address)
        if self.channel == Channel.EMAIL and "@" in self.address:
            local, _at, domain = self.address.partition("@")
            return f"{local[:1]}***@{domain}"
        return self.address

    @property
    def masked_body(self) -> str:
        """The body with every digit hidden, so codes and amounts do not show in lists."""
        return "".join("*" if c.isdigit() else c for c in self.body)


class ShortLink(TimeStampedModel):
    """A short, signed, expiring link to a path on the platform, for SMS and QR codes.

    The public token is ``<code>.<signature>``: a guessed code without the platform's signature is refused
    before the database is asked. ``subject`` optionally names what the link is about (a contract, a case).
    """

    code = models.CharField(_("短码"), max_length=16, unique=True)
    target = models.CharField(_("目标地址"), max_length=500)
    expires_at = models.DateTimeField(_("过期时间"), db_index=True)
    subject_type = models.ForeignKey("contenttypes.ContentType", verbose_name=_("关联对象类型"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    subject_id = models.CharField(_("关联对象编号"), max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    hits = models.PositiveIntegerField(_("访问次数"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("短链接")
        verbose_name_plural = _("短链接")
        ordering = ["-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return f"{self.code} → {self.target}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notify:short_link", args=[self.token])

    @property
    def token(self) -> str:
        from .links import token_for

        return token_for(self.code)

    @property
    def url(self) -> str:
        """The full short URL, on ``settings.SITE_URL``."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    def is_expired(self, now=None) -> bool:
        from django.utils import timezone

        return (now or timezone.now()) >= self.expires_at
