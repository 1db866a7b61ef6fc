import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zhili.core.foundation.models import AuditEntry
from zhili.core.identity import services
from zhili.core.identity.models import OtpChallenge, User
from zhili.core.notify.models import Message

pytestmark = pytest.mark.django_db


def code_from_outbox(phone: str) -> str:
    message = Message.objects.filter(template="otp_login").order_by("-id").first()
    assert message.address == phone
    return re.search(r"\d{6}", message.body).group(0)


def test_a_code_is_sent_by_sms_and_stored_only_hashed(worker_zhang):
    challenge = services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    code = code_from_outbox(worker_zhang.phone)
    assert len(code) == 6
    assert code not in challenge.code_hash
    assert abs(challenge.expires_at - challenge.created_at - dt.timedelta(minutes=5)) < dt.timedelta(seconds=1)


def test_the_right_code_logs_the_worker_in_once(worker_zhang):
    services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    code = code_from_outbox(worker_zhang.phone)
    assert services.verify_login_code(worker_zhang.phone, code, ip_address="10.0.0.1") == worker_zhang
    with pytest.raises(ValidationError) as raised:
        services.verify_login_code(worker_zhang.phone, code, ip_address="10.0.0.1")
    assert raised.value.code == "otp_expired"


def test_five_wrong_codes_burn_the_challenge(worker_zhang):
    services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    code = code_from_outbox(worker_zhang.phone)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(ValidationError) as raised:
            services.verify_login_code(worker_zhang.phone, wrong, ip_address="10.0.0.1")
        assert raised.value.code == "otp_wrong"
        assert f"还可尝试 {left} 次" in raised.value.messages[0]
    with pytest.raises(ValidationError) as raised:
        services.verify_login_code(worker_zhang.phone, code, ip_address="10.0.0.1")
    assert raised.value.code == "otp_attempts"
    assert OtpChallenge.objects.get().attempts == 5


def test_an_expired_code_is_refused(worker_zhang):
    challenge = services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    code = code_from_outbox(worker_zhang.phone)
    OtpChallenge.objects.filter(pk=challenge.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError) as raised:
        services.verify_login_code(worker_zhang.phone, code, ip_address="10.0.0.1")
    assert raised.value.code == "otp_expired"


def test_codes_are_rate_limited_per_phone_and_per_ip(worker_zhang):
    services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    with pytest.raises(ValidationError) as raised:
        services.request_login_code(worker_zhang.phone, ip_address="10.0.0.1")
    assert raised.value.code == "otp_too_soon"
    assert OtpChallenge.objects.count() == 1

    earlier = timezone.now() - dt.timedelta(minutes=2)
    OtpChallenge.objects.update(created_at=earlier)
    for i in range(29):
        OtpChallenge.objects.create(phone_index=f"other{i}", code_hash="x", ip_address="10.0.0.9",
                                    expires_at=timezone.now())
    OtpChallenge.objects.filter(ip_address="10.0.0.9").update(created_at=earlier)
    services.request_login_code("13900000077", ip_address="10.0.0.9")
    with pytest.raises(ValidationError) as raised:
        services.request_login_code("13900000078", ip_address="10.0.0.9")
    assert raised.value.code == "otp_ip_limit"


def test_a_new_phone_becomes_a_worker_account(db):
    services.request_login_code("13700001111", ip_address=None)
    user = services.verify_login_code("13700001111", code_from_outbox("13700001111"), ip_address=None)
    assert user.phone == "13700001111"
    assert user.roles() == {"worker"}
    assert User.objects.by_phone("13700001111").count() == 1
    assert AuditEntry.objects.filter(action="identity.user.registered", target_id=str(user.pk)).exists()


def test_a_bad_phone_number_is_refused_with_the_rule(db):
    with pytest.raises(ValidationError) as raised:
        services.request_login_code("12345", ip_address=None)
    assert "11 位" in raised.value.messages[0]
    assert OtpChallenge.objects.count() == 0 and Message.objects.count() == 0
