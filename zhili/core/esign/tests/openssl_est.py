"""A stand-in for a licensed CA's EST front end (RFC 7030) for tests: an HTTP handler on loopback over an OpenSSL CA.

Its root CA is made by ``openssl req``; ``/cacerts`` answers the root as base64 certs-only PKCS#7 (``openssl
crl2pkcs7 -nocrl``); ``/simpleenroll`` checks HTTP Basic credentials, signs the base64 PKCS#10 request with ``openssl
x509 -req`` (subject as requested, a signing certificate's extensions) and answers it in the same format. Nothing of
the platform's CA or code takes part.
"""

import base64
import subprocess
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from .loopback import ROOT_REQUEST, StandIn, make_root, openssl, serve_on_loopback

USERNAME, PASSWORD = "zhili-platform", "est-secret"  # noqa: S105 (the stand-in CA's test credentials)

CONFIG = ROOT_REQUEST.format(organization="Independent Test CA") + """
[ signer_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class OpensslEst(StandIn):
    """The running CA."""

    def cacerts(self) -> bytes:
        return openssl("crl2pkcs7", "-nocrl", "-certfile", "root.pem", "-outform", "DER", cwd=self.folder)

    def enroll(self, csr_der: bytes) -> bytes:
        with self.lock:
            number = len(self.answered)
            (self.folder / f"req{number}.der").write_bytes(csr_der)
            openssl("req", "-in", f"req{number}.der", "-inform", "DER", "-verify", "-noout", cwd=self.folder)
            openssl("x509", "-req", "-in", f"req{number}.der", "-inform", "DER", "-CA", "root.pem", "-CAkey", "root.key",
                 "-CAcreateserial", "-days", "365", "-extfile", "openssl.cnf", "-extensions", "signer_ext",
                 "-out", f"cert{number}.pem", cwd=self.folder)
            self.answered.append(csr_der)
            return openssl("crl2pkcs7", "-nocrl", "-certfile", f"cert{number}.pem", "-outform", "DER", cwd=self.folder)


def make_openssl_est(folder: Path) -> OpensslEst:
    (folder / "openssl.cnf").write_text(CONFIG)
    make_root(folder)
    return OpensslEst(folder)


def serve(ca: OpensslEst):
    """Start the EST handler on 127.0.0.1 under ``/.well-known/est``; return its server."""
    expected = "Basic " + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: bytes = b"", content_type: str = "application/pkcs7-mime") -> None:
            self.send_response(status)
            if body:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Transfer-Encoding", "base64")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path != "/.well-known/est/cacerts":
                return self._send(404)
            self._send(200, base64.encodebytes(ca.cacerts()))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            if self.path != "/.well-known/est/simpleenroll":
                return self._send(404)
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="est"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if self.headers.get("Content-Type", "").split(";")[0] != "application/pkcs10":
                return self._send(415)
            try:
                issued = ca.enroll(base64.b64decode(b"".join(body.split())))
            except (ValueError, subprocess.CalledProcessError):
                return self._send(400, b"bad request", "text/plain")
            self._send(200, base64.encodebytes(issued))

        def log_message(self, *args):
            pass

    server, port = serve_on_loopback(Handler)
    ca.url = f"http://127.0.0.1:{port}/.well-known/est"
    return server
