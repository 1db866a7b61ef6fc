"""An external TSA (ZHILI_TSA_URL): signatures, the B-LTA document timestamp and ledger checkpoints are time-stamped by
an independent RFC 3161 service (OpenSSL's ``ts -reply`` on loopback), and outside verifiers accept its tokens."""

import hashlib

import pytest
from asn1crypto import cms

from zhili.core.esign import api as esign
from zhili.core.esign.models import SignatureRecord
from zhili.core.esign.tests import helpers
from zhili.core.esign.tests.openssl_tsa import make_openssl_tsa, serve
from zhili.core.ledger import api as ledger

TSA_NAME = "CN=Independent Test TSA,O=Independent Test TSA,C=CN"


@pytest.fixture
def openssl_tsa(tmp_path, settings):
    tsa = make_openssl_tsa(tmp_path)
    server = serve(tsa)
    settings.ESIGN_TSA_URL = tsa.url
    yield tsa
    server.shutdown()
    server.server_close()


def test_signatures_and_the_document_timestamp_come_from_the_external_tsa(openssl_tsa, verified_worker, enterprise,
                                                                          hr_li, seal_png):
    """Given ZHILI_TSA_URL naming the independent TSA, the worker's and the seal's timestamps and the B-LTA document
    timestamp are its tokens; trusting its root beside the platform's, every signature verifies, and trusting the
    platform root alone, the report says exactly that the timestamps are not trusted."""
    after_worker = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    after_seal = helpers.seal_as_employer(after_worker, enterprise, hr_li, seal_png)
    completed = esign.complete_document(after_seal)

    assert len(openssl_tsa.answered) >= 3
    assert sorted(SignatureRecord.objects.values_list("field_name", "timestamp_authority")) == [
        ("EmployerSeal", TSA_NAME), ("WorkerSignature", TSA_NAME)]
    platform_root = esign.platform_root_pem().encode()
    report = esign.verify_pdf(completed, trust_roots=[platform_root, openssl_tsa.root_pem])
    assert report.verdict == "valid", [s.problems for s in report.signatures]
    assert [(s.kind, s.timestamp_authority, s.timestamp_trusted) for s in report.signatures] == [
        ("signature", TSA_NAME, True), ("signature", TSA_NAME, True), ("document_timestamp", TSA_NAME, True)]

    alone = esign.verify_pdf(completed, trust_roots=[platform_root])
    assert alone.verdict == "untrusted"
    assert [s.problems for s in alone.signatures] == [["签名时间戳不可信"], ["签名时间戳不可信"], ["证书链不受信任"]]


def test_ledger_checkpoints_are_anchored_with_the_external_tsa(openssl_tsa, verified_worker, enterprise,
                                                               django_capture_on_commit_callbacks):
    """Given the independent TSA configured, a checkpoint's anchoring token is its token, and `openssl ts -verify`
    accepts it over the checkpoint note against that TSA's root alone."""
    helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)

    with django_capture_on_commit_callbacks(execute=True):
        checkpoint = ledger.make_checkpoint()

    checkpoint.refresh_from_db()
    assert checkpoint.anchor_status == "anchored"
    token = bytes(checkpoint.timestamp_token)
    info = cms.ContentInfo.load(token)["content"]["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == hashlib.sha256(checkpoint.note.encode()).digest()
    assert info["tsa"].chosen.human_friendly == "Common Name: Independent Test TSA, Organization: Independent Test " \
                                                "TSA, Country: CN"
    assert "Verification: OK" in openssl_tsa.verify(checkpoint.note.encode(), token)
