"""Writes of the e-signature package: the platform CA, signer certificates, revocation, signature records."""

import logging

from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhili.core.foundation import audit, events

from . import ca, keys
from .choices import CertificateKind, RevocationReason
from .models import Certificate, SignatureRecord

logger = logging.getLogger(__name__)


def _store(*, kind: str, certificate, private_key, issuer: Certificate | None = None, **links) -> Certificate:
    serial = ca.serial_hex(certificate)
    return Certificate.objects.create(
        kind=kind,
        subject=certificate.subject.rfc4514_string()[:255],
        serial_number=serial,
        fingerprint=ca.fingerprint(certificate),
        der=certificate.public_bytes(serialization.Encoding.DER),
        encrypted_key=keys.seal_private_key(private_key, serial_hex=serial),
        issuer=issuer,
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        **links,
    )


def ensure_platform_ca(*, actor=None) -> ca.PlatformCA:
    """Return the platform root, issuing CA and TSA certificates, creating them on first use.

    Idempotent and safe under concurrency: a unique constraint allows one row per platform kind, so a
    second process that races here loses its insert, rolls back its savepoint and reads the winner's.
    """
    existing = ca.load_platform_ca()
    if existing is not None:
        return existing
    root_key, issuing_key, tsa_key = ca.new_private_key(), ca.new_private_key(), ca.new_private_key()
    try:
        with transaction.atomic():
            root_cert = ca.build_certificate(kind=CertificateKind.ROOT, subject=ca.platform_name("治理平台根证书"),
                                             public_key=root_key.public_key(), issuer_cert=None, issuer_key=root_key)
            root = _store(kind=CertificateKind.ROOT, certificate=root_cert, private_key=root_key)
            issuing_cert = ca.build_certificate(kind=CertificateKind.ISSUING,
                                                subject=ca.platform_name("治理平台签发 CA"),
                                                public_key=issuing_key.public_key(), issuer_cert=root_cert,
                                                issuer_key=root_key)
            issuing = _store(kind=CertificateKind.ISSUING, certificate=issuing_cert, private_key=issuing_key,
                             issuer=root)
            tsa_cert = ca.build_certificate(kind=CertificateKind.TSA, subject=ca.platform_name("治理平台时间戳服务"),
                                            public_key=tsa_key.public_key(), issuer_cert=issuing_cert,
                                            issuer_key=issuing_key)
            _store(kind=CertificateKind.TSA, certificate=tsa_cert, private_key=tsa_key, issuer=issuing)
            audit.record("esign.platform_ca.created", actor=actor, target=root,
                         data={"root": root.serial_number, "issuing": issuing.serial_number})
    except IntegrityError:
        logger.info("platform CA created concurrently by another process; using that one")
    found = ca.load_platform_ca()
    if found is None:  # pragma: no cover - only if the database refused both writers
        raise RuntimeError("平台 CA 创建失败")
    return found


def _current_for(**links) -> Certificate | None:
    now = timezone.now()
    return (Certificate.objects.filter(revoked_at__isnull=True, not_after__gt=now, **links)
            .order_by("-id").first())


@transaction.atomic
def issue_person_certificate(user, *, actor) -> Certificate:
    """Issue (or return the current) signing certificate of a person; the subject is pseudonymous."""
    current = _current_for(kind=CertificateKind.PERSON, user=user)
    if current is not None:
        return current
    if not user.is_verified:
        raise ValidationError({"user": "签名证书只能签发给已实名认证的用户（实名认证未完成）"})
    platform = ensure_platform_ca(actor=actor)
    key = ca.new_private_key()
    certificate = ca.build_certificate(kind=CertificateKind.PERSON, subject=ca.person_name(user),
                                       public_key=key.public_key(), issuer_cert=platform.issuing_cert,
                                       issuer_key=platform.key_of(platform.issuing))
    row = _store(kind=CertificateKind.PERSON, certificate=certificate, private_key=key, issuer=platform.issuing,
                 user=user)
    audit.record("esign.certificate.issued", actor=actor, target=row, data={"kind": row.kind, "user_id": user.pk})
    events.publish("esign.certificate.issued", certificate_id=row.pk, kind=row.kind)
    return row


@transaction.atomic
def issue_organization_certificate(organization, *, actor) -> Certificate:
    """Issue (or return the current) seal certificate of an organisation (name and USCC in the subject)."""
    current = _current_for(kind=CertificateKind.ORGANIZATION, organization=organization)
    if current is not None:
        return current
    if not organization.name.strip():
        raise ValidationError({"organization": "单位名称不能为空（印章证书主题必须包含单位名称）"})
    platform = ensure_platform_ca(actor=actor)
    key = ca.new_private_key()
    certificate = ca.build_certificate(kind=CertificateKind.ORGANIZATION, subject=ca.organization_name(organization),
                                       public_key=key.public_key(), issuer_cert=platform.issuing_cert,
                                       issuer_key=platform.key_of(platform.issuing))
    row = _store(kind=CertificateKind.ORGANIZATION, certificate=certificate, private_key=key,
                 issuer=platform.issuing, organization=organization)
    audit.record("esign.certificate.issued", actor=actor, target=row,
                 data={"kind": row.kind, "organization_id": organization.pk})
    events.publish("esign.certificate.issued", certificate_id=row.pk, kind=row.kind)
    return row


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, reason: str, actor) -> Certificate:
    """Revoke a signer certificate; it is listed on the issuing CA's CRL from now on."""
    if reason not in RevocationReason.values:
        raise ValidationError({"reason": "吊销原因不在允许的取值范围内"})
    row = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if row.kind not in (CertificateKind.PERSON, CertificateKind.ORGANIZATION):
        raise ValidationError({"certificate": "只能吊销个人或单位证书（平台证书需轮换而非吊销）"})
    if row.revoked_at is not None:
        raise ValidationError({"certificate": "该证书已于此前吊销"})
    row.revoked_at = timezone.now()
    row.revocation_reason = reason
    row.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    audit.record("esign.certificate.revoked", actor=actor, target=row, data={"reason": reason})
    events.publish("esign.certificate.revoked", certificate_id=row.pk, reason=reason)
    certificate.revoked_at, certificate.revocation_reason = row.revoked_at, row.revocation_reason
    return row


@transaction.atomic
def record_signature(*, certificate: Certificate, role: str, field_name: str, evidence: dict,
                     evidence_digest: str, input_sha256: str, output_sha256: str, signed_at, actor) -> SignatureRecord:
    """Store the evidence of one applied signature (called by ``signing.sign_pdf``)."""
    record = SignatureRecord.objects.create(
        certificate=certificate, role=role, field_name=field_name, evidence=evidence,
        evidence_digest=evidence_digest, input_sha256=input_sha256, output_sha256=output_sha256, signed_at=signed_at,
    )
    audit.record("esign.document.signed", actor=actor, target=record,
                 data={"field": field_name, "role": role, "sha256": output_sha256, "evidence_digest": evidence_digest})
    events.publish("esign.document.signed", signature_record_id=record.pk, sha256=output_sha256, role=role)
    return record
