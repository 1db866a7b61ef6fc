"""The Alibaba Cloud SMS adapter: the documented V3 signature layout and a real HTTP round trip."""

import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from zhili.core.foundation.models import AuditEntry
from zhili.core.notify import services
from zhili.core.notify.aliyun import (
    AliyunSmsClient,
    SmsError,
    authorization,
    canonical_request,
    percent_encode,
    string_to_sign,
)
from zhili.core.notify.choices import DeliveryStatus

from .conftest import KEY_ID, KEY_SECRET

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

def test_the_canonical_request_has_the_documented_v3_layout():
    """V3 document: method, "/", the sorted encoded query, the sorted signed headers as lines, their names, and the
    hex SHA-256 of the (empty) body; the string to sign is the algorithm and the hex SHA-256 of that request."""
    headers = {"host": "dysmsapi.aliyuncs.com", "x-acs-action": "SendSms", "x-acs-version": "2017-05-25",
               "x-acs-date": "2023-10-26T10:22:32Z", "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
               "x-acs-content-sha256": EMPTY_SHA256}
    query = {"TemplateParam": '{"code":"1234"}', "PhoneNumbers": "15300000001", "SignName": "阿里云短信测试",
             "TemplateCode": "SMS_1"}

    request, signed = canonical_request("POST", query, headers)

    assert signed == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
    assert request == (
        "POST\n/\n"
        "PhoneNumbers=15300000001&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95"
        "&TemplateCode=SMS_1&TemplateParam=%7B%22code%22%3A%221234%22%7D\n"
        "host:dysmsapi.aliyuncs.com\nx-acs-action:SendSms\nx-acs-content-sha256:" + EMPTY_SHA256 + "\n"
        "x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
        "x-acs-version:2017-05-25\n\n"
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" + EMPTY_SHA256)
    assert string_to_sign(request) == "ACS3-HMAC-SHA256\n" + hashlib.sha256(request.encode()).hexdigest()
    value = authorization("POST", query, headers, access_key_id="testid", access_key_secret="testsecret")
    assert value == ("ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=" + signed + ",Signature="
                     + hmac.new(b"testsecret", string_to_sign(request).encode(), hashlib.sha256).hexdigest())


def test_the_request_carries_no_v1_signature_parameters(fake_dysms):
    client = AliyunSmsClient({"endpoint": fake_dysms.url, "access_key_id": KEY_ID, "access_key_secret": KEY_SECRET,
                              "sign_name": "治理平台"})
    url, headers = client.build_request("13800000001", "SMS_OTP_LOGIN", {"code": 1}, out_id="9")
    query = dict(parse_qsl(urlsplit(url).query))
    assert sorted(query) == ["OutId", "PhoneNumbers", "SignName", "TemplateCode", "TemplateParam"]
    assert headers["Authorization"].startswith(f"ACS3-HMAC-SHA256 Credential={KEY_ID},SignedHeaders=host;x-acs-")


def test_percent_encoding_follows_rfc_3986():
    assert percent_encode("a b*~-_.") == "a%20b%2A~-_."
    assert percent_encode("/=&+") == "%2F%3D%26%2B"
    assert percent_encode("治") == "%E6%B2%BB"


def test_client_sends_a_signed_request_that_the_provider_accepts(fake_dysms):
    # given a client configured with the provider's key
    client = AliyunSmsClient({"endpoint": fake_dysms.url, "access_key_id": KEY_ID, "access_key_secret": KEY_SECRET,
                              "sign_name": "治理平台"})
    # when it sends one message
    biz_id = client.send("13800000001", "SMS_OTP_LOGIN", {"code": 123456}, out_id="42")
    # then the provider checked the signature and accepted it
    assert biz_id == "biz-1"
    assert fake_dysms.rejected == []
    sent = fake_dysms.requests[0]
    assert (sent["PhoneNumbers"], sent["SignName"], sent["TemplateCode"], sent["OutId"]) == (
        "13800000001", "治理平台", "SMS_OTP_LOGIN", "42")
    assert json.loads(sent["TemplateParam"]) == {"code": "123456"}


def test_client_with_a_tampered_secret_is_refused_by_the_provider(fake_dysms):
    client = AliyunSmsClient({"endpoint": fake_dysms.url, "access_key_id": KEY_ID,
                              "access_key_secret": KEY_SECRET + "x", "sign_name": "治理平台"})
    with pytest.raises(SmsError) as refused:
        client.send("13800000001", "SMS_OTP_LOGIN", {"code": "123456"})
    assert refused.value.code == "SignatureDoesNotMatch"
    assert refused.value.retryable is False
    assert fake_dysms.requests == []
    assert len(fake_dysms.rejected) == 1


def test_client_without_configuration_says_what_is_missing():
    with pytest.raises(SmsError) as missing:
        AliyunSmsClient({"endpoint": "http://127.0.0.1:9/", "access_key_id": "", "access_key_secret": "",
                         "sign_name": "治理平台"})
    assert missing.value.message == "阿里云短信配置缺少 access_key_id、access_key_secret（见 ZHILI_SMS_ALIYUN_*）"


def test_unreachable_provider_is_a_retryable_error():
    client = AliyunSmsClient({"endpoint": "http://127.0.0.1:9/", "access_key_id": KEY_ID,
                              "access_key_secret": KEY_SECRET, "sign_name": "治理平台"}, timeout=2)
    with pytest.raises(SmsError) as refused:
        client.send("13800000001", "SMS_OTP_LOGIN", {"code": "1"})
    assert (refused.value.code, refused.value.retryable) == ("NetworkError", True)


@pytest.mark.django_db
def test_otp_sms_goes_through_aliyun_once(aliyun_sms, worker_zhang):
    # given an OTP SMS queued the way identity does it
    message = services.send_sms("13800000001", "otp_login", {"code": "654321"}, recipient=worker_zhang,
                                dedup_key="otp:1")
    # when it is delivered, and delivered again
    services.deliver(message.pk)
    services.deliver(message.pk)
    # then exactly one request reached the provider and the message is SENT with its BizId
    message.refresh_from_db()
    assert (message.status, message.provider_id, message.attempts) == (DeliveryStatus.SENT, "biz-1", 1)
    assert len(aliyun_sms.requests) == 1
    assert aliyun_sms.requests[0]["OutId"] == str(message.pk)
    assert json.loads(aliyun_sms.requests[0]["TemplateParam"]) == {"code": "654321"}


@pytest.mark.django_db
def test_a_wrong_secret_fails_the_message_for_good(aliyun_sms, settings):
    settings.SMS_ALIYUN = {**settings.SMS_ALIYUN, "access_key_secret": "tampered"}
    message = services.send_sms("13800000001", "otp_login", {"code": "111111"})
    services.deliver(message.pk)
    message.refresh_from_db()
    assert message.status == DeliveryStatus.FAILED
    assert message.last_error.startswith("SignatureDoesNotMatch: Specified signature is not matched.")
    assert message.next_attempt_at is None
    assert AuditEntry.objects.filter(action="notify.message.failed", target_id=str(message.pk)).count() == 1


@pytest.mark.django_db
def test_an_illegal_number_is_not_retried_but_flow_control_is(aliyun_sms):
    # given the provider refuses one number as illegal and throttles another
    aliyun_sms.script("13900000009", "isv.MOBILE_NUMBER_ILLEGAL")
    aliyun_sms.script("13900000008", "isv.BUSINESS_LIMIT_CONTROL")
    illegal = services.send_sms("13900000009", "otp_login", {"code": "1"})
    throttled = services.send_sms("13900000008", "otp_login", {"code": "2"})
    # when both are delivered
    services.deliver(illegal.pk)
    services.deliver(throttled.pk)
    # then the illegal number failed for good and the throttled one waits for a retry
    illegal.refresh_from_db()
    throttled.refresh_from_db()
    assert (illegal.status, illegal.attempts) == (DeliveryStatus.FAILED, 1)
    assert (throttled.status, throttled.attempts) == (DeliveryStatus.RETRYING, 1)
    assert throttled.last_error.startswith("isv.BUSINESS_LIMIT_CONTROL")
    assert aliyun_sms.requests == []


@pytest.mark.django_db
def test_a_template_without_provider_code_fails_with_a_clear_error(aliyun_sms, settings):
    from zhili.core.notify.backends import AliyunSmsBackend
    from zhili.core.notify.models import Message

    message = Message(pk=7, channel="sms", template="unknown_type", address="13800000001", params={})
    with pytest.raises(SmsError) as refused:
        AliyunSmsBackend().send(message)
    assert refused.value.message == "消息类型 unknown_type 没有配置阿里云短信模板编号"
