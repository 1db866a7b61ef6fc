"""Subscriptions are written by audited services: the secret is shown once, a legal basis needs a second admin."""

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.foundation import events
from zhili.core.foundation.models import AuditEntry
from zhili.core.sharing import services
from zhili.core.sharing.models import WebhookDelivery, WebhookSubscription
from zhili.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def rescind(document, capture):
    with capture(execute=True):
        events.publish("dummy.document.rescinded", document_id=document.pk)


def test_a_legal_basis_subscription_pushes_nothing_until_another_administrator_approves(
        client, document, other_bank, platform_admin, django_capture_on_commit_callbacks):
    admin_sun = UserFactory(username="admin_sun", name="孙平台", is_superuser=True, is_staff=True,
                            phone="13800000098", id_number="")
    client.force_login(admin_sun)
    added = client.post("/admin/sharing/webhooksubscription/add/", {
        "organization": other_bank.pk, "name": "省就业备案系统", "url": "http://127.0.0.1:9/hook",
        "event_names": '["*"]', "legal_basis": "就业登记备案（《就业服务与就业管理规定》第六十二条）",
        "max_attempts": 6, "is_active": "on"})
    subscription = WebhookSubscription.objects.get()
    change_url = f"/admin/sharing/webhooksubscription/{subscription.pk}/change/"
    first_page = client.get(change_url).content.decode()  # the page after saving shows the message
    second_page = client.get(change_url).content.decode()

    assert added.status_code == 302
    assert subscription.secret in first_page and subscription.secret not in second_page  # shown once
    assert AuditEntry.objects.filter(action="sharing.subscription.created", actor=admin_sun).count() == 1

    rescind(document, django_capture_on_commit_callbacks)
    assert WebhookDelivery.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.approve_subscription(subscription, actor=admin_sun)
    subscription.refresh_from_db()
    assert subscription.approved_at is None

    services.approve_subscription(subscription, actor=platform_admin)
    rescind(document, django_capture_on_commit_callbacks)
    assert WebhookDelivery.objects.filter(subscription=subscription).count() == 1

    services.change_subscription(subscription, actor=platform_admin, url="http://127.0.0.1:9/other")
    subscription.refresh_from_db()
    assert (subscription.approved_at, subscription.created_by) == (None, platform_admin)


def test_someone_who_is_no_administrator_cannot_register_a_subscription(hr_li, other_bank):
    with pytest.raises(PermissionDenied):
        services.create_subscription(actor=hr_li, organization=other_bank, name="x", url="http://127.0.0.1:9/",
                                     event_names=["*"])
    assert WebhookSubscription.objects.count() == 0
