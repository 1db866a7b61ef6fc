"""Worker signature, organisation seal and B-LTA completion, checked by poppler's pdfsig and pyHanko."""

import hashlib
import io
import subprocess
from types import SimpleNamespace

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import PermissionDenied
from django.db import transaction
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from zhili.core.esign import archive, services, signing, verify
from zhili.core.esign import authorization as grants
from zhili.core.esign.models import SignatureRecord
from zhili.core.esign.tests import helpers

pytestmark = pytest.mark.django_db  # makes pytest-django create the test database for the module fixture


@pytest.fixture(scope="module")
def signed_contract(django_db_setup, django_db_blocker, tmp_path_factory):
    """One contract signed by the worker, sealed by the employer and completed; the database is rolled back."""
    from django.utils import timezone

    from zhili.core.esign.tests.conftest import seal_png
    from zhili.core.identity.choices import VerificationMethod
    from zhili.core.testing import personas

    with django_db_blocker.unblock(), transaction.atomic():
        worker = personas.worker(verification_method=VerificationMethod.SMS_ID_MATCH, verified_at=timezone.now())
        hr = personas.employer_admin()
        enterprise = hr.memberships.get().organization
        platform = services.ensure_platform_ca()
        unsigned = helpers.contract_pdf(worker, enterprise)
        after_worker = helpers.sign_as_worker(unsigned, worker)
        after_seal = helpers.seal_as_employer(after_worker, enterprise, hr, seal_png.__wrapped__())
        completed = archive.complete_document(after_seal)
        # This fixture's two records, found by the files they signed (not whatever else the database holds).
        signed_inputs = [hashlib.sha256(pdf).hexdigest() for pdf in (unsigned, after_worker)]
        records = {r.field_name: (r.evidence_digest, r.output_sha256)
                   for r in SignatureRecord.objects.filter(input_sha256__in=signed_inputs)}
        assert sorted(records) == ["EmployerSeal", "WorkerSignature"]
        root_pem = platform.root_cert.public_bytes(serialization.Encoding.PEM)
        transaction.set_rollback(True)
    folder = tmp_path_factory.mktemp("signed")
    (folder / "root.pem").write_bytes(root_pem)
    return SimpleNamespace(unsigned=unsigned, after_worker=after_worker, after_seal=after_seal, completed=completed,
                           records=records, root_pem=root_pem, folder=folder,
                           id_number=worker.id_number)


def _pdfsig(pdf: bytes, folder) -> str:
    path = folder / f"{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_pdfsig_reports_every_signature_valid(signed_contract):
    """Given worker and seal signatures, poppler says each is valid, before and after completion."""
    for pdf in (signed_contract.after_seal, signed_contract.completed):
        output = _pdfsig(pdf, signed_contract.folder)
        assert output.count("Signature Field Name: WorkerSignature") == 1
        assert output.count("Signature Field Name: EmployerSeal") == 1
        assert output.count("Signature Type: ETSI.CAdES.detached") == 2
        assert output.count("Signature Validation: Signature is Valid.") == 2
    assert "Signer full Distinguished Name: serialNumber=ZL" in output
    assert signed_contract.id_number not in output


def _root(signed_contract):
    certificate = x509.load_pem_x509_certificate(signed_contract.root_pem)
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def test_pyhanko_finds_signatures_intact_and_trusted_only_against_the_platform_root(signed_contract):
    reader = PdfFileReader(io.BytesIO(signed_contract.completed))
    trusted = ValidationContext(trust_roots=[_root(signed_contract)], allow_fetching=False,
                                revocation_mode="soft-fail")
    untrusted = ValidationContext(trust_roots=[], allow_fetching=False, revocation_mode="soft-fail")

    signatures = [s for s in reader.embedded_signatures if s.sig_object_type == "/Sig"]

    assert [s.field_name for s in signatures] == ["WorkerSignature", "EmployerSeal"]
    for signature in signatures:
        status = validate_pdf_signature(signature, trusted, trusted)
        assert (status.intact, status.valid, status.trusted) == (True, True, True)
        assert status.timestamp_validity is not None and status.timestamp_validity.trusted is True
        assert validate_pdf_signature(signature, untrusted, untrusted).trusted is False


