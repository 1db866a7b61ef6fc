"""The event-bus side of push: every event may become webhook deliveries, sent by the task worker."""

import logging

from zhili.core.foundation import events

logger = logging.getLogger(__name__)


def on_event(event) -> None:
    """Enqueue deliveries for ``event`` (already committed) and hand them to the background worker."""
    from .services.webhooks import enqueue_deliveries
    from .tasks import deliver_webhooks

    deliveries = enqueue_deliveries(event)
    if deliveries:
        deliver_webhooks.enqueue(delivery_ids=[d.pk for d in deliveries])


def subscribe_to_events() -> None:
    events.subscribe("*", on_event)
