"""What scenes and other core packages may use from core.notify (消息通知).

Sending (through the outbox, delivered by the worker): ``send_sms``, ``send_in_app``, ``send_email``,
    ``queue_message``, ``deliver``, ``deliver_due_messages``; message templates: ``MessageTemplate``,
    ``register_template``.
Short links and QR codes: ``make_short_link``, ``open_short_link``, ``resolve_short_link`` (``ShortLinkExpired``,
    ``ShortLinkInvalid``), ``short_links_for``; ``qr_png``, ``qr_svg``.
Reads: ``Message``, ``ShortLink`` (FK targets and the outbox), ``inbox_for``, ``unread_count``, ``recent_sms``;
    ``mark_read``, ``mark_all_read``.
"""

from .models import Message, ShortLink  # noqa: F401  (FK targets and outbox reads)
from .qr import qr_png, qr_svg  # noqa: F401
from .queries import inbox_for, recent_sms, short_links_for, unread_count  # noqa: F401
from .services import (  # noqa: F401
    ShortLinkExpired,
    ShortLinkInvalid,
    deliver,
    deliver_due_messages,
    make_short_link,
    mark_all_read,
    mark_read,
    open_short_link,
    queue_message,
    resolve_short_link,
    send_email,
    send_in_app,
    send_sms,
)
from .templates_registry import MessageTemplate, register_template  # noqa: F401
