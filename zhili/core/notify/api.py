"""What other packages and scenes may call in core.notify."""

from .models import Message  # noqa: F401  (FK target and outbox reads)
from .services import queue_message, send_sms  # noqa: F401
from .templates_registry import MessageTemplate, register_template  # noqa: F401
