"""The verification service behind the command, the API endpoint and the upload page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from zhili.core.esign.tests import helpers


@pytest.fixture
def signed_pdf(verified_worker, enterprise, tmp_path):
    pdf = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    path = tmp_path / "contract.pdf"
    path.write_bytes(pdf)
    return path


def test_command_verifies_offline_with_the_root_file(signed_pdf, tmp_path, capsys):
    """`zhili verify FILE.pdf --root root.pem` prints a Chinese report and reads nothing else."""
    from zhili.core.esign.api import platform_root_pem

    root = tmp_path / "root.pem"
    root.write_text(platform_root_pem())

    call_command("verify", str(signed_pdf), "--root", str(root))

    output = capsys.readouterr().out
    assert "结论：全部签名有效且可信" in output
    assert "签名域：WorkerSignature" in output
    assert "签署人：serialNumber=ZL" in output
    assert "证书链：CN=治理平台根证书,O=治理平台,C=CN → CN=治理平台签发 CA,O=治理平台,C=CN → serialNumber=ZL" in output
    assert "存证记录：" in output


def test_command_json_and_failure_exit(signed_pdf, tmp_path, capsys):
    other_root = tmp_path / "other.pem"
    other_root.write_text(helpers_self_signed_pem())

    with pytest.raises(CommandError, match="证书不受信任"):
        call_command("verify", str(signed_pdf), "--root", str(other_root), "--json")

    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "untrusted"
    assert report["signatures"][0]["intact"] is True


def helpers_self_signed_pem() -> str:
    from cryptography import x509

    from zhili.core.esign import ca
    from zhili.core.esign.choices import CertificateKind

    key = ca.new_private_key()
    certificate = ca.build_certificate(kind=CertificateKind.ROOT, subject=ca.platform_name("别的根证书"),
                                       public_key=key.public_key(), issuer_cert=None, issuer_key=key)
    assert isinstance(certificate, x509.Certificate)
    return ca.to_pem(certificate)


@pytest.fixture
def fresh_limits():
    """Rate-limit counters start at zero (they live in the cache, by client address and minute)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def stored_rows() -> dict[str, int]:
    from zhili.core.esign.models import SignatureRecord
    from zhili.core.foundation.models import AuditEntry
    from zhili.core.ledger.models import Checkpoint, LedgerEntry

    return {model.__name__: model.objects.count() for model in (AuditEntry, LedgerEntry, Checkpoint, SignatureRecord)}


def test_anyone_verifies_through_the_api_without_login_or_csrf_token(signed_pdf, fresh_limits, caplog):
    """A bank's system posts the file with no account and no CSRF token: it gets the report, the ledger's proof
    without the record's internal names, and the platform keeps nothing but one log line."""
    from django.test import Client

    from zhili.core.esign import public

    before = stored_rows()
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level("INFO", logger="zhili.core.esign.public"):
        response = client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", signed_pdf.read_bytes())})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verdict"] == "valid"
    assert body["signatures"][0]["role"] == "乙方（劳动者）"  # from the field's name, which the file holds
    assert body["signatures"][0]["covers_whole_document"] is True
    [entry] = body["ledger_entries"]
    assert sorted(entry) == sorted(public.PUBLIC_LEDGER_FIELDS)
    assert (entry["kind"], entry["document"], entry["record_ok"], entry["proof_ok"]) == (
        "esign.signature", "整个文件", True, True)
    assert stored_rows() == before
    assert [record.getMessage() for record in caplog.records] == [
        f"public verification: sha256={body['sha256']} size={body['size']} verdict=valid"]


def test_public_verification_is_rate_limited_per_client_address(signed_pdf, fresh_limits, settings, client):
    """Past the limit a client gets 429 with the rule in Chinese, on the API and the page alike; another address
    is not affected."""
    settings.ESIGN_PUBLIC_VERIFY_PER_MINUTE = 2
    upload = signed_pdf.read_bytes()
    answers = [client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", upload)}).status_code
               for _ in range(2)]
    refused = client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", upload)})
    page = client.post("/esign/verify/", {"file": SimpleUploadedFile("c.pdf", upload)})
    elsewhere = client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", upload)},
                            REMOTE_ADDR="198.51.100.7")

    assert answers == [200, 200]
    assert refused.status_code == 429
    assert refused.json() == {"detail": "验证过于频繁：每个网络地址每分钟最多验证 2 个文件，请稍后再试"}
    assert page.status_code == 429 and "验证过于频繁" in page.content.decode()
    assert elsewhere.status_code == 200


def test_the_page_is_public_and_rejects_a_file_that_is_not_a_pdf(client, fresh_limits):
    assert client.get("/esign/verify/").status_code == 200

    response = client.post("/esign/verify/", {"file": SimpleUploadedFile("a.pdf", b"not a pdf")})

    assert "文件不是可读取的 PDF，无法验证" in response.content.decode()
    assert client.post("/esign/verify/", {}).status_code == 400
