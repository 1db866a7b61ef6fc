"""Reads of the outbox, the inbox and short links."""

from zhili.core.foundation import pii

from .choices import Channel
from .models import Message, ShortLink


def inbox_for(user):
    """The user's in-app messages, newest first."""
    return Message.objects.filter(recipient=user, channel=Channel.IN_APP).order_by("-id")


def unread_count(user) -> int:
    """How many in-app messages ``user`` has not read yet."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Message.objects.filter(recipient=user, channel=Channel.IN_APP, read_at__isnull=True).count()


def recent_sms(*, phone: str = "", limit: int = 50):
    """The newest SMS in the outbox, optionally only those to ``phone`` (looked up by blind index)."""
    queryset = Message.objects.filter(channel=Channel.SMS)
    if phone:
        queryset = queryset.filter(address_index=pii.blind_index(phone))
    return queryset.select_related("recipient").order_by("-id")[:limit]


def short_links_for(subject):
    """The short links made for ``subject``, newest first."""
    from django.contrib.contenttypes.models import ContentType

    return ShortLink.objects.filter(subject_type=ContentType.objects.get_for_model(subject),
                                    subject_id=str(subject.pk)).order_by("-id")
