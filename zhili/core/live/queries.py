"""Reads of live channels: a channel by key, and the messages after a number (the replay on reconnect)."""

from django.db import connection

from .deliveries import Delivery, delivery
from .models import Channel, Message

REPLAY_BATCH = 200


def channel_by_key(key: str) -> Channel | None:
    return Channel.objects.filter(key=key).first()


def channels_of(subject) -> list[Channel]:
    """The channels opened for ``subject`` (any model instance), oldest first."""
    from zhili.core.foundation.models import target_key

    subject_type, subject_id, _ = target_key(subject)
    return list(Channel.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("pk"))


def message_record(message: Message) -> dict:
    """What a participant's page receives of one message (the same in the stream, the poll and the replay)."""
    return {
        "seq": message.seq,
        "kind": message.kind,
        "author": message.author_label,
        "author_id": message.author_id,
        "text": message.text,
        "data": message.data,
        "at": message.created_at.isoformat(),
    }


def messages_since(channel: Channel | int, after: int = 0, *, limit: int = REPLAY_BATCH) -> list[Message]:
    """The messages numbered above ``after``, in order, at most ``limit``."""
    channel_id = channel if isinstance(channel, int) else channel.pk
    return list(Message.objects.filter(channel_id=channel_id, seq__gt=after).order_by("seq")[:limit])


def records_since(channel: Channel | int, after: int = 0, *, limit: int = REPLAY_BATCH) -> list[dict]:
    return [message_record(m) for m in messages_since(channel, after, limit=limit)]


def deliveries_since(channel_id: int, after: int, *, limit: int = REPLAY_BATCH) -> list[Delivery]:
    return [delivery(record) for record in records_since(channel_id, after, limit=limit)]


def release_connection() -> None:
    """Give back this thread's database connection while it waits (a stream may wait for minutes; PostgreSQL
    allows only so many connections). Not inside a transaction: a test's or a caller's stays open."""
    if not connection.in_atomic_block:
        connection.close()
