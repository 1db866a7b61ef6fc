"""Fail closed: with an unreachable external TSA no signature is produced and nothing is recorded."""

import pytest

from zhili.core.esign import authorization as grants
from zhili.core.esign import services, signing
from zhili.core.esign.models import SignatureRecord
from zhili.core.esign.tests import helpers
from zhili.core.esign.tests.test_tsa import _closed_port
from zhili.core.esign.tsa import TimestampUnavailable


def test_unreachable_tsa_makes_signing_fail_and_signs_nothing(verified_worker, enterprise, settings):
    """Given an external TSA that cannot be reached, when the worker signs, then no signature exists."""
    pdf = helpers.contract_pdf(verified_worker, enterprise)
    certificate = services.issue_person_certificate(verified_worker, actor=verified_worker)
    identity, intent = helpers.evidence_for(verified_worker)
    authorization = grants.authorize_key_use(certificate, identity_evidence=identity, intent_evidence=intent)
    settings.ESIGN_TSA_URL = f"http://127.0.0.1:{_closed_port()}/tsa"

    with pytest.raises(TimestampUnavailable, match="无法取得可信时间戳，签署已中止，未生成任何签名"):
        signing.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                         field_name="WorkerSignature")

    assert SignatureRecord.objects.count() == 0
    settings.ESIGN_TSA_URL = ""
    signed = signing.sign_pdf(pdf, authorization=authorization, signer_certificate=certificate, role="worker",
                              field_name="WorkerSignature")
    assert len(signed) > len(pdf)
    assert SignatureRecord.objects.count() == 1