def test_evidence_digest_is_inside_the_signature(signed_contract):
    """The signed CMS attribute carries the same evidence digest as the stored signature record."""
    report = verify.verify_pdf(signed_contract.completed, trust_roots=[signed_contract.root_pem],
                               use_platform=False)

    by_field = {s.field_name: s for s in report.signatures}
    for field_name in ("WorkerSignature", "EmployerSeal"):
        assert by_field[field_name].evidence_digest == signed_contract.records[field_name][0]
    assert signed_contract.records["EmployerSeal"][1] == hashlib.sha256(signed_contract.after_seal).hexdigest()


def test_completed_document_is_b_lta_and_verifies(signed_contract):
    report = verify.verify_pdf(signed_contract.completed, trust_roots=[signed_contract.root_pem],
                               use_platform=False)

    assert report.verdict == "valid", [s.problems for s in report.signatures]
    assert [s.kind for s in report.signatures] == ["signature", "signature", "document_timestamp"]
    worker, seal, document_ts = report.signatures
    assert worker.signer_common_name == "张伟"
    assert worker.role == "乙方（劳动者）" and seal.role == "甲方（用人单位）"
    assert worker.modification_level == "FORM_FILLING" and seal.modification_level == "LTA_UPDATES"
    assert worker.timestamp_authority == "CN=治理平台时间戳服务,O=治理平台,C=CN"
    assert worker.chain[0] == "CN=治理平台根证书,O=治理平台,C=CN"
    assert document_ts.trusted is True and document_ts.timestamp_time
    reader = PdfFileReader(io.BytesIO(signed_contract.completed))
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 5 and len(dss["/CRLs"]) >= 2


def test_seal_signature_covers_the_whole_file_before_completion(signed_contract):
    report = verify.verify_pdf(signed_contract.after_seal, trust_roots=[signed_contract.root_pem],
                               use_platform=False)

    assert report.signatures[-1].covers_whole_document is True
    assert report.signatures[0].covers_whole_document is False
    assert report.signatures[0].changes_after == "签署后仅有填表或其他签名（允许）"
    assert report.verdict == "valid"


def test_without_the_root_the_report_says_untrusted(signed_contract):
    report = verify.verify_pdf(signed_contract.completed, trust_roots=[], use_platform=False)

    assert report.verdict == "untrusted"
    assert all("证书链不受信任" in s.problems for s in report.signatures)


def test_every_revision_names_one_producer_in_its_info_and_its_xmp(signed_contract):
    """PDF/A validators reject a file whose Info /Producer and XMP pdf:Producer disagree: in each revision of the
    completed contract (the rendering, worker, seal, B-LTA) they agree, name the tool that wrote the revision, and
    the PDF/A identification stays in the XMP."""
    import re

    from pyhanko.pdf_utils.metadata.model import VENDOR

    document = signed_contract.completed
    ends = [found.end() for found in re.finditer(rb"%%EOF\r?\n?", document)]
    producers = []
    for end in ends:
        trailer = PdfFileReader(io.BytesIO(document[:end]), strict=False).trailer_view
        info = str(trailer["/Info"].get_object()["/Producer"])
        xmp = trailer["/Root"]["/Metadata"].get_object().data.decode()
        [in_xmp] = re.findall(r'pdf:Producer(?:="([^"]*)"|>([^<]*)<)', xmp)
        assert info == "".join(in_xmp), (end, info, in_xmp)
        assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
        producers.append(info)
    assert len(producers) == 4
    assert producers[0].startswith("WeasyPrint ") and producers[1:] == [VENDOR] * 3


def test_one_flipped_byte_is_detected(signed_contract):
    """Given the signed file, when one byte of the signed first revision changes, the signatures break."""
    pdf = bytearray(signed_contract.after_seal)
    position = pdf.index(b"\n%") + 2  # the header's binary comment, inside the first revision
    pdf[position] ^= 0x01

    report = verify.verify_pdf(bytes(pdf), trust_roots=[signed_contract.root_pem], use_platform=False)

    assert report.verdict == "invalid"
    assert [s.intact for s in report.signatures] == [False, False]
    # Only what is wrong: the content, not the chain (still trusted), nor the timestamps (over the signature value).
    assert [s.problems for s in report.signatures] == [["签名后文件内容被篡改（摘要不符）"]] * 2
    assert [s.trusted for s in report.signatures] == [True, True]
    assert [len(s.chain) for s in report.signatures] == [3, 3]
    output = _pdfsig(bytes(pdf), signed_contract.folder)
    assert "Signature is Valid." not in output


