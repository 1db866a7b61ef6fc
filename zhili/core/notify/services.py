"""Write messages to the outbox, deliver them at most once with retries, and make short links.

Delivery holds a row lock on the message while its backend sends it, and only ever takes messages that
are still PENDING or RETRYING. So a message already SENT is never sent again, however often ``deliver``
runs, and two outbox workers never send the same message: on PostgreSQL the second one skips the locked
row (``SKIP LOCKED``); on SQLite writers are serialised by ``BEGIN IMMEDIATE`` and the second one finds
the message SENT.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from zhili.core.foundation import audit, events
from zhili.core.foundation.validators import validate_mobile

from . import links
from .choices import Channel, DeliveryStatus
from .models import Message, ShortLink
from .templates_registry import message_templates

logger = logging.getLogger(__name__)

DUE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


class ShortLinkInvalid(Exception):
    """The token is not one the platform issued (bad signature or unknown code)."""


class ShortLinkExpired(Exception):
    """The link was real but its time is up."""

    def __init__(self, link: ShortLink):
        self.link = link
        super().__init__(link.code)


def max_attempts() -> int:
    """How many times a message is tried before it is FAILED (``NOTIFY_MAX_ATTEMPTS``, default 5)."""
    return int(getattr(settings, "NOTIFY_MAX_ATTEMPTS", 5))


def retry_delay(attempts: int) -> dt.timedelta:
    """Exponential back-off after the ``attempts``-th failure: base, 2×base, 4×base … capped at one hour."""
    base = int(getattr(settings, "NOTIFY_RETRY_BASE_SECONDS", 30))
    return dt.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _validate_address(channel: str, address: str) -> None:
    if channel == Channel.SMS:
        try:
            validate_mobile(address)
        except ValidationError as exc:
            raise ValidationError({"address": exc.messages}, code="mobile_format") from None
    elif channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError({"address": _("电子邮件地址格式不正确")}, code="email_format") from None


@transaction.atomic
def queue_message(*, channel: str, template: str, address: str, params: dict, recipient=None,
                  dedup_key: str | None = None, actor=None) -> Message:
    """Put one message in the outbox; a repeated ``dedup_key`` returns the existing message unchanged.

    SMS and e-mail are handed to their backend once the transaction commits (and retried by
    ``deliver_due_messages`` if that fails); an in-app message is delivered by being stored.
    """
    if dedup_key:
        existing = Message.objects.filter(dedup_key=dedup_key).first()
        if existing:
            return existing
    if channel not in Channel.values:
        raise ValidationError({"channel": _("不支持的消息渠道 {channel}").format(channel=channel)})
    spec = message_templates.get(template)
    if spec is None:
        raise ValidationError({"template": _("未登记的消息类型 {code}").format(code=template)})
    _validate_address(channel, address)
    subject, body = spec.render(params)
    now = timezone.now()
    in_app = channel == Channel.IN_APP
    message = Message(
        channel=channel, template=template, address=address, recipient=recipient, subject=subject, body=body,
        params=params, dedup_key=dedup_key or None,
        status=DeliveryStatus.SENT if in_app else DeliveryStatus.PENDING,
        sent_at=now if in_app else None, next_attempt_at=None if in_app else now,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if dedup_key:
            return Message.objects.get(dedup_key=dedup_key)
        raise
    audit.record("notify.message.queued", actor=actor, target=message,
                 data={"channel": channel, "template": template})
    if in_app:
        events.publish("notify.message.sent", message_id=message.pk, channel=channel, template=template)
    else:
        pk = message.pk
        transaction.on_commit(lambda: deliver(pk), robust=True)
    return message


def send_sms(phone: str, template: str, params: dict, *, recipient=None, dedup_key=None, actor=None) -> Message:
    """Queue an SMS to ``phone``."""
    return queue_message(channel=Channel.SMS, template=template, address=phone, params=params,
                         recipient=recipient, dedup_key=dedup_key, actor=actor)


def send_email(address: str, template: str, params: dict, *, recipient=None, dedup_key=None, actor=None) -> Message:
    """Queue an e-mail to ``address`` (sent with Django's ``send_mail``)."""
    return queue_message(channel=Channel.EMAIL, template=template, address=address, params=params,
                         recipient=recipient, dedup_key=dedup_key, actor=actor)


def send_in_app(user, template: str, params: dict, *, dedup_key=None, actor=None) -> Message:
    """Put a message in ``user``'s 消息中心."""
    return queue_message(channel=Channel.IN_APP, template=template, address=str(user.pk), params=params,
                         recipient=user, dedup_key=dedup_key, actor=actor)


def _locked(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset.select_for_update()


def deliver(message_id: int, *, due_only: bool = False, actor=None) -> Message | None:
    """Hand one message to its channel's backend, at most once; return it, or None if it was not taken.

    A message is not taken when it is already SENT or FAILED, when another worker holds it, or (with
    ``due_only``) when its next attempt is still in the future.
    """
    from .backends import backend_for

    with transaction.atomic():
        queryset = Message.objects.filter(pk=message_id, status__in=DUE_STATUSES)
        if due_only:
            queryset = queryset.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        message = _locked(queryset).first()
        if message is None:
            return None
        message.attempts += 1
        try:
            message.provider_id = (backend_for(message.channel).send(message) or "")[:100]
        except Exception as exc:  # any backend failure keeps the message in the outbox
            retryable = getattr(exc, "retryable", True)
            logger.warning("delivery of message %s failed (attempt %s): %s", message.pk, message.attempts, exc)
            message.last_error = str(exc)[:2000]
            if retryable and message.attempts < max_attempts():
                message.status = DeliveryStatus.RETRYING
                message.next_attempt_at = timezone.now() + retry_delay(message.attempts)
            else:
                message.status = DeliveryStatus.FAILED
                message.next_attempt_at = None
        else:
            message.status = DeliveryStatus.SENT
            message.sent_at = timezone.now()
            message.next_attempt_at = None
            message.last_error = ""
        message.save(update_fields=["attempts", "provider_id", "status", "sent_at", "next_attempt_at", "last_error",
                                    "updated_at"])
        action = {DeliveryStatus.SENT: "sent", DeliveryStatus.RETRYING: "retry_scheduled",
                  DeliveryStatus.FAILED: "failed"}[message.status]
        audit.record(f"notify.message.{action}", actor=actor, target=message,
                     data={"attempts": message.attempts, "error": message.last_error[:200]})
        events.publish(f"notify.message.{action}", message_id=message.pk, channel=message.channel,
                       template=message.template)
    return message


def deliver_due_messages(*, limit: int = 100, actor=None) -> dict[str, int]:
    """Deliver every message whose (next) attempt is due, each in its own transaction; return counts."""
    now = timezone.now()
    due = (Message.objects.filter(status__in=DUE_STATUSES)
           .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
           .order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    counts = {"sent": 0, "retrying": 0, "failed": 0, "skipped": 0}
    for pk in list(due):
        message = deliver(pk, due_only=True, actor=actor)
        counts[message.status if message else "skipped"] += 1
    return counts


@transaction.atomic
def retry_message(message: Message, *, actor) -> Message:
    """Give a FAILED message a fresh set of attempts, due now."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != DeliveryStatus.FAILED:
        raise ValidationError({"status": _("只有发送失败的消息可以重新发送")})
    message.status = DeliveryStatus.RETRYING
    message.attempts = 0
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    audit.record("notify.message.retried", actor=actor, target=message)
    return message


@transaction.atomic
def mark_read(message: Message, *, actor) -> Message:
    """Mark an in-app message read; only its recipient may."""
    if message.recipient_id is None or getattr(actor, "pk", None) != message.recipient_id:
        raise PermissionDenied(_("只能标记自己的消息为已读"))
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at", "updated_at"])
        audit.record("notify.message.read", actor=actor, target=message)
    return message


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Mark all of ``actor``'s unread in-app messages read; return how many."""
    count = Message.objects.filter(recipient=actor, channel=Channel.IN_APP, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now())
    if count:
        audit.record("notify.message.all_read", actor=actor, target=actor, data={"count": count})
    return count


def _validate_target(target: str) -> None:
    if (not target or not target.startswith("/") or target.startswith("//") or "\\" in target
            or not url_has_allowed_host_and_scheme(target, allowed_hosts=None)):
        raise ValidationError({"target": _("目标地址必须是本站路径（以 / 开头，不含域名）")}, code="short_link_target")
    if len(target) > 500:
        raise ValidationError({"target": _("目标地址不能超过 500 个字符")}, code="short_link_target")


@transaction.atomic
def make_short_link(target: str, *, expires_in: dt.timedelta | int, actor, subject=None) -> ShortLink:
    """Create a short link to ``target`` (a path on this site) valid for ``expires_in`` (a timedelta or seconds)."""
    from django.contrib.contenttypes.models import ContentType

    _validate_target(target)
    if not isinstance(expires_in, dt.timedelta):
        expires_in = dt.timedelta(seconds=int(expires_in))
    if expires_in <= dt.timedelta(0):
        raise ValidationError({"expires_in": _("有效期必须大于 0")}, code="short_link_expiry")
    if expires_in > dt.timedelta(days=366):
        raise ValidationError({"expires_in": _("有效期不能超过 366 天")}, code="short_link_expiry")
    for _attempt in range(5):
        code = links.new_code()
        if not ShortLink.objects.filter(code=code).exists():
            break
    else:
        raise RuntimeError("could not draw a free short-link code")
    link = ShortLink.objects.create(
        code=code, target=target, expires_at=timezone.now() + expires_in,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=str(subject.pk) if subject is not None else "",
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record("notify.short_link.created", actor=actor, target=link,
                 data={"target": target, "expires_at": link.expires_at})
    return link


def resolve_short_link(token: str) -> ShortLink:
    """Return the link a token names, or raise ShortLinkInvalid / ShortLinkExpired; changes nothing."""
    code = links.code_from_token(token)
    if code is None:
        raise ShortLinkInvalid(token)
    link = ShortLink.objects.filter(code=code).first()
    if link is None:
        raise ShortLinkInvalid(token)
    if link.is_expired():
        raise ShortLinkExpired(link)
    return link


@transaction.atomic
def open_short_link(token: str, *, actor=None) -> ShortLink:
    """Resolve a token and count the visit; raise ShortLinkInvalid or ShortLinkExpired when refused."""
    link = resolve_short_link(token)
    ShortLink.objects.filter(pk=link.pk).update(hits=F("hits") + 1)
    link.refresh_from_db(fields=["hits"])
    audit.record("notify.short_link.opened", actor=actor, target=link, data={"hits": link.hits})
    return link
