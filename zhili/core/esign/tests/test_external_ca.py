"""Signer certificates from an external CA over EST (RFC 7030), against a stand-in CA on loopback (OpenSSL)."""

import pytest
from cryptography import x509
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError

from zhili.core.esign import api as esign
from zhili.core.esign import ca, services
from zhili.core.esign.external_ca import EnrollmentError, EstClient, certificate_request
from zhili.core.esign.models import Certificate
from zhili.core.esign.tests import helpers
from zhili.core.esign.tests.openssl_est import PASSWORD, USERNAME, make_openssl_est, serve

ROOT_NAME = "CN=Independent Test CA Root,O=Independent Test CA,C=CN"


@pytest.fixture
def est_ca(tmp_path):
    authority = make_openssl_est(tmp_path)
    server = serve(authority)
    yield authority
    server.shutdown()
    server.server_close()


@pytest.fixture
def licensed_ca(est_ca, settings, tmp_path):
    """The platform configured to have signer certificates issued by the external CA, and to trust its root."""
    (tmp_path / "extra-roots.pem").write_bytes(est_ca.root_pem)
    settings.ESIGN_CA = "est"
    settings.ESIGN_EST = {"url": est_ca.url, "username": USERNAME, "password": PASSWORD, "ca_bundle": ""}
    settings.ESIGN_EXTRA_ROOTS = str(tmp_path / "extra-roots.pem")
    return est_ca


def test_the_client_enrolls_a_csr_and_checks_what_comes_back(est_ca):
    """/cacerts gives the CA's root; /simpleenroll certifies the request's key and subject, issued by that root."""
    key = ca.new_private_key()
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"), x509.NameAttribute(NameOID.COMMON_NAME, "张伟")])
    client = EstClient(est_ca.url, USERNAME, PASSWORD)

    certificate, chain = client.enroll(certificate_request(subject, key))

    assert [c.subject.rfc4514_string() for c in chain] == [ROOT_NAME]
    assert certificate.subject == subject and certificate.issuer.rfc4514_string() == ROOT_NAME
    assert certificate.public_key().public_numbers() == key.public_key().public_numbers()
    assert len(est_ca.answered) == 1


def test_a_worker_signs_with_a_certificate_from_the_external_ca_and_anyone_verifies_it(licensed_ca, verified_worker,
                                                                                       enterprise):
    """With ESIGN_CA = "est" the worker's certificate (real name, pseudonym, no ID number) comes from the external
    CA; the key was made on the platform; the signature chains to that CA's root, which verification trusts."""
    row = services.issue_person_certificate(verified_worker, actor=verified_worker)

    certificate = ca.load(row)
    assert (row.issuer_id, certificate.issuer.rfc4514_string()) == (None, ROOT_NAME)
    assert certificate.subject == ca.person_name(verified_worker)
    assert verified_worker.id_number.encode() not in row.der
    assert row.issuer_chain_pem.startswith("-----BEGIN CERTIFICATE-----")
    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    report = esign.verify_pdf(signed)
    assert report.verdict == "valid", [s.problems for s in report.signatures]
    [signature] = report.signatures
    assert signature.chain[0] == ROOT_NAME and signature.signer_common_name == verified_worker.name
    with pytest.raises(ValidationError, match="须向签发它的 CA 申请吊销"):
        services.revoke_certificate(row, reason="key_compromise", actor=verified_worker)


def test_a_refused_enrollment_names_the_reason_and_stores_nothing(licensed_ca, verified_worker, settings):
    settings.ESIGN_EST = {**settings.ESIGN_EST, "password": "wrong"}
    before = Certificate.objects.count()

    with pytest.raises(ValidationError, match="外部 CA 拒绝了平台的身份认证"):
        services.issue_person_certificate(verified_worker, actor=verified_worker)

    assert Certificate.objects.count() == before
    with pytest.raises(EnrollmentError, match="外部 CA 无法访问"):
        EstClient("http://127.0.0.1:9/.well-known/est", timeout=2).ca_certificates()
