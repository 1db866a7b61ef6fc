"""The outbox: dedup, at-most-once delivery, retries with back-off, the command and the task."""

import datetime as dt
import threading
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from zhili.core.foundation.models import AuditEntry
from zhili.core.notify import services
from zhili.core.notify.choices import DeliveryStatus
from zhili.core.notify.models import Message
from zhili.core.notify.tasks import deliver_outbox


def make_due(message):
    """Test set-up: pretend the back-off has passed."""
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))


@pytest.mark.django_db
def test_the_same_dedup_key_never_makes_a_second_message():
    first = services.send_sms("13800000001", "otp_login", {"code": "123456"}, dedup_key="otp:9")
    second = services.send_sms("13800000001", "otp_login", {"code": "999999"}, dedup_key="otp:9")
    assert second.pk == first.pk
    assert Message.objects.count() == 1
    assert Message.objects.get().body == "您的登录验证码为 123456，5 分钟内有效。请勿告诉他人。"


@pytest.mark.django_db
def test_address_and_body_are_encrypted_at_rest():
    message = services.send_sms("13800000001", "otp_login", {"code": "123456"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT address, body FROM notify_message WHERE id = %s", [message.pk])
        address, body = cursor.fetchone()
    assert address.startswith("v1:") and body.startswith("v1:")
    assert "123456" not in body


@pytest.mark.django_db
def test_bad_input_is_refused_with_the_field_and_rule_in_chinese():
    with pytest.raises(ValidationError) as bad_phone:
        services.send_sms("12345", "otp_login", {"code": "1"})
    assert bad_phone.value.message_dict == {"address": ["手机号码应为 11 位、以 13–19 开头的中国大陆号码"]}
    with pytest.raises(ValidationError) as missing:
        services.send_sms("13800000001", "otp_login", {})
    assert missing.value.message_dict == {"params": ["消息类型 otp_login 缺少参数 code"]}
    with pytest.raises(ValidationError) as unknown:
        services.send_sms("13800000001", "no_such_type", {})
    assert unknown.value.message_dict == {"template": ["未登记的消息类型 no_such_type"]}
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_a_sent_message_is_never_sent_again():
    message = services.send_sms("13800000001", "otp_login", {"code": "123456"})
    first = services.deliver(message.pk)
    again = services.deliver(message.pk)
    assert first.status == DeliveryStatus.SENT
    assert again is None
    message.refresh_from_db()
    assert (message.status, message.attempts, message.provider_id) == (DeliveryStatus.SENT, 1, f"outbox-{message.pk}")
    assert AuditEntry.objects.filter(action="notify.message.sent", target_id=str(message.pk)).count() == 1


@pytest.mark.django_db
def test_the_message_is_delivered_when_the_sender_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send_sms("13800000001", "otp_login", {"code": "123456"})
    message.refresh_from_db()
    assert message.status == DeliveryStatus.SENT


def test_back_off_doubles_and_is_capped(settings):
    settings.NOTIFY_RETRY_BASE_SECONDS = 30
    assert [services.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 8, 20)] == [30, 60, 120, 240, 3600, 3600]


@pytest.mark.django_db
def test_retries_back_off_and_fail_after_max_attempts(aliyun_sms, settings):
    # given a provider that throttles the number three times
    settings.NOTIFY_MAX_ATTEMPTS = 3
    aliyun_sms.script("13800000005", *["isv.BUSINESS_LIMIT_CONTROL"] * 3)
    message = services.send_sms("13800000005", "otp_login", {"code": "1"})
    # when the outbox runs: the first failure schedules a retry 30 s later
    before = timezone.now()
    assert services.deliver_due_messages() == {"sent": 0, "retrying": 1, "failed": 0, "skipped": 0}
    message.refresh_from_db()
    assert message.next_attempt_at >= before + dt.timedelta(seconds=30)
    # then a run before the retry is due sends nothing
    assert services.deliver_due_messages() == {"sent": 0, "retrying": 0, "failed": 0, "skipped": 0}
    # and once due it is tried again, then failed at the third attempt
    make_due(message)
    assert services.deliver_due_messages()["retrying"] == 1
    make_due(message)
    assert services.deliver_due_messages()["failed"] == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (DeliveryStatus.FAILED, 3, None)
    assert aliyun_sms.requests == []
    # and a failed message is not picked up again
    make_due(message)
    assert services.deliver_due_messages() == {"sent": 0, "retrying": 0, "failed": 0, "skipped": 0}


@pytest.mark.django_db
def test_a_throttled_message_goes_out_on_retry(aliyun_sms):
    aliyun_sms.script("13800000006", "isv.BUSINESS_LIMIT_CONTROL")
    message = services.send_sms("13800000006", "otp_login", {"code": "777777"})
    services.deliver_due_messages()
    make_due(message)
    assert services.deliver_due_messages() == {"sent": 1, "retrying": 0, "failed": 0, "skipped": 0}
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (DeliveryStatus.SENT, 2, "")
    assert len(aliyun_sms.requests) == 1


@pytest.mark.django_db
def test_a_failed_message_can_be_retried_by_staff(aliyun_sms, settings, officer_wang):
    aliyun_sms.script("13900000009", "isv.MOBILE_NUMBER_ILLEGAL")
    message = services.send_sms("13900000009", "otp_login", {"code": "1"})
    services.deliver(message.pk)
    services.retry_message(message, actor=officer_wang)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (DeliveryStatus.RETRYING, 0)
    assert services.deliver_due_messages()["sent"] == 1


@pytest.mark.django_db
def test_only_a_failed_message_can_be_retried(officer_wang):
    message = services.send_sms("13800000001", "otp_login", {"code": "1"})
    with pytest.raises(ValidationError):
        services.retry_message(message, actor=officer_wang)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (DeliveryStatus.PENDING, 0)


@pytest.mark.django_db
def test_send_outbox_command_delivers_due_messages():
    services.send_sms("13800000001", "otp_login", {"code": "1"})
    services.send_sms("13800000002", "otp_login", {"code": "2"})
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue() == "已发送 2，待重试 0，失败 0，跳过 0\n"
    assert set(Message.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.django_db
def test_send_outbox_loop_runs_the_given_rounds():
    services.send_sms("13800000001", "otp_login", {"code": "1"})
    out = StringIO()
    call_command("send_outbox", "--loop", "--rounds", "2", "--sleep", "0", stdout=out)
    assert out.getvalue() == "已发送 1，待重试 0，失败 0，跳过 0\n已发送 0，待重试 0，失败 0，跳过 0\n"


@pytest.mark.django_db
def test_deliver_outbox_task_runs_the_sweep():
    services.send_sms("13800000001", "otp_login", {"code": "1"})
    result = deliver_outbox.enqueue()
    assert result.return_value == {"sent": 1, "retrying": 0, "failed": 0, "skipped": 0}


@pytest.mark.django_db(transaction=True)
def test_a_message_locked_by_another_worker_is_skipped():
    """On PostgreSQL a second worker skips the row the first holds (SELECT … FOR UPDATE SKIP LOCKED)."""
    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("the database has no SKIP LOCKED; SQLite serialises writers instead")
    # given a pending message (written directly: in autocommit send_sms would deliver it at once on commit)
    message = Message.objects.create(channel="sms", template="otp_login", address="13800000001", body="验证码 1",
                                     next_attempt_at=timezone.now())
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        from django.db import connection as thread_connection

        try:
            with transaction.atomic():
                Message.objects.select_for_update().get(pk=message.pk)
                locked.set()
                release.wait(10)
        finally:
            thread_connection.close()

    worker = threading.Thread(target=other_worker)
    worker.start()
    locked.wait(10)
    try:
        assert services.deliver(message.pk) is None
        assert services.deliver_due_messages() == {"sent": 0, "retrying": 0, "failed": 0, "skipped": 1}
    finally:
        release.set()
        worker.join()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (DeliveryStatus.PENDING, 0)
