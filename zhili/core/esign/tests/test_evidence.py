"""Evidence reports (出证): a platform-signed PDF listing every signature, access and ledger proof of a subject."""

import hashlib
import re
import subprocess

import pytest

from zhili.core.esign import api as esign
from zhili.core.esign import services
from zhili.core.esign.tests import helpers
from zhili.core.foundation import audit
from zhili.core.ledger import api as ledger
from zhili.core.ledger.models import LedgerEntry


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def evidence_for_person(user, **intent):
    identity, intent_evidence = helpers.evidence_for(user, **intent)
    return {"identity_evidence": identity, "intent_evidence": intent_evidence}


@pytest.fixture
def signed_subject(verified_worker, enterprise, hr_li, seal_png, officer_wang):
    """A contract-like subject (the enterprise) signed by the worker and sealed, completed, recorded, read once."""
    pdf = helpers.contract_pdf(verified_worker, enterprise)
    worker_cert = services.issue_person_certificate(verified_worker, actor=verified_worker)
    signed = esign.sign_pdf(pdf, authorization=esign.authorize_key_use(worker_cert, **evidence_for_person(
        verified_worker)), signer_certificate=worker_cert, subject=enterprise, role="worker",
        field_name="WorkerSignature", box=(330, 80, 540, 140), actor=verified_worker)
    seal_cert = services.issue_organization_certificate(enterprise, actor=hr_li)
    sealed = esign.sign_pdf(signed, authorization=esign.authorize_key_use(seal_cert, **evidence_for_person(
        hr_li, confirmation_id="intent-002")), signer_certificate=seal_cert, subject=enterprise, role="employer",
        field_name="EmployerSeal", box=(60, 60, 180, 180), stamp_image=seal_png, actor=hr_li)
    completed = esign.complete_document(sealed)
    esign.record_document(completed, subject=enterprise, kind="esign.document.completed", actor=hr_li)
    audit.record("test.contract.viewed", actor=officer_wang, target=enterprise)
    ledger.make_checkpoint()
    return completed


def pdftotext(pdf: bytes, folder) -> str:
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def ledger_blocks(text: str) -> list[dict]:
    """Parse each "存证序号" block of the report text: index, leaf hash, tree size, root hash, proof nodes."""
    blocks = []
    for chunk in text.split("存证序号：")[1:]:
        blocks.append({
            "index": int(re.match(r"\s*(\d+)", chunk).group(1)),
            "leaf": re.search(r"叶子哈希：\s*([0-9a-f]{64})", chunk).group(1),
            "size": int(re.search(r"树大小：\s*(\d+)", chunk).group(1)),
            "root": re.search(r"根哈希：\s*([0-9a-f]{64})", chunk).group(1),
            "proof": re.findall(r"证明节点：\s*([0-9a-f]{64})", chunk),
            "kind": re.search(r"类型：\s*(\S+)", chunk).group(1),
        })
    return blocks


