"""Legal-basis reads by an inspector in region, shown to the worker; a bank checks a real signed PDF."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from zhili.core.identity.choices import VerificationMethod
from zhili.core.sharing.choices import AccessBasis
from zhili.core.sharing.models import AccessLogEntry
from zhili.core.testing import personas
from zhili.core.testing.dummy_scene.sharing import attach_pdf, make_document
from zhili.core.testing.factories import make_id_number

pytestmark = pytest.mark.django_db


def test_inspector_in_region_reads_with_a_reason_and_the_worker_sees_it(worker_zhang, inspector_zhao, document):
    inspector = Client()
    inspector.force_login(inspector_zhao)
    reason = "劳动保障监察案件调查（建人社监〔2026〕12号）"

    response = inspector.post(f"/api/v1/sharing/legal/dummy.document/{document.pk}", {"reason": reason},
                              content_type="application/json")

    assert response.status_code == 200
    assert response.json()["fields"] == {"title": "张伟的劳动合同", "state": "published",
                                         "organization_name": "建德市新安江机械有限公司", "owner_username": worker_zhang.username}
    entry = AccessLogEntry.objects.get()
    assert (entry.basis, entry.reason, entry.user, entry.grant) == (AccessBasis.LEGAL, reason, inspector_zhao, None)
    worker = Client()
    worker.force_login(worker_zhang)
    log = worker.get("/api/v1/sharing/access-log").json()
    assert [(e["basis"], e["reason"]) for e in log] == [("legal", reason)]
    page = worker.get("/sharing/access-log/").content.decode()
    assert "法定职权" in page
    assert reason in page


@pytest.fixture
def signed(db, bank):
    from zhili.core.esign.tests import helpers

    person = personas.worker(name="陈静", phone="13800000021", username="worker_chen",
                             id_number=make_id_number(birth="19920202", sequence=77),
                             verification_method=VerificationMethod.SMS_ID_MATCH, verified_at=timezone.now())
    document = make_document(person, "陈静的劳动合同", organization=bank)
    pdf = helpers.sign_as_worker(helpers.contract_pdf(person, bank), person)
    attach_pdf(document, pdf)
    return person, document, pdf


def test_bank_verifies_a_genuine_current_pdf_then_a_rescinded_one(signed, bank_token):
    person, document, pdf = signed

    def post(**data):
        return Client().post("/api/v1/sharing/verify", data, HTTP_AUTHORIZATION=f"Bearer {bank_token}").json()

    genuine = post(file=SimpleUploadedFile("c.pdf", pdf, content_type="application/pdf"))
    tampered = post(file=SimpleUploadedFile("c.pdf", pdf.replace(b"%%EOF", b"%%EOF\n%x"),
                                            content_type="application/pdf"))
    document.state = "rescinded"
    document.save()
    rescinded = post(sha256=hashlib.sha256(pdf).hexdigest())

    assert (genuine["genuine"], genuine["signatures_valid"], genuine["verdict"]) == (True, True, "genuine")
    assert tampered["registered"] is False
    assert tampered["verdict"] == "unknown"
    assert (rescinded["genuine"], rescinded["current"], rescinded["verdict"]) == (False, False, "rescinded")
    assert list(AccessLogEntry.objects.filter(worker=person).values_list("basis", flat=True)) == [
        AccessBasis.VERIFICATION, AccessBasis.VERIFICATION]


def test_bad_digest_gets_a_chinese_error(bank_token):
    response = Client().post("/api/v1/sharing/verify", {"sha256": "abc"}, HTTP_AUTHORIZATION=f"Bearer {bank_token}")

    assert response.status_code == 400
    assert response.json()["errors"] == {"sha256": ["请上传 PDF 文件，或提供 64 位十六进制 SHA-256 摘要"]}
