"""A stand-in for Alibaba Cloud SMS: a real HTTP server on 127.0.0.1 that checks V3 signatures independently."""

import datetime as dt
import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

KEY_ID = "LTAI-zhili-test"
KEY_SECRET = "s3cret-zhili-test"  # noqa: S105 (the fake provider's test secret)
UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
AUTHORIZATION = re.compile(r"ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})")
REQUIRED_SIGNED = {"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                   "x-acs-content-sha256"}


def pop_encode(text: str) -> str:
    """RFC 3986 percent-encoding written out byte by byte, independent of the adapter's implementation."""
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def expected_signature(method: str, params: dict[str, str], headers: dict[str, str], signed: list[str],
                       body: bytes, secret: str) -> str:
    """The V3 signature as the provider computes it from what it received."""
    query = "&".join(f"{k}={v}" for k, v in sorted((pop_encode(k), pop_encode(v)) for k, v in params.items()))
    canonical_headers = "".join(f"{name}:{headers[name].strip()}\n" for name in signed)
    canonical = "\n".join([method, "/", query, canonical_headers, ";".join(signed), hashlib.sha256(body).hexdigest()])
    to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
    return hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()


class FakeDysms:
    """State of the fake provider: accepted requests, used nonces, and scripted answers per phone."""

    def __init__(self):
        self.requests: list[dict[str, str]] = []
        self.rejected: list[dict[str, str]] = []
        self.nonces: set[str] = set()
        self.answers: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.url = ""

    def script(self, phone: str, *codes: str) -> None:
        """Answer the next requests for ``phone`` with these codes, in order (then OK)."""
        self.answers[phone] = list(codes)

    def handle(self, method: str, params: dict[str, str], headers: dict[str, str], body: bytes) -> tuple[int, dict]:
        with self.lock:
            found = AUTHORIZATION.fullmatch(headers.get("authorization", ""))
            if found is None:
                return 400, {"Code": "MissingAuthorization", "Message": "Authorization is mandatory for this action."}
            key_id, signed_headers, signature = found.groups()
            signed = signed_headers.split(";")
            missing = [k for k in ("PhoneNumbers", "SignName", "TemplateCode", "TemplateParam") if not params.get(k)]
            missing += sorted(name for name in REQUIRED_SIGNED - set(signed))
            missing += [name for name in signed if name not in headers]
            if missing:
                return 400, {"Code": "MissingParameter", "Message": ",".join(missing)}
            if key_id != KEY_ID:
                return 404, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
            if (headers["x-acs-action"], headers["x-acs-version"], signed) != ("SendSms", "2017-05-25", sorted(signed)):
                return 400, {"Code": "InvalidParameter", "Message": "bad protocol parameters"}
            if headers["x-acs-content-sha256"] != hashlib.sha256(body).hexdigest():
                return 400, {"Code": "InvalidParameter", "Message": "x-acs-content-sha256 does not match the body"}
            stamp = dt.datetime.strptime(headers["x-acs-date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            if abs(dt.datetime.now(dt.UTC) - stamp) > dt.timedelta(minutes=15):
                return 400, {"Code": "InvalidTimeStamp.Expired", "Message": "timestamp expired"}
            if expected_signature(method, params, headers, signed, body, KEY_SECRET) != signature:
                self.rejected.append(params)
                return 400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched.",
                             "RequestId": "req-bad-sig"}
            if headers["x-acs-signature-nonce"] in self.nonces:
                return 400, {"Code": "SignatureNonceUsed", "Message": "nonce used"}
            self.nonces.add(headers["x-acs-signature-nonce"])
            json.loads(params["TemplateParam"])
            queued = self.answers.get(params["PhoneNumbers"])
            code = queued.pop(0) if queued else "OK"
            if code != "OK":
                return 200, {"Code": code, "Message": "scripted refusal", "RequestId": "req-refused"}
            self.requests.append(params)
            return 200, {"Code": "OK", "Message": "OK", "BizId": f"biz-{len(self.requests)}", "RequestId": "req-ok"}


@pytest.fixture
def fake_dysms():
    provider = FakeDysms()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method: str) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
            headers = {name.lower(): value for name, value in self.headers.items()}
            status, payload = provider.handle(method, params, headers, body)
            answer = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def do_POST(self):
            self._answer("POST")

        def do_GET(self):
            self._answer("GET")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    provider.url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield provider
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def aliyun_sms(settings, fake_dysms):
    """Route SMS through the Aliyun adapter to the fake provider."""
    settings.SMS_BACKEND = "aliyun"
    settings.SMS_ALIYUN = {"endpoint": fake_dysms.url, "access_key_id": KEY_ID, "access_key_secret": KEY_SECRET,
                           "sign_name": "治理平台"}
    return fake_dysms
