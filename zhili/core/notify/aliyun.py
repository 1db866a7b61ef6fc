"""Alibaba Cloud SMS (阿里云短信服务, Dysmsapi 2017-05-25, action SendSms) over its RPC HTTP API.

Requests are signed with the documented RPC signature version 1.0:

1. Every request parameter except ``Signature`` is percent-encoded (UTF-8, RFC 3986: only
   ``A-Z a-z 0-9 - _ . ~`` stay as they are, so a space is ``%20`` and ``*`` is ``%2A``).
2. The encoded ``key=value`` pairs are sorted by key and joined with ``&`` (the canonicalised query string).
3. ``StringToSign = HTTPMethod + "&" + percent_encode("/") + "&" + percent_encode(canonicalised)``.
4. ``Signature = base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))``.

Reference: https://help.aliyun.com/document_detail/101343.html (短信服务 HTTP 协议及签名) and
https://help.aliyun.com/document_detail/315526.html (RPC 风格请求签名).
"""

import base64
import datetime as dt
import hashlib
import hmac
import json
import urllib.parse
import uuid
from collections.abc import Mapping

import requests
from django.conf import settings

API_VERSION = "2017-05-25"
ACTION = "SendSms"

# Codes after which sending again later may succeed (flow control, provider hiccups). Any other
# code (a bad number, a bad signature, an unknown template) fails the message for good.
RETRYABLE_CODES = frozenset({
    "isv.BUSINESS_LIMIT_CONTROL",
    "isp.SYSTEM_ERROR",
    "isp.GATEWAY_ERROR",
    "Throttling",
    "Throttling.User",
    "ServiceUnavailable",
    "InternalError",
})


class SmsError(Exception):
    """The provider refused or could not take a message; ``retryable`` says whether to try again later."""

    def __init__(self, code: str, message: str, *, retryable: bool, request_id: str = ""):
        self.code = code
        self.message = message
        self.retryable = retryable
        self.request_id = request_id
        super().__init__(f"{code}: {message}" + (f" (RequestId {request_id})" if request_id else ""))


def percent_encode(value: str) -> str:
    """Percent-encode as the RPC signature requires (RFC 3986 unreserved characters only)."""
    return urllib.parse.quote(str(value), safe="~")


def canonical_query(params: Mapping[str, str]) -> str:
    """Sort by key and join the encoded pairs, leaving out any ``Signature``."""
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}"
                    for k, v in sorted(params.items()) if k != "Signature")


def string_to_sign(params: Mapping[str, str], method: str = "POST") -> str:
    return f"{method.upper()}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def sign(params: Mapping[str, str], access_key_secret: str, method: str = "POST") -> str:
    """Return the base64 HMAC-SHA1 signature of ``params`` under ``access_key_secret``."""
    digest = hmac.new(f"{access_key_secret}&".encode(), string_to_sign(params, method).encode(),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def timestamp(now: dt.datetime | None = None) -> str:
    """ISO 8601 in UTC, to the second, as the API expects: ``2017-07-12T02:42:19Z``."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class AliyunSmsClient:
    """Sends one SMS through SendSms; configuration comes from ``settings.SMS_ALIYUN`` unless given."""

    def __init__(self, config: Mapping[str, str] | None = None, *, timeout: float = 10.0):
        self.config = dict(config if config is not None else settings.SMS_ALIYUN)
        self.timeout = timeout
        missing = [k for k in ("endpoint", "access_key_id", "access_key_secret", "sign_name") if not self.config.get(k)]
        if missing:
            raise SmsError("ConfigMissing", "阿里云短信配置缺少 " + "、".join(missing) + "（见 ZHILI_SMS_ALIYUN_*）",
                           retryable=False)

    def build_params(self, phone: str, template_code: str, template_params: Mapping, *, out_id: str = "",
                     nonce: str | None = None, now: dt.datetime | None = None) -> dict[str, str]:
        """The signed request parameters for one message."""
        params = {
            "AccessKeyId": self.config["access_key_id"],
            "Action": ACTION,
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": self.config.get("region_id", "cn-hangzhou"),
            "SignName": self.config["sign_name"],
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": template_code,
            # Template variables must be strings at the provider.
            "TemplateParam": json.dumps({k: str(v) for k, v in template_params.items()}, ensure_ascii=False,
                                        separators=(",", ":")),
            "Timestamp": timestamp(now),
            "Version": API_VERSION,
        }
        if out_id:
            params["OutId"] = out_id
        params["Signature"] = sign(params, self.config["access_key_secret"], "POST")
        return params

    def send(self, phone: str, template_code: str, template_params: Mapping, *, out_id: str = "") -> str:
        """Send and return the provider's ``BizId``; raise ``SmsError`` for any refusal."""
        params = self.build_params(phone, template_code, template_params, out_id=out_id)
        body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="~")
        try:
            response = requests.post(
                self.config["endpoint"], data=body.encode("ascii"), timeout=self.timeout,
                headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                         "Accept": "application/json"},
            )
        except requests.RequestException as exc:
            raise SmsError("NetworkError", str(exc), retryable=True) from exc
        try:
            payload = response.json()
        except ValueError:
            raise SmsError(f"HTTP{response.status_code}", response.text[:200],
                           retryable=response.status_code >= 500) from None
        code = str(payload.get("Code", ""))
        if code == "OK":
            return str(payload.get("BizId", ""))
        raise SmsError(code or f"HTTP{response.status_code}", str(payload.get("Message", "")),
                       retryable=code in RETRYABLE_CODES or response.status_code >= 500,
                       request_id=str(payload.get("RequestId", "")))
