"""Alibaba Cloud SMS (阿里云短信服务, Dysmsapi 2017-05-25, action SendSms) over its HTTP API, signature V3.

Requests are signed with the current signature method, V3 (``ACS3-HMAC-SHA256``); the RPC signature V1
(HMAC-SHA1 over the query string) is listed by Alibaba Cloud as no longer maintained:

1. The API's parameters go in the query string, each key and value percent-encoded (UTF-8, RFC 3986: only
   ``A-Z a-z 0-9 - _ . ~`` stay as they are, so a space is ``%20`` and ``*`` is ``%2A``), sorted by key and
   joined with ``&`` (``CanonicalQueryString``); the body is empty.
2. The common headers ``host``, ``x-acs-action``, ``x-acs-version``, ``x-acs-date`` (UTC, ``2023-10-26T10:22:32Z``),
   ``x-acs-signature-nonce`` and ``x-acs-content-sha256`` (hex SHA-256 of the body) are signed: lower-case
   names, sorted, ``name:value`` lines (``CanonicalHeaders``) and the names joined with ``;`` (``SignedHeaders``).
3. ``CanonicalRequest = method \\n "/" \\n CanonicalQueryString \\n CanonicalHeaders \\n SignedHeaders \\n
   HashedRequestPayload``; ``StringToSign = "ACS3-HMAC-SHA256" \\n hex(SHA-256(CanonicalRequest))``.
4. ``Signature = hex(HMAC-SHA256(AccessKeySecret, StringToSign))``, sent as
   ``Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<…>,Signature=<…>``.

Reference: https://help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature (V3 版本请求体&签名
机制) and https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms (SendSms).
"""

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
ALGORITHM = "ACS3-HMAC-SHA256"

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
    """Percent-encode as the signature requires (RFC 3986 unreserved characters only)."""
    return urllib.parse.quote(str(value), safe="~")


def canonical_query(params: Mapping[str, str]) -> str:
    """The encoded ``key=value`` pairs sorted by key and joined with ``&``."""
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def canonical_request(method: str, query: Mapping[str, str], headers: Mapping[str, str], body: bytes = b"") -> \
        tuple[str, str]:
    """(the canonical request, its signed-header list) for ``headers`` (``host`` and the ``x-acs-*`` ones)."""
    signed = {name.lower(): str(value).strip() for name, value in headers.items()
              if name.lower() == "host" or name.lower().startswith("x-acs-") or name.lower() == "content-type"}
    names = sorted(signed)
    lines = "".join(f"{name}:{signed[name]}\n" for name in names)
    signed_headers = ";".join(names)
    return "\n".join([method.upper(), "/", canonical_query(query), lines, signed_headers,
                      hashlib.sha256(body).hexdigest()]), signed_headers


def string_to_sign(request: str) -> str:
    return f"{ALGORITHM}\n{hashlib.sha256(request.encode('utf-8')).hexdigest()}"


def authorization(method: str, query: Mapping[str, str], headers: Mapping[str, str], *, access_key_id: str,
                  access_key_secret: str, body: bytes = b"") -> str:
    """The ``Authorization`` header value of a request."""
    request, signed_headers = canonical_request(method, query, headers, body)
    signature = hmac.new(access_key_secret.encode("utf-8"), string_to_sign(request).encode("utf-8"),
                         hashlib.sha256).hexdigest()
    return f"{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"


def timestamp(now: dt.datetime | None = None) -> str:
    """ISO 8601 in UTC, to the second, as the API expects: ``2023-10-26T10:22:32Z``."""
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

    def build_request(self, phone: str, template_code: str, template_params: Mapping, *, out_id: str = "",
                      nonce: str | None = None, now: dt.datetime | None = None) -> tuple[str, dict[str, str]]:
        """(the URL with its query string, the signed headers) of one message; the body is empty."""
        query = {
            "PhoneNumbers": phone,
            "SignName": self.config["sign_name"],
            "TemplateCode": template_code,
            # Template variables must be strings at the provider.
            "TemplateParam": json.dumps({k: str(v) for k, v in template_params.items()}, ensure_ascii=False,
                                        separators=(",", ":")),
        }
        if out_id:
            query["OutId"] = out_id
        endpoint = urllib.parse.urlsplit(self.config["endpoint"])
        headers = {
            "host": endpoint.netloc,
            "x-acs-action": ACTION,
            "x-acs-version": API_VERSION,
            "x-acs-date": timestamp(now),
            "x-acs-signature-nonce": nonce or uuid.uuid4().hex,
            "x-acs-content-sha256": hashlib.sha256(b"").hexdigest(),
        }
        headers["Authorization"] = authorization(
            "POST", query, headers, access_key_id=self.config["access_key_id"],
            access_key_secret=self.config["access_key_secret"])
        url = urllib.parse.urlunsplit((endpoint.scheme, endpoint.netloc, "/", canonical_query(query), ""))
        return url, headers

    def send(self, phone: str, template_code: str, template_params: Mapping, *, out_id: str = "") -> str:
        """Send and return the provider's ``BizId``; raise ``SmsError`` for any refusal."""
        url, headers = self.build_request(phone, template_code, template_params, out_id=out_id)
        try:
            response = requests.post(url, data=b"", timeout=self.timeout,
                                     headers={**headers, "Accept": "application/json"})
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