def test_evidence_report_is_signed_lists_the_evidence_and_is_in_the_ledger(signed_subject, enterprise, officer_wang,
                                                                           verified_worker, tmp_path):
    """Given a signed, completed and read subject, the report verifies, lists all of it, and is itself recorded."""
    report_pdf = esign.evidence_report(enterprise, actor=officer_wang)

    # the platform signed it (B-T), and both verifiers agree
    verification = esign.verify_pdf(report_pdf)
    assert verification.verdict == "valid"
    [signature] = verification.signatures
    assert (signature.field_name, signature.intact, signature.trusted, signature.signer_common_name) == (
        "PlatformEvidenceSeal", True, True, "治理平台电子证据服务")
    assert signature.timestamp_time != ""
    (tmp_path / "signed.pdf").write_bytes(report_pdf)
    pdfsig = subprocess.run(["pdfsig", str(tmp_path / "signed.pdf")], capture_output=True, text=True).stdout
    assert pdfsig.count("Signature Validation: Signature is Valid.") == 1

    # it lists both signatures with identity and intent evidence, and the access
    text = pdftotext(report_pdf, tmp_path)
    worker_cert = services.issue_person_certificate(verified_worker, actor=verified_worker)
    seal_cert = services.issue_organization_certificate(enterprise, actor=None)
    assert "签名 1：乙方（劳动者）" in text
    assert "签名 2：甲方（用人单位）" in text
    assert "签署人：张*" in text
    assert f"签署人：{enterprise.name}" in text
    assert f"证书序列号：{worker_cert.serial_number}" in text
    assert f"证书序列号：{seal_cert.serial_number}" in text
    assert "身份核验：手机验证码 + 姓名身份证号比对" in text
    assert "确认编号 intent-001" in text and "确认编号 intent-002" in text
    assert "时间戳机构：CN=治理平台时间戳服务,O=治理平台,C=CN" in text
    assert "test.contract.viewed" in text and "王*（用户编号" in text
    assert "张伟" not in text

    # every ledger entry in it carries an inclusion proof that verifies against the signed checkpoint
    checkpoint = ledger.latest_checkpoint()
    blocks = ledger_blocks(text)
    assert sorted(block["kind"] for block in blocks) == ["esign.document.completed", "esign.signature",
                                                         "esign.signature"]
    for block in blocks:
        stored = LedgerEntry.objects.get(index=block["index"])
        assert block["leaf"] == bytes(stored.leaf_hash).hex()
        assert (block["size"], block["root"]) == (checkpoint.tree_size, bytes(checkpoint.root_hash).hex())
        assert ledger.verify_inclusion(bytes.fromhex(block["leaf"]), block["index"], block["size"],
                                       [bytes.fromhex(node) for node in block["proof"]], bytes(checkpoint.root_hash))
    assert "证明验证：通过" in text and "签名有效，" in text

    # and the report itself is in the ledger, about the subject
    recorded = ledger.entries_for(enterprise).filter(kind="esign.evidence_report").get()
    assert recorded.digest == sha(report_pdf)
    assert recorded.actor_label == f"identity.user:{officer_wang.pk}"


def test_platform_signer_certificate_is_issued_once(platform_ca):
    first = esign.platform_signer_certificate()
    second = esign.platform_signer_certificate()

    assert first == second
    assert first.subject == "CN=治理平台电子证据服务,O=治理平台,C=CN"
    assert (first.organization, first.user) == (None, None)


def test_officer_in_scope_downloads_the_report_page(signed_subject, enterprise, officer_wang, client):
    client.force_login(officer_wang)
    url = f"/esign/evidence/orgs.organization/{enterprise.pk}/"

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert "出具电子证据报告" in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="evidence-orgs.organization-{enterprise.pk}.pdf"'
    assert ledger.entries_for(enterprise).filter(kind="esign.evidence_report", digest=sha(response.content)).exists()


def test_someone_else_may_not_export_and_nothing_is_recorded(enterprise, verified_worker, client):
    """A worker who is not the subject's person gets "not found" from the page and the API, exactly as for a
    subject that does not exist; the ledger is unchanged."""
    client.force_login(verified_worker)
    before = LedgerEntry.objects.count()

    page = client.post(f"/esign/evidence/orgs.organization/{enterprise.pk}/")
    api = client.post(f"/api/v1/esign/evidence/orgs.organization/{enterprise.pk}")

    missing = client.post("/api/v1/esign/evidence/orgs.organization/999999")
    assert page.status_code == 404
    assert (api.status_code, api.json()) == (missing.status_code, missing.json()) == (404, {"detail": "证据对象不存在"})
    assert LedgerEntry.objects.count() == before


def test_a_row_the_ledger_knows_nothing_about_is_no_evidence_subject(verified_worker, officer_wang, client):
    """Not any ``app.model``: a membership row is neither a party nor in the ledger."""
    client.force_login(officer_wang)
    membership = officer_wang.memberships.get()
    assert client.get(f"/esign/evidence/identity.membership/{membership.pk}/").status_code == 404


def test_a_person_exports_the_report_about_themselves_through_the_api(verified_worker, client, platform_ca):
    client.force_login(verified_worker)

    response = client.post(f"/api/v1/esign/evidence/identity.user/{verified_worker.pk}")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert ledger.entries_for(verified_worker).get().kind == "esign.evidence_report"


def test_unknown_subject_type_is_404(verified_worker, client):
    client.force_login(verified_worker)
    assert client.get("/esign/evidence/nope.thing/1/").status_code == 404
    assert client.post("/api/v1/esign/evidence/orgs.organization/999999").status_code == 404
