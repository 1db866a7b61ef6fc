"""Push (推送): signed webhook deliveries, retried with exponential backoff, dead-lettered, replayable.

Each request carries ``X-Zhili-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`` with the
subscription's secret, and ``Idempotency-Key``: the same key on every retry and replay, so that a receiver
that has already processed it can answer 2xx and do nothing.
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import time

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from zhili.core.foundation import audit
from zhili.core.identity.permissions import require

from ..choices import DeliveryStatus
from ..models import Grant, WebhookDelivery, WebhookSubscription
from ..registry import document_types

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600
REQUEST_TIMEOUT_SECONDS = 10
DUE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


def sign_body(secret: str, body: str, timestamp: int) -> str:
    """The value of the ``X-Zhili-Signature`` header for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def backoff(attempts: int) -> dt.timedelta:
    """Wait before the next try after ``attempts`` failures: 30 s, 1 min, 2 min, ... at most 6 h."""
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS))


def _document_of(event) -> tuple[str, str] | None:
    for declared in document_types.values():
        if event.name in declared.events and declared.event_id_key in event.payload:
            return declared.code, str(event.payload[declared.event_id_key])
    return None


def _event_key(event) -> str:
    text = json.dumps({"name": event.name, "payload": event.payload, "at": event.occurred_at},
                      cls=DjangoJSONEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def is_document_event(name: str) -> bool:
    """Whether a document type declares ``name`` among the events that change its documents' state."""
    return any(name in declared.events for declared in document_types.values())


def enqueue_deliveries(event, *, actor=None) -> list[WebhookDelivery]:
    """Create one delivery per active subscription that wants ``event`` and may hear about its document.

    Only document events (those a document type declares) are pushed; the platform's own events (a ledger
    append, a signature applied) never leave it — and cost no query, since every change of a contract
    publishes several of them.
    """
    if not is_document_event(event.name):  # decided before any transaction: SQLite would BEGIN for nothing
        return []
    with transaction.atomic():
        return _enqueue(event, actor)


def _enqueue(event, actor) -> list[WebhookDelivery]:
    subscriptions = [s for s in WebhookSubscription.objects.filter(is_active=True) if s.wants(event.name)]
    if not subscriptions:
        return []
    document = _document_of(event)
    event_key = _event_key(event)
    deliveries = []
    for subscription in subscriptions:
        if subscription.needs_approval:
            continue  # a legal basis not yet approved by a second administrator reaches nothing
        if not subscription.legal_basis:
            if document is None or not Grant.objects.valid().filter(
                    party_id=subscription.organization_id, document_type=document[0],
                    object_id=document[1]).exists():
                continue
        key = f"{event_key}-{subscription.pk}"
        body = json.dumps({
            "id": key, "event": event.name, "occurred_at": event.occurred_at,
            "document_type": document[0] if document else None, "document_id": document[1] if document else None,
            "data": event.payload,
        }, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
        delivery, created = WebhookDelivery.objects.get_or_create(
            idempotency_key=key, defaults={"subscription": subscription, "event_name": event.name, "body": body})
        if created:
            audit.record("sharing.delivery.enqueued", actor=actor, target=delivery, data={"event": event.name})
            deliveries.append(delivery)
    return deliveries


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    import requests

    subscription = delivery.subscription
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Zhili-Event": delivery.event_name,
        "X-Zhili-Signature": sign_body(subscription.secret, delivery.body, int(time.time())),
        "Idempotency-Key": delivery.idempotency_key,
        "User-Agent": "Zhili-Webhook/1",
    }
    try:
        response = requests.post(subscription.url, data=delivery.body.encode(), headers=headers,
                                  timeout=REQUEST_TIMEOUT_SECONDS, allow_redirects=False)
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"


def attempt_delivery(delivery: WebhookDelivery, *, now=None, actor=None) -> WebhookDelivery:
    """Send once; on failure schedule the next try with backoff, or dead-letter after the last one."""
    status_code, error = _post(delivery)
    now = now or timezone.now()
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("subscription").get(pk=delivery.pk)
        delivery.attempts += 1
        delivery.last_status_code = status_code
        delivery.last_error = error
        if not error:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
        elif delivery.attempts >= delivery.subscription.max_attempts:
            delivery.status = DeliveryStatus.DEAD
        else:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(update_fields=["attempts", "last_status_code", "last_error", "status", "delivered_at",
                                     "next_attempt_at", "updated_at"])
        audit.record(f"sharing.delivery.{delivery.status}", actor=actor, target=delivery,
                     data={"attempt": delivery.attempts, "status_code": status_code, "error": error})
    return delivery


def deliver_due(*, now=None, limit: int = 100) -> dict[str, int]:
    """Attempt every delivery that is due; return how many were delivered, retried and dead-lettered."""
    now = now or timezone.now()
    counts = {"delivered": 0, "retrying": 0, "dead": 0}
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now).order_by("id")
        if connection.vendor == "postgresql":
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("id", flat=True)[:limit])
    for delivery in WebhookDelivery.objects.filter(pk__in=ids).select_related("subscription").order_by("id"):
        if delivery.status not in DUE_STATUSES:
            continue
        result = attempt_delivery(delivery, now=now)
        counts[result.status] = counts.get(result.status, 0) + 1
    return counts


def replay_delivery(delivery: WebhookDelivery, *, actor) -> WebhookDelivery:
    """Send a dead-lettered (or any) delivery again with its original key; administrators only."""
    require(actor, "sharing.delivery.replay", delivery)
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")
        audit.record("sharing.delivery.replayed", actor=actor, target=delivery)
    delivery.refresh_from_db()
    return attempt_delivery(delivery, actor=actor)
