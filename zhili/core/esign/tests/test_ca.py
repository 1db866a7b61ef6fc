"""The platform CA: hierarchy, pseudonymous person certificates, seal certificates, sealed keys, revocation."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.exceptions import ValidationError

from zhili.core.esign import ca, keys, services
from zhili.core.esign.choices import CertificateKind, RevocationReason
from zhili.core.esign.models import Certificate
from zhili.core.foundation.models import AuditEntry


def test_platform_ca_is_created_once(platform_ca):
    """Given a platform CA, when it is asked for again, then the same three certificates come back."""
    again = services.ensure_platform_ca()

    assert (again.root.pk, again.issuing.pk, again.tsa.pk) == (platform_ca.root.pk, platform_ca.issuing.pk,
                                                                 platform_ca.tsa.pk)
    assert Certificate.objects.count() == 3
    assert platform_ca.issuing_cert.issuer == platform_ca.root_cert.subject
    assert platform_ca.tsa_cert.issuer == platform_ca.issuing_cert.subject
    eku = platform_ca.tsa_cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical is True
    assert list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def test_person_certificate_names_the_holder_but_never_contains_the_id_number(verified_worker):
    """A person's certificate names its holder (Electronic Signature Law Art. 21) with a keyed pseudonym; the ID
    number, whole or in part, is nowhere in it (R17, ADR 0009)."""
    row = services.issue_person_certificate(verified_worker, actor=verified_worker)

    certificate = ca.load(row)
    der = certificate.public_bytes(serialization.Encoding.DER)
    assert verified_worker.id_number.encode() not in der
    assert verified_worker.id_number[-6:].encode() not in der
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == verified_worker.name == "张伟"
    pseudonym = certificate.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value
    assert pseudonym == keys.subject_pseudonym(verified_worker.id_number)
    assert pseudonym.startswith("ZL") and len(pseudonym) == 32
    assert row.user == verified_worker and row.kind == CertificateKind.PERSON
    dp = certificate.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert dp[0].full_name[0].value == "http://127.0.0.1:8000/esign/crl/issuing.crl"
    assert services.issue_person_certificate(verified_worker, actor=verified_worker).pk == row.pk


def test_unverified_person_gets_no_certificate(worker_zhang):
    """Without real-name verification no certificate is issued and nothing is stored."""
    with pytest.raises(ValidationError) as excinfo:
        services.issue_person_certificate(worker_zhang, actor=worker_zhang)

    assert "实名认证" in str(excinfo.value)
    assert Certificate.objects.filter(kind=CertificateKind.PERSON).count() == 0


def test_organization_certificate_names_the_enterprise(enterprise, hr_li):
    row = services.issue_organization_certificate(enterprise, actor=hr_li)

    subject = ca.load(row).subject
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == enterprise.name
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == enterprise.uscc


def test_private_key_is_sealed_and_bound_to_its_certificate(verified_worker):
    """The stored key is ciphertext; it opens to the certificate's key, and not under another serial."""
    row = services.issue_person_certificate(verified_worker, actor=verified_worker)

    assert row.encrypted_key.startswith("v1:")
    assert b"PRIVATE KEY" not in row.encrypted_key.encode()
    key = keys.open_private_key(row.encrypted_key, serial_hex=row.serial_number)
    assert key.public_key().public_numbers() == ca.load(row).public_key().public_numbers()
    with pytest.raises(ValueError, match="无法解密"):
        keys.open_private_key(row.encrypted_key, serial_hex="1" + row.serial_number)


def test_revoked_certificate_appears_in_the_crl(verified_worker, client):
    """Given a revoked worker certificate, the issuing CA's CRL served at its URL lists it."""
    row = services.issue_person_certificate(verified_worker, actor=verified_worker)

    services.revoke_certificate(row, reason=RevocationReason.KEY_COMPROMISE, actor=verified_worker)

    response = client.get("/esign/crl/issuing.crl")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    platform = services.ensure_platform_ca()
    assert crl.is_signature_valid(platform.issuing_cert.public_key())
    entry = crl.get_revoked_certificate_by_serial_number(int(row.serial_number, 16))
    assert entry is not None
    assert entry.extensions.get_extension_for_class(x509.CRLReason).value.reason == x509.ReasonFlags.key_compromise
    assert AuditEntry.objects.filter(action="esign.certificate.revoked", target_id=str(row.pk)).count() == 1
    assert services.issue_person_certificate(verified_worker, actor=verified_worker).pk != row.pk


def test_revoking_twice_is_refused_and_changes_nothing(verified_worker):
    row = services.issue_person_certificate(verified_worker, actor=verified_worker)
    services.revoke_certificate(row, reason=RevocationReason.SUPERSEDED, actor=verified_worker)

    with pytest.raises(ValidationError, match="已于此前吊销"):
        services.revoke_certificate(row, reason=RevocationReason.KEY_COMPROMISE, actor=verified_worker)

    row.refresh_from_db()
    assert row.revocation_reason == RevocationReason.SUPERSEDED


def test_root_crl_is_empty_and_signed_by_root(platform_ca, client):
    crl = x509.load_der_x509_crl(client.get("/esign/crl/root.crl").content)

    assert crl.is_signature_valid(platform_ca.root_cert.public_key())
    assert len(list(crl)) == 0
    assert client.get("/esign/crl/other.crl").status_code == 404


def test_the_next_verification_after_a_revocation_reports_it(verified_worker, enterprise):
    """Given a signature verified as valid (CRLs and roots now cached in this process), when its certificate
    is revoked, then the very next verification reports the revocation: the caches never hide it."""
    from zhili.core.esign import api as esign
    from zhili.core.esign.tests import helpers

    signed = helpers.sign_as_worker(helpers.contract_pdf(verified_worker, enterprise), verified_worker)
    root = esign.platform_root_pem().encode()
    before = esign.verify_pdf(signed, trust_roots=[root])
    assert before.verdict == "valid" and before.signatures[0].revoked is False

    row = Certificate.objects.get(user=verified_worker, revoked_at__isnull=True)
    services.revoke_certificate(row, reason=RevocationReason.KEY_COMPROMISE, actor=verified_worker)
    after = esign.verify_pdf(signed, trust_roots=[root])

    assert after.verdict == "invalid"
    assert after.signatures[0].revoked is True
    assert after.signatures[0].problems == ["签名证书已被吊销"]  # only what is wrong: not also "untrusted"
