"""Channel backends: the outbox default delivers to the platform (and the console) only."""

import logging

from django.conf import settings

logger = logging.getLogger("zhili.sms")


class OutboxSmsBackend:
    """Keeps SMS on the platform: the message stays readable in the outbox and is printed to the log."""

    def send(self, message) -> str:
        logger.info("[SMS outbox] to %s: %s", message.address, message.body)
        return f"outbox-{message.pk}"


class InAppBackend:
    """In-app messages are delivered by being stored; the recipient reads them in 消息中心."""

    def send(self, message) -> str:
        return f"in-app-{message.pk}"


def backend_for(channel: str):
    if channel == "sms":
        if settings.SMS_BACKEND == "outbox":
            return OutboxSmsBackend()
        raise ValueError(f"未知的短信通道配置 ZHILI_SMS_BACKEND={settings.SMS_BACKEND}")
    if channel == "in_app":
        return InAppBackend()
    raise ValueError(f"未知的消息渠道 {channel}")
