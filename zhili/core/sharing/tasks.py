"""Background tasks (django-tasks): first attempts of new deliveries, and the periodic retry sweep."""

from django_tasks import task


@task()
def deliver_webhooks(delivery_ids: list[int]) -> dict[str, int]:
    """Attempt the named deliveries once each."""
    from .choices import DeliveryStatus
    from .models import WebhookDelivery
    from .services.webhooks import attempt_delivery

    counts: dict[str, int] = {}
    for delivery in WebhookDelivery.objects.filter(pk__in=delivery_ids).select_related("subscription"):
        if delivery.status in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING):
            result = attempt_delivery(delivery)
            counts[result.status] = counts.get(result.status, 0) + 1
    return counts


@task()
def retry_due_webhooks(limit: int = 100) -> dict[str, int]:
    """Retry every delivery whose backoff has passed."""
    from .services.webhooks import deliver_due

    return deliver_due(limit=limit)
