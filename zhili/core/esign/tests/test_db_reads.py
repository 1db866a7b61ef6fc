"""The hand-written reads of the signing and verification paths give exactly what the ORM gives, in fewer
statements: the platform CA with its revocation state, the CRLs decided from it, the signature roles."""

import dataclasses

import pytest
from asn1crypto import x509 as asn1_x509
from django.db.models import Count, Max
from django.utils import timezone

from zhili.core.esign import archive, ca, reports, services, trust, verify
from zhili.core.esign.choices import RevocationReason, SignerRole
from zhili.core.esign.models import Certificate, SignatureRecord


def as_the_orm_gives_it(instance) -> dict:
    """Every concrete field's value with its type and time zone, and the instance's state."""
    values = {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}
    described = {name: (type(value), value, getattr(value, "tzinfo", None)) for name, value in values.items()}
    return {**described, "_state": (instance._state.adding, instance._state.db)}


def revocations_by_orm(*issuers) -> dict:
    return {row["issuer_id"]: (row["n"], row["last"]) for row in (
        Certificate.objects.filter(issuer__in=issuers, revoked_at__isnull=False)
        .values("issuer_id").annotate(n=Count("id"), last=Max("revoked_at")))}


def issuing_crl_serials(crls) -> list[int]:
    return [item["user_certificate"].native for item in crls[1]["tbs_cert_list"]["revoked_certificates"]]


def test_no_platform_ca_before_it_is_created(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert ca.load_platform_ca() is None


def test_platform_rows_are_the_instances_the_orm_makes(platform_ca, django_assert_num_queries):
    """Field by field (value, type, time zone), the binary DER included, with no revocation yet."""
    with django_assert_num_queries(1):
        platform = ca.load_platform_ca()

    for row in (platform.root, platform.issuing, platform.tsa):
        assert as_the_orm_gives_it(row) == as_the_orm_gives_it(Certificate.objects.get(pk=row.pk))
        assert timezone.is_aware(row.not_before) and timezone.is_aware(row.created_at)
    assert (platform.root.kind, platform.issuing.kind, platform.tsa.kind) == ("root", "issuing", "tsa")
    assert platform.issuing.issuer_id == platform.root.pk and platform.tsa.issuer_id == platform.issuing.pk
    assert platform.revocations == {} == revocations_by_orm(platform.root, platform.issuing)


def test_a_revocation_changes_the_state_read_with_the_platform_and_the_crl(verified_worker, enterprise, hr_li):
    """Given the CRLs signed for a platform without revocations, when a worker's certificate is revoked, then
    the platform read next carries the ORM's count and latest time, and the CRLs are re-signed to list it."""
    person = services.issue_person_certificate(verified_worker, actor=verified_worker)
    seal = services.issue_organization_certificate(enterprise, actor=hr_li)
    before = archive.current_crls(ca.load_platform_ca())
    assert issuing_crl_serials(before) == []

    services.revoke_certificate(person, reason=RevocationReason.KEY_COMPROMISE, actor=verified_worker)
    once = ca.load_platform_ca()
    services.revoke_certificate(seal, reason=RevocationReason.SUPERSEDED, actor=hr_li)
    platform = ca.load_platform_ca()
    after = archive.current_crls(platform)

    issuing = platform.issuing.pk
    assert once.revocations == {issuing: (1, Certificate.objects.get(pk=person.pk).revoked_at)}
    assert platform.revocations == revocations_by_orm(platform.root, platform.issuing)
    assert platform.revocations[issuing][0] == 2
    assert timezone.is_aware(platform.revocations[issuing][1])
    assert after is not before
    assert issuing_crl_serials(after) == [int(person.serial_number, 16), int(seal.serial_number, 16)]


def test_a_platform_without_its_revocation_state_reads_the_same_state_itself(verified_worker,
                                                                             django_assert_num_queries):
    """The state read with the platform and the state ``current_crls`` reads itself make the same cache key."""
    person = services.issue_person_certificate(verified_worker, actor=verified_worker)
    services.revoke_certificate(person, reason=RevocationReason.KEY_COMPROMISE, actor=verified_worker)
    platform = ca.load_platform_ca()
    crls = archive.current_crls(platform)

    with django_assert_num_queries(0):
        assert archive.current_crls(platform) is crls
    with django_assert_num_queries(1):
        assert archive.current_crls(dataclasses.replace(platform, revocations=None)) is crls


def test_the_platform_material_of_a_verification_is_one_statement(platform_ca, django_assert_num_queries):
    trust.platform_material()  # the first call after the CA was created signs its CRLs

    with django_assert_num_queries(1):
        root, crls = trust.platform_material()

    assert root.dump() == bytes(platform_ca.root.der)
    assert isinstance(root, asn1_x509.Certificate)
    assert [crl.dump() for crl in crls] == [crl.dump() for crl in archive.current_crls(platform_ca)]
    assert issuing_crl_serials(crls) == []


@pytest.fixture
def recorded(platform_ca):
    """Signature records: two for the same field and evidence (the later one, as employer, wins), one other."""
    def record(role: str, field_name: str, digest: str) -> SignatureRecord:
        return SignatureRecord.objects.create(
            certificate=platform_ca.tsa, role=role, field_name=field_name, evidence_digest=digest,
            input_sha256="0" * 64, output_sha256="1" * 64, signed_at=timezone.now())

    return [record("worker", "Signature1", "ab" * 32), record("employer", "Signature1", "ab" * 32),
            record("witness", "Signature2", "cd" * 32), record("custom_role", "Signature3", "ef" * 32)]


def test_roles_are_those_of_the_newest_records_as_the_orm_orders_them(recorded, django_assert_num_queries):
    items = [reports.SignatureReport(field_name=name, kind="signature", evidence_digest=digest)
             for name, digest in (("Signature1", "ab" * 32), ("Signature2", "cd" * 32), ("Signature3", "ef" * 32),
                                  ("WorkerSignature", "ab" * 32), ("Signature2", "ab" * 32))]
    labels = dict(SignerRole.choices)
    newest = {}
    for digest, field_name, role in SignatureRecord.objects.values_list("evidence_digest", "field_name", "role"):
        newest.setdefault((digest, field_name), str(labels.get(role, role)))

    with django_assert_num_queries(1):
        verify._attach_roles(items)

    assert [item.role for item in items] == [newest[("ab" * 32, "Signature1")], newest[("cd" * 32, "Signature2")],
                                             "custom_role", "乙方（劳动者）", ""]
    assert items[0].role == "甲方（用人单位）" and items[1].role == "见证方"
