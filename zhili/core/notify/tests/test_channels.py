"""E-mail and in-app channels: sending, reading, unread counts."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhili.core.notify import queries, services
from zhili.core.notify.choices import Channel, DeliveryStatus
from zhili.core.notify.models import Message


@pytest.mark.django_db
def test_email_is_sent_with_djangos_mail_backend(settings):
    settings.DEFAULT_FROM_EMAIL = "noreply@zhili.local"
    message = services.send_email("zhang@example.cn", "deadline_reminder",
                                  {"title": "劳动合同续签", "deadline": "2026年12月31日"})
    services.deliver(message.pk)
    message.refresh_from_db()
    assert message.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.to, sent.from_email) == ("办理期限提醒", ["zhang@example.cn"], "noreply@zhili.local")
    assert sent.body == "您的事项「劳动合同续签」将于 2026年12月31日 到期，请及时办理。"
    assert message.masked_address == "z***@example.cn"


@pytest.mark.django_db
def test_a_bad_email_address_is_refused():
    with pytest.raises(ValidationError) as bad:
        services.send_email("not-an-address", "notice", {"title": "t", "content": "c"})
    assert bad.value.message_dict == {"address": ["电子邮件地址格式不正确"]}
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_in_app_message_is_delivered_by_being_stored(worker_zhang):
    message = services.send_in_app(worker_zhang, "notice", {"title": "合同待签", "content": "您有一份劳动合同待签署"})
    assert (message.channel, message.status, message.subject, message.body) == (
        Channel.IN_APP, DeliveryStatus.SENT, "合同待签", "您有一份劳动合同待签署")
    assert services.deliver(message.pk) is None
    assert queries.unread_count(worker_zhang) == 1


@pytest.mark.django_db
def test_marking_read_lowers_the_unread_count(worker_zhang):
    first = services.send_in_app(worker_zhang, "notice", {"title": "一", "content": "一"})
    services.send_in_app(worker_zhang, "notice", {"title": "二", "content": "二"})
    services.mark_read(first, actor=worker_zhang)
    assert queries.unread_count(worker_zhang) == 1
    assert services.mark_all_read(actor=worker_zhang) == 1
    assert queries.unread_count(worker_zhang) == 0


@pytest.mark.django_db
def test_nobody_else_can_mark_a_message_read(worker_zhang, hr_li):
    message = services.send_in_app(worker_zhang, "notice", {"title": "一", "content": "一"})
    with pytest.raises(PermissionDenied):
        services.mark_read(message, actor=hr_li)
    message.refresh_from_db()
    assert message.read_at is None


@pytest.mark.django_db
def test_inbox_page_lists_and_marks_read(client, worker_zhang):
    message = services.send_in_app(worker_zhang, "notice", {"title": "合同待签", "content": "请尽快签署"})
    client.force_login(worker_zhang)
    page = client.get(reverse("notify:inbox"))
    assert page.status_code == 200
    assert "请尽快签署" in page.content.decode()
    assert "1 条未读" in page.content.decode()
    response = client.post(reverse("notify:message_read", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.read_at is not None


@pytest.mark.django_db
def test_someone_elses_message_cannot_be_marked_read_through_the_page(client, worker_zhang, hr_li):
    message = services.send_in_app(worker_zhang, "notice", {"title": "一", "content": "一"})
    client.force_login(hr_li)
    assert client.post(reverse("notify:message_read", args=[message.pk])).status_code == 404
    message.refresh_from_db()
    assert message.read_at is None
