"""Live channels and their numbered messages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation import pii
from zhili.core.foundation.models import TimeStampedModel


class Channel(TimeStampedModel):
    """A live conversation or feed: its messages are numbered 1, 2, 3 … in the order they were committed.

    ``key`` names it for the scene that owns it (``mediation.room:42:joint``); ``last_seq`` is the number of the
    newest message, kept on the row so that a writer takes the next number under the row's lock and a poller
    learns of new messages with one indexed read.
    """

    key = models.CharField(_("频道标识"), max_length=200, unique=True)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    subject_type = models.CharField(_("所属对象类型"), max_length=100, blank=True)
    subject_id = models.CharField(_("所属对象"), max_length=64, blank=True)
    last_seq = models.PositiveBigIntegerField(_("最新消息序号"), default=0)
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("实时频道")
        verbose_name_plural = _("实时频道")
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return self.title or self.key

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Message(models.Model):
    """One message of a channel, never changed once written; its text is encrypted at rest (it may name people,
    amounts and grievances)."""

    channel = models.ForeignKey(Channel, verbose_name=_("频道"), on_delete=models.PROTECT, related_name="messages")
    seq = models.PositiveBigIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=32, default="text")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发送人"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    author_label = models.CharField(_("发送人称谓"), max_length=100, blank=True)
    text = pii.EncryptedTextField(_("内容"))
    data = models.JSONField(_("附加数据"), default=dict, blank=True)
    created_at = models.DateTimeField(_("发送时间"), default=timezone.now)

    class Meta:
        verbose_name = _("实时消息")
        verbose_name_plural = _("实时消息")
        ordering = ["channel", "seq"]
        constraints = [models.UniqueConstraint(fields=["channel", "seq"], name="live_message_one_per_seq")]

    def __str__(self):
        return f"{self.channel_id}#{self.seq}"
