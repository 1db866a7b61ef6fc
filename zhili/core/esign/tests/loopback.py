"""What the independent stand-in services of the tests share: OpenSSL run in a folder, an HTTP server on loopback."""

import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The root CA's request section of both stand-ins' OpenSSL configurations (each adds its own extensions).
ROOT_REQUEST = """
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
C = CN
O = {organization}
CN = {organization} Root
[ root_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
"""


def openssl(*args: str, cwd: Path) -> bytes:
    return subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True).stdout


def make_root(folder: Path) -> None:
    """root.key and a ten-year self-signed root.pem, from ``openssl.cnf`` in ``folder``."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem", "-days",
            "3650", "-config", "openssl.cnf", "-extensions", "root_ext", cwd=folder)


def serve_on_loopback(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, int]:
    """Start ``handler`` on 127.0.0.1 in a daemon thread; return the server and its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, server.server_address[1]


@dataclass
class StandIn:
    """A running stand-in service: its folder (``root.pem`` there is its trust anchor), its URL, the requests it
    answered, and the lock that answers them one at a time."""

    folder: Path
    url: str = ""
    answered: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def root_pem(self) -> bytes:
        return (self.folder / "root.pem").read_bytes()
