"""A stand-in for Alibaba Cloud SMS: a real HTTP server on 127.0.0.1 that checks signatures independently."""

import base64
import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

KEY_ID = "LTAI-zhili-test"
KEY_SECRET = "s3cret-zhili-test"  # noqa: S105 (the fake provider's test secret)
UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"


def pop_encode(text: str) -> str:
    """RFC 3986 percent-encoding written out byte by byte, independent of the adapter's implementation."""
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def expected_signature(method: str, params: dict[str, str], secret: str) -> str:
    pairs = sorted((pop_encode(k), pop_encode(v)) for k, v in params.items() if k != "Signature")
    canonical = "&".join(f"{k}={v}" for k, v in pairs)
    to_sign = "&".join([method, pop_encode("/"), pop_encode(canonical)])
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


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

    def handle(self, method: str, params: dict[str, str]) -> tuple[int, dict]:
        with self.lock:
            required = ("AccessKeyId", "Action", "Format", "PhoneNumbers", "SignName", "SignatureMethod",
                        "SignatureNonce", "SignatureVersion", "TemplateCode", "TemplateParam", "Timestamp",
                        "Version", "Signature")
            missing = [k for k in required if not params.get(k)]
            if missing:
                return 400, {"Code": "MissingParameter", "Message": ",".join(missing)}
            if params["AccessKeyId"] != KEY_ID:
                return 404, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
            if (params["Action"], params["Version"], params["SignatureMethod"], params["SignatureVersion"],
                    params["Format"]) != ("SendSms", "2017-05-25", "HMAC-SHA1", "1.0", "JSON"):
                return 400, {"Code": "InvalidParameter", "Message": "bad protocol parameters"}
            stamp = dt.datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
            if abs(dt.datetime.now(dt.UTC) - stamp) > dt.timedelta(minutes=15):
                return 400, {"Code": "InvalidTimeStamp.Expired", "Message": "timestamp expired"}
            if expected_signature(method, params, KEY_SECRET) != params["Signature"]:
                self.rejected.append(params)
                return 400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched.",
                             "RequestId": "req-bad-sig"}
            if params["SignatureNonce"] in self.nonces:
                return 400, {"Code": "SignatureNonceUsed", "Message": "nonce used"}
            self.nonces.add(params["SignatureNonce"])
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
        def _answer(self, method: str, raw: str) -> None:
            status, payload = provider.handle(method, dict(parse_qsl(raw, keep_blank_values=True)))
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            self._answer("POST", self.rfile.read(length).decode("utf-8"))

        def do_GET(self):
            self._answer("GET", urlsplit(self.path).query)

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
