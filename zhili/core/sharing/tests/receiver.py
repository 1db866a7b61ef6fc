"""A real webhook receiver on 127.0.0.1 (a thread): checks the signature, dedups by the idempotency key."""

import hashlib
import hmac
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Answers ``fail_next`` requests with 503, then 200; processes each idempotency key once."""

    def __init__(self, secret: str):
        self.secret = secret
        self.fail_next = 0
        self.requests: list[dict] = []
        self.processed: dict[str, bytes] = {}
        self.duplicates = 0
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                key = self.headers.get("Idempotency-Key", "")
                signature_ok = receiver.check(self.headers.get("X-Zhili-Signature", ""), body)
                receiver.requests.append({"key": key, "signature_ok": signature_ok, "body": body})
                if not signature_ok:
                    receiver.bad_signatures += 1
                    return self._answer(401)
                if receiver.fail_next > 0:
                    receiver.fail_next -= 1
                    return self._answer(503)
                if key in receiver.processed:
                    receiver.duplicates += 1
                else:
                    receiver.processed[key] = body
                return self._answer(200)

            def _answer(self, status):
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def check(self, header: str, body: bytes) -> bool:
        parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
        if "t" not in parts or "v1" not in parts:
            return False
        expected = hmac.new(self.secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, parts["v1"])

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
