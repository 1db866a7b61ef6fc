"""The outbox of messages."""

from django.conf import settings
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

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} → {pii.mask_phone(self.address) if self.channel == Channel.SMS else self.address}"
