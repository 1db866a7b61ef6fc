"""Write messages to the outbox and deliver them."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhili.core.foundation import audit

from .choices import Channel, DeliveryStatus
from .models import Message
from .templates_registry import message_templates

logger = logging.getLogger(__name__)


@transaction.atomic
def queue_message(*, channel: str, template: str, address: str, params: dict, recipient=None,
                  dedup_key: str | None = None, actor=None) -> Message:
    """Put one message in the outbox; a repeated ``dedup_key`` returns the existing message."""
    if dedup_key:
        existing = Message.objects.filter(dedup_key=dedup_key).first()
        if existing:
            return existing
    spec = message_templates[template]
    message = Message(
        channel=channel, template=template, address=address, recipient=recipient, subject=spec.subject,
        body=spec.body.format(**params), params=params, dedup_key=dedup_key, next_attempt_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return Message.objects.get(dedup_key=dedup_key)
    audit.record("notify.message.queued", actor=actor, target=message,
                 data={"channel": channel, "template": template})
    transaction.on_commit(lambda: deliver(message.pk), robust=True)
    return message


def send_sms(phone: str, template: str, params: dict, *, recipient=None, dedup_key=None, actor=None) -> Message:
    return queue_message(channel=Channel.SMS, template=template, address=phone, params=params,
                         recipient=recipient, dedup_key=dedup_key, actor=actor)


def deliver(message_id: int) -> None:
    """Hand one message to its channel's backend, once."""
    from .backends import backend_for

    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status == DeliveryStatus.SENT:
            return
        backend = backend_for(message.channel)
        message.attempts += 1
        try:
            message.provider_id = backend.send(message) or ""
        except Exception as exc:  # the outbox keeps the message for a retry
            logger.warning("delivery of message %s failed: %s", message.pk, exc)
            message.status = DeliveryStatus.FAILED if message.attempts >= 5 else DeliveryStatus.RETRYING
            message.last_error = str(exc)[:2000]
            message.next_attempt_at = timezone.now() + timezone.timedelta(seconds=30 * 2 ** message.attempts)
        else:
            message.status = DeliveryStatus.SENT
            message.sent_at = timezone.now()
            message.next_attempt_at = None
        message.save()
