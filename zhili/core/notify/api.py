"""What other packages and scenes may call in core.notify."""

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
