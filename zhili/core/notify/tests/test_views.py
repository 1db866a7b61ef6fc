"""The demo outbox page and the admin."""

import pytest
from django.urls import reverse

from zhili.core.notify import services


@pytest.mark.django_db
def test_outbox_is_a_404_for_a_non_staff_user_outside_debug(client, settings, worker_zhang):
    settings.DEBUG = False
    services.send_sms("13800000001", "otp_login", {"code": "246810"})
    client.force_login(worker_zhang)
    assert client.get(reverse("notify:outbox")).status_code == 404
    client.logout()
    assert client.get(reverse("notify:outbox")).status_code == 404


@pytest.mark.django_db
def test_outbox_shows_full_sms_in_debug_for_a_demo(client, settings):
    settings.DEBUG = True
    services.send_sms("13800000001", "otp_login", {"code": "246810"})
    services.send_sms("13800000002", "otp_login", {"code": "135790"})
    page = client.get(reverse("notify:outbox"), {"phone": "13800000001"}).content.decode()
    assert "您的登录验证码为 246810" in page
    assert "138****0001" in page
    assert "135790" not in page


@pytest.mark.django_db
def test_outbox_is_open_to_staff_outside_debug(client, settings, officer_wang):
    settings.DEBUG = False
    officer_wang.is_staff = True
    officer_wang.save(update_fields=["is_staff"])
    services.send_sms("13800000001", "otp_login", {"code": "246810"})
    client.force_login(officer_wang)
    response = client.get(reverse("notify:outbox"))
    assert response.status_code == 200
    assert "246810" in response.content.decode()


@pytest.mark.django_db
def test_admin_list_masks_body_and_phone(admin_client):
    message = services.send_sms("13800000001", "otp_login", {"code": "246810"})
    page = admin_client.get(reverse("admin:notify_message_changelist")).content.decode()
    assert message.masked_body == "您的登录验证码为 ******，* 分钟内有效。请勿告诉他人。"
    assert message.masked_body in page
    assert "246810" not in page
    assert "138****0001" in page


@pytest.mark.django_db
def test_admin_lists_short_links(admin_client, hr_li):
    link = services.make_short_link("/x/", expires_in=60, actor=hr_li)
    page = admin_client.get(reverse("admin:notify_shortlink_changelist")).content.decode()
    assert link.code in page


@pytest.mark.django_db
def test_admin_action_retries_only_failed_messages(admin_client, aliyun_sms):
    from zhili.core.notify.choices import DeliveryStatus
    from zhili.core.notify.models import Message

    aliyun_sms.script("13900000009", "isv.MOBILE_NUMBER_ILLEGAL")
    failed = services.send_sms("13900000009", "otp_login", {"code": "1"})
    services.deliver(failed.pk)
    pending = services.send_sms("13800000001", "otp_login", {"code": "2"})
    response = admin_client.post(reverse("admin:notify_message_changelist"),
                                 {"action": "retry_failed", "_selected_action": [failed.pk, pending.pk]}, follow=True)
    assert "已安排重新发送 1 条消息" in response.content.decode()
    assert Message.objects.get(pk=failed.pk).status == DeliveryStatus.RETRYING
    assert Message.objects.get(pk=pending.pk).status == DeliveryStatus.PENDING
