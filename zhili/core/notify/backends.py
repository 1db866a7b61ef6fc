"""Channel backends: each takes one outbox message and returns the provider's receipt id or raises.

``settings.SMS_BACKEND`` chooses the SMS backend at run time: ``"outbox"`` (default) keeps SMS on the
platform and prints them to the log; ``"aliyun"`` sends them through Alibaba Cloud SMS.
"""

import logging

from django.conf import settings

from .aliyun import AliyunSmsClient, SmsError
from .templates_registry import message_templates

logger = logging.getLogger("zhili.sms")


class OutboxSmsBackend:
    """Keeps SMS on the platform: the message stays readable in the outbox and is printed to the log."""

    def send(self, message) -> str:
        logger.info("[SMS outbox] to %s: %s", message.address, message.body)
        return f"outbox-{message.pk}"


class AliyunSmsBackend:
    """Sends SMS through Alibaba Cloud SMS with the template's ``provider_code``."""

    def __init__(self, config=None):
        self.config = config

    def send(self, message) -> str:
        spec = message_templates.get(message.template)
        if spec is None or not spec.provider_code:
            raise SmsError("TemplateNotMapped", f"消息类型 {message.template} 没有配置阿里云短信模板编号",
                           retryable=False)
        client = AliyunSmsClient(self.config)
        return client.send(message.address, spec.provider_code, message.params, out_id=str(message.pk))


class EmailBackend:
    """Sends e-mail through Django's ``send_mail`` and whatever ``EMAIL_BACKEND`` is configured."""

    def send(self, message) -> str:
        from django.core.mail import send_mail

        send_mail(message.subject or message.body[:40], message.body, settings.DEFAULT_FROM_EMAIL,
                  [message.address], fail_silently=False)
        return f"email-{message.pk}"


class InAppBackend:
    """In-app messages are delivered by being stored; the recipient reads them in 消息中心."""

    def send(self, message) -> str:
        return f"in-app-{message.pk}"


SMS_BACKENDS = {"outbox": OutboxSmsBackend, "aliyun": AliyunSmsBackend}


def backend_for(channel: str):
    if channel == "sms":
        backend = SMS_BACKENDS.get(settings.SMS_BACKEND)
        if backend is None:
            raise ValueError(f"未知的短信通道配置 ZHILI_SMS_BACKEND={settings.SMS_BACKEND}（可选 outbox、aliyun）")
        return backend()
    if channel == "email":
        return EmailBackend()
    if channel == "in_app":
        return InAppBackend()
    raise ValueError(f"未知的消息渠道 {channel}")
