"""Writes of live channels: open one, post a message (numbered under the channel's lock), close one."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation import audit
from zhili.core.foundation.models import target_key

from .hub import hub
from .models import Channel, Message
from .queries import message_record

TEXT_MAX_CHARS = 4000
DATA_MAX_BYTES = 8 * 1024
KIND_MAX_CHARS = 32


@transaction.atomic
def open_channel(key: str, *, actor, title: str = "", subject=None) -> Channel:
    """Return the channel called ``key``, creating it (audited) the first time."""
    key = (key or "").strip()
    if not key or len(key) > 200:
        raise ValidationError({"key": _("频道标识：必须填写，且不超过 200 个字符")}, code="invalid")
    existing = Channel.objects.filter(key=key).first()
    if existing is not None:
        return existing
    subject_type, subject_id, _repr = target_key(subject) if subject is not None else ("", "", "")
    # Two first visitors of a new room can both miss the look-up above: get_or_create inserts in a savepoint and, when
    # the other insert won (a duplicate key), reads the winner's row instead of failing.
    with transaction.atomic():
        channel, created = Channel.objects.get_or_create(
            key=key, defaults={"title": title[:200], "subject_type": subject_type, "subject_id": subject_id})
        if created:
            audit.record("live.channel.opened", actor=actor, target=channel, data={"key": key})
    return channel


def _checked(text: str, kind: str, data: dict | None) -> tuple[str, str, dict]:
    text = (text or "").strip()
    kind = (kind or "").strip()
    data = data or {}
    errors = {}
    if not kind or len(kind) > KIND_MAX_CHARS:
        errors["kind"] = _("消息类型：必须填写，且不超过 32 个字符")
    if len(text) > TEXT_MAX_CHARS:
        errors["text"] = _("消息内容：不能超过 {n} 个字").format(n=TEXT_MAX_CHARS)
    if not text and not data:
        errors["text"] = _("消息内容：不能为空")
    try:
        encoded = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        errors["data"] = _("附加数据：必须是可以转为 JSON 的数据")
    else:
        if len(encoded.encode()) > DATA_MAX_BYTES:
            errors["data"] = _("附加数据：不能超过 8 KB")
    if errors:
        raise ValidationError(errors, code="invalid")
    return text, kind, data


@transaction.atomic
def post_message(channel: Channel, *, actor, text: str = "", kind: str = "text", data: dict | None = None,
                 author_label: str = "") -> Message:
    """Append a message to ``channel``: the next number under the channel's row lock, audited, and announced to
    every server process when the transaction commits. A closed channel takes no more messages."""
    text, kind, data = _checked(text, kind, data)
    locked = Channel.objects.select_for_update().only("pk", "last_seq", "closed_at").get(pk=channel.pk)
    if locked.closed_at is not None:
        raise ValidationError({"channel": _("该频道已关闭，不能再发送消息")}, code="closed")
    seq = locked.last_seq + 1
    Channel.objects.filter(pk=channel.pk).update(last_seq=seq, updated_at=timezone.now())
    author = actor if getattr(actor, "pk", None) else None
    message = Message.objects.create(channel_id=channel.pk, seq=seq, kind=kind, author=author,
                                     author_label=author_label[:100], text=text, data=data)
    audit.record("live.message.posted", actor=actor, target=locked,
                 data={"seq": seq, "kind": kind, "sha256": hashlib.sha256(text.encode()).hexdigest()})
    channel.last_seq = seq
    hub().publish(channel.pk, seq, message_record(message))
    return message


@transaction.atomic
def close_channel(channel: Channel, *, actor) -> Channel:
    """Close ``channel``: it keeps its messages and takes no more."""
    locked = Channel.objects.select_for_update().get(pk=channel.pk)
    if locked.closed_at is None:
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at", "updated_at"])
        audit.record("live.channel.closed", actor=actor, target=locked, data={"last_seq": locked.last_seq})
    channel.closed_at = locked.closed_at
    return locked
