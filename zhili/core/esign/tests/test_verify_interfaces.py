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


def test_api_endpoint_returns_the_report(signed_pdf, client, verified_worker):
    client.force_login(verified_worker)

    response = client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", signed_pdf.read_bytes())})

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["verdict"] == "valid"
    assert body["signatures"][0]["role"] == "乙方（劳动者）"
    assert body["signatures"][0]["covers_whole_document"] is True


def test_api_endpoint_requires_login(signed_pdf, client):
    response = client.post("/api/v1/esign/verify", {"file": SimpleUploadedFile("c.pdf", signed_pdf.read_bytes())})

    assert response.status_code == 401


def test_page_shows_the_report_table(signed_pdf, client, verified_worker):
    client.force_login(verified_worker)

    response = client.post("/esign/verify/", {"file": SimpleUploadedFile("c.pdf", signed_pdf.read_bytes())})

    assert response.status_code == 200
    html = response.content.decode()
    assert "结论：全部签名有效且可信" in html
    assert "WorkerSignature" in html and "乙方（劳动者）" in html


def test_page_requires_login_and_rejects_non_pdf(client, verified_worker):
    assert client.get("/esign/verify/").status_code == 302
    client.force_login(verified_worker)

    response = client.post("/esign/verify/", {"file": SimpleUploadedFile("a.pdf", b"not a pdf")})

    assert "文件不是可读取的 PDF，无法验证" in response.content.decode()
