"""The platform time-stamp authority over HTTP, checked by OpenSSL; fail-closed with an external TSA."""

import socket
import subprocess

import pytest
from asn1crypto import cms

from zhili.core.esign import tsa


def test_openssl_accepts_a_token_from_the_http_endpoint(platform_ca, client, tmp_path):
    """Given `openssl ts -query`, when it is POSTed to /esign/tsa, then `openssl ts -verify` accepts the reply."""
    data = tmp_path / "contract.txt"
    data.write_bytes("劳动合同正文".encode())
    query = tmp_path / "request.tsq"
    subprocess.run(["openssl", "ts", "-query", "-data", str(data), "-sha256", "-cert", "-out", str(query)],
                   check=True, capture_output=True)

    response = client.post("/esign/tsa", data=query.read_bytes(), content_type="application/timestamp-query")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/timestamp-reply"
    reply = tmp_path / "reply.tsr"
    reply.write_bytes(response.content)
    chain = tmp_path / "chain.pem"
    chain.write_text(platform_ca.chain_pem())
    verified = subprocess.run(["openssl", "ts", "-verify", "-queryfile", str(query), "-in", str(reply),
                               "-CAfile", str(chain)], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert "Verification: OK" in verified.stdout
    text = subprocess.run(["openssl", "ts", "-reply", "-in", str(reply), "-text"], capture_output=True, text=True,
                          check=True).stdout
    assert "Status: Granted." in text
    assert f"Policy OID: {tsa.TSA_POLICY_OID}" in text
    assert "Accuracy: 0x01 seconds" in text


def test_garbage_and_wrong_content_type_are_refused(platform_ca, client):
    bad = client.post("/esign/tsa", data=b"not asn.1", content_type="application/timestamp-query")
    assert bad.status_code == 200
    assert tsa.RejectionResp.load(bad.content)["status"]["status"].native == "rejection"
    assert client.post("/esign/tsa", data=b"x", content_type="text/plain").status_code == 415
    assert client.get("/esign/tsa").status_code == 405


def test_timestamp_returns_a_token_over_the_data(platform_ca):
    import hashlib

    token = cms.ContentInfo.load(tsa.timestamp(b"checkpoint 42"))

    info = token["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == hashlib.sha256(b"checkpoint 42").digest()
    assert info["policy"].dotted == tsa.TSA_POLICY_OID


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_external_tsa_raises_timestamp_unavailable(platform_ca, settings):
    settings.ESIGN_TSA_URL = f"http://127.0.0.1:{_closed_port()}/tsa"

    with pytest.raises(tsa.TimestampUnavailable, match="无法取得可信时间戳"):
        tsa.timestamp(b"data")