def test_a_broken_signature_value_is_reported_as_such_and_its_chain_still_judged(signed_contract):
    """Given the worker's RSA signature value altered inside /Contents, pyHanko validates no path for it; the report
    still judges the chain on its own. The timestamp token covers the signature value, so it no longer matches
    either: that is wrong too, and said; the chain is not."""
    pdf = signed_contract.after_seal
    worker = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    value = worker.signer_info["signature"].native.hex().encode()
    at = pdf.lower().index(value) + len(value) // 2
    broken = pdf[:at] + (b"0" if pdf[at:at + 1] != b"0" else b"1") + pdf[at + 1:]

    report = verify.verify_pdf(broken, trust_roots=[signed_contract.root_pem], use_platform=False)

    first = report.signatures[0]
    assert (first.intact, first.valid, first.trusted, first.revoked, len(first.chain)) == (True, False, True, False, 3)
    assert first.problems == ["签名值无效", "签名时间戳不可信"]
    assert report.verdict == "invalid"


def test_incremental_update_changing_content_is_detected(signed_contract):
    """Given the signed file, when a new revision draws on the page, the verifier reports changed content."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_contract.after_seal))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 400 200 50 re f")))
    out = io.BytesIO()
    writer.write(out)

    report = verify.verify_pdf(out.getvalue(), trust_roots=[signed_contract.root_pem], use_platform=False)

    assert report.verdict == "invalid"
    for item in report.signatures:
        assert item.intact is True
        assert item.coverage == "ENTIRE_REVISION"
        assert item.modification_level == "OTHER"
        assert item.changes_after == "签署后内容被改动"
        assert "签署后文件被改动：签署后内容被改动" in item.problems


def test_rendered_pdf_embeds_a_cjk_font_subset(signed_contract):
    path = signed_contract.folder / "unsigned.pdf"
    path.write_bytes(signed_contract.unsigned)

    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout

    rows = [line.split() for line in output.splitlines()[2:]]
    assert any("WenQuanYi" in row[0] for row in rows)
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # emb, sub, uni
    root = PdfFileReader(io.BytesIO(signed_contract.unsigned)).root
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"  # PDF/A-3b output intent
    assert b'pdfaid:part="3"' in root["/Metadata"].data and b'pdfaid:conformance="B"' in root["/Metadata"].data


def test_signing_without_authorization_is_denied_and_nothing_is_signed(verified_worker):
    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)

    with pytest.raises(PermissionDenied, match="用钥授权"):
        signing.sign_pdf(b"%PDF-1.7", authorization=None, signer_certificate=certificate, role="worker",
                         field_name="WorkerSignature")

    assert SignatureRecord.objects.count() == 0


def test_someone_else_cannot_authorize_a_persons_key(verified_worker, hr_li):
    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)
    identity, intent = helpers.evidence_for(hr_li)

    with pytest.raises(PermissionDenied, match="不是该签名证书的持有人"):
        grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)


def test_stale_intent_and_missing_fields_are_refused(verified_worker):
    from datetime import timedelta

    from django.utils import timezone

    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)
    identity, intent = helpers.evidence_for(verified_worker,
                                            confirmed_at=(timezone.now() - timedelta(hours=1)).isoformat())
    with pytest.raises(PermissionDenied, match="意愿确认已过期"):
        grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    with pytest.raises(PermissionDenied, match="意愿确认证据缺少字段 confirmation_id"):
        grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence={"method": "sms_otp"})


def test_a_worker_cannot_use_the_company_seal(verified_worker, enterprise):
    certificate = services.issue_organization_certificate(enterprise, actor=verified_worker)
    identity, intent = helpers.evidence_for(verified_worker)

    with pytest.raises(PermissionDenied, match="不能使用单位印章"):
        grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)


def test_an_evidence_digest_that_begins_with_the_octet_string_tag_is_read_whole():
    """A digest whose first byte is 0x04 (one in 256) is not mistaken for a nested OCTET STRING header."""
    from types import SimpleNamespace

    from asn1crypto import cms, core

    from zhili.core.esign.signers import EVIDENCE_DIGEST_OID

    digest = bytes.fromhex("0457e48dde0130c7f598d09db12638bf6cc3146fd9aa9c07e89b9e5b7c250e65")
    attribute = cms.CMSAttribute({"type": EVIDENCE_DIGEST_OID, "values": [core.OctetString(digest)]})
    embedded = SimpleNamespace(signer_info={"signed_attrs": [cms.CMSAttribute.load(attribute.dump())]})

    assert verify._evidence_digest(embedded) == digest.hex()
