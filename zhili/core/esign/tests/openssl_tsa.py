"""An independent RFC 3161 time-stamp authority for tests: OpenSSL's ``ts -reply`` behind an HTTP handler on loopback.

Its keys and certificates are made by ``openssl req``/``openssl x509`` in a temporary folder (a root CA and a TSA
certificate with the critical timeStamping EKU); every request is answered by running ``openssl ts -reply`` on it.
Nothing of the platform's CA, TSA or code takes part in a token.
"""

import subprocess
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from .loopback import ROOT_REQUEST, StandIn, make_root, openssl, serve_on_loopback

POLICY_OID = "1.3.6.1.4.1.4146.2.3"  # any policy OID: the TSA names it in its tokens

CONFIG = ROOT_REQUEST.format(organization="Independent Test TSA") + """
[ tsa_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
signer_cert = $dir/tsa.pem
certs = $dir/root.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = {policy}
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


class OpensslTsa(StandIn):
    """The running TSA."""

    def reply(self, query: bytes) -> bytes:
        with self.lock:  # one serial file: one reply at a time
            number = len(self.answered)
            (self.folder / f"q{number}.tsq").write_bytes(query)
            openssl("ts", "-reply", "-config", "openssl.cnf", "-queryfile", f"q{number}.tsq", "-out", f"r{number}.tsr",
                 cwd=self.folder)
            self.answered.append(query)
            return (self.folder / f"r{number}.tsr").read_bytes()

    def verify(self, data: bytes, token: bytes) -> str:
        """``openssl ts -verify`` of a DER token (a ContentInfo) over ``data``, against this TSA's root."""
        (self.folder / "data.bin").write_bytes(data)
        (self.folder / "token.der").write_bytes(token)
        result = subprocess.run(["openssl", "ts", "-verify", "-data", "data.bin", "-in", "token.der", "-token_in",
                                 "-CAfile", "root.pem", "-untrusted", "tsa.pem"], cwd=self.folder,
                                capture_output=True, text=True)
        return result.stdout + result.stderr


def make_openssl_tsa(folder: Path, *, days: int = 3650) -> OpensslTsa:
    """Create the TSA's keys and certificates in ``folder``; the TSA certificate is valid for ``days``."""
    (folder / "openssl.cnf").write_text(CONFIG.format(dir=folder, policy=POLICY_OID))
    (folder / "serial").write_text("01\n")
    make_root(folder)
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
         "-subj", "/C=CN/O=Independent Test TSA/CN=Independent Test TSA", cwd=folder)
    openssl("x509", "-req", "-in", "tsa.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
         "-out", "tsa.pem", "-days", str(days), "-extfile", "openssl.cnf", "-extensions", "tsa_ext", cwd=folder)
    return OpensslTsa(folder)


def serve(tsa: OpensslTsa):
    """Start the HTTP handler on 127.0.0.1 (RFC 3161 §3.4: POST application/timestamp-query); return its server."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
            if self.headers.get("Content-Type", "").split(";")[0] != "application/timestamp-query":
                self.send_response(415)
                self.end_headers()
                return
            body = tsa.reply(query)
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server, port = serve_on_loopback(Handler)
    tsa.url = f"http://127.0.0.1:{port}/tsa"
    return server
