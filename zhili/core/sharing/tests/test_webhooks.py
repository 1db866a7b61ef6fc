"""Push: signed deliveries to a real local receiver, retried with backoff, dead-lettered, replayed, deduplicated."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhili.core.foundation import events
from zhili.core.sharing.choices import DeliveryStatus
from zhili.core.sharing.models import WebhookDelivery, WebhookSubscription
from zhili.core.sharing.services import deliver_due, grant_access, replay_delivery

from .conftest import in_days
from .receiver import Receiver

pytestmark = pytest.mark.django_db

SECRET = "whsec-test-建德"  # noqa: S105


@pytest.fixture
def receiver():
    with Receiver(SECRET) as running:
        yield running


def subscribe(organization, receiver, **kwargs):
    """A subscription as the services leave it; one with a legal basis already approved by a second admin."""
    if kwargs.get("legal_basis"):
        kwargs.setdefault("approved_at", timezone.now())
    return WebhookSubscription.objects.create(organization=organization, name="银行贷后系统", url=receiver.url,
                                              secret=SECRET, event_names=["dummy.document.rescinded"], **kwargs)


def rescind(document, capture):
    with capture(execute=True):
        events.publish("dummy.document.rescinded", document_id=document.pk)


def test_signed_delivery_retried_with_backoff_until_delivered(worker_zhang, document, bank, matter, receiver,
                                                              django_capture_on_commit_callbacks):
    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)
    subscribe(bank, receiver)
    receiver.fail_next = 2

    rescind(document, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRYING, 1)
    first_retry = delivery.next_attempt_at

    assert deliver_due(now=first_retry - dt.timedelta(seconds=1)) == {"delivered": 0, "retrying": 0, "dead": 0}
    assert deliver_due(now=first_retry) == {"delivered": 0, "retrying": 1, "dead": 0}
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - first_retry == dt.timedelta(seconds=60)
    assert deliver_due(now=delivery.next_attempt_at) == {"delivered": 1, "retrying": 0, "dead": 0}

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert [r["signature_ok"] for r in receiver.requests] == [True, True, True]
    assert {r["key"] for r in receiver.requests} == {delivery.idempotency_key}
    body = json.loads(receiver.processed[delivery.idempotency_key])
    assert (body["event"], body["document_type"], body["document_id"]) == (
        "dummy.document.rescinded", "dummy.document", str(document.pk))


def test_dead_letter_then_replay_by_admin_and_receiver_dedups(worker_zhang, document, bank, matter, receiver,
                                                              platform_admin, hr_li,
                                                              django_capture_on_commit_callbacks):
    grant_access(document_type="dummy.document", object_id=document.pk, party=bank, matter=matter,
                 expires_at=in_days(30), actor=worker_zhang)
    subscribe(bank, receiver, max_attempts=2)
    receiver.fail_next = 10

    rescind(document, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    deliver_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DEAD, 2)
    assert deliver_due(now=timezone.now() + dt.timedelta(days=1)) == {"delivered": 0, "retrying": 0, "dead": 0}

    with pytest.raises(PermissionDenied):
        replay_delivery(delivery, actor=hr_li)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DEAD

    receiver.fail_next = 0
    assert replay_delivery(delivery, actor=platform_admin).status == DeliveryStatus.DELIVERED
    assert replay_delivery(delivery, actor=platform_admin).status == DeliveryStatus.DELIVERED
    assert len(receiver.processed) == 1
    assert receiver.duplicates == 1
    assert receiver.bad_signatures == 0


def test_no_push_without_a_grant_unless_a_legal_basis(document, bank, other_bank, receiver,
                                                      django_capture_on_commit_callbacks):
    subscribe(bank, receiver)
    filing = subscribe(other_bank, receiver, legal_basis="就业登记备案（《就业服务与就业管理规定》第六十二条）")

    rescind(document, django_capture_on_commit_callbacks)

    assert list(WebhookDelivery.objects.values_list("subscription", "status")) == [(filing.pk, DeliveryStatus.DELIVERED)]
    assert len(receiver.processed) == 1


def test_the_same_event_handled_twice_is_enqueued_once(document, other_bank, receiver):
    from zhili.core.sharing.services import enqueue_deliveries

    subscribe(other_bank, receiver, legal_basis="就业登记备案")
    event = events.Event(name="dummy.document.rescinded", payload={"document_id": document.pk})

    assert len(enqueue_deliveries(event)) == 1
    assert enqueue_deliveries(event) == []
    assert WebhookDelivery.objects.count() == 1


def test_only_document_events_are_pushed_even_to_a_subscription_for_everything(document, other_bank, receiver):
    from zhili.core.sharing.services import enqueue_deliveries

    WebhookSubscription.objects.create(organization=other_bank, name="省就业备案系统", url=receiver.url, secret=SECRET,
                                       event_names=["*"], legal_basis="就业登记备案", approved_at=timezone.now())
    internal = events.Event(name="ledger.entries.appended", payload={"first_index": 0, "count": 1, "tree_size": 1})
    state_change = events.Event(name="dummy.document.rescinded", payload={"document_id": document.pk})

    assert enqueue_deliveries(internal) == []
    assert [d.event_name for d in enqueue_deliveries(state_change)] == ["dummy.document.rescinded"]
