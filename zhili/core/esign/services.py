"""Writes of the e-signature package: the platform CA, signer certificates, revocation, signature records."""

import contextvars
import hashlib
import logging
from contextlib import contextmanager
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.foundation.models import insert_instance

from . import ca, keys
from .choices import CertificateKind, RevocationReason
from .models import Certificate, KeyUseAuthorization, SignatureRecord

logger = logging.getLogger(__name__)


def _new_key(kind: str):
    """A new key pair for a certificate of ``kind``: in the PKCS#11 module for the platform CA, the TSA and seals
    when ``ESIGN_KEY_STORE = "pkcs11"``, else made here and sealed in the database."""
    from . import hsm

    if hsm.enabled() and kind != CertificateKind.PERSON:
        return hsm.generate_key()
    return ca.new_private_key()


def _store(*, kind: str, certificate, private_key, issuer: Certificate | None = None, **links) -> Certificate:
    from .hsm import HsmKey

    serial = ca.serial_hex(certificate)
    sealed = (private_key.reference if isinstance(private_key, HsmKey)
              else keys.seal_private_key(private_key, serial_hex=serial))
    return Certificate.objects.create(
        kind=kind,
        subject=certificate.subject.rfc4514_string()[:255],
        serial_number=serial,
        fingerprint=ca.fingerprint(certificate),
        der=certificate.public_bytes(serialization.Encoding.DER),
        encrypted_key=sealed,
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
    root_key, issuing_key, tsa_key = (_new_key(kind) for kind in (CertificateKind.ROOT, CertificateKind.ISSUING,
                                                                   CertificateKind.TSA))
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
    """Issue (or return the current) signing certificate of a person: real name and keyed pseudonym, no ID number."""
    current = _current_for(kind=CertificateKind.PERSON, user=user)
    if current is not None:
        return current
    if not user.is_verified:
        raise ValidationError({"user": "签名证书只能签发给已实名认证的用户（实名认证未完成）"})
    row = _issue(CertificateKind.PERSON, ca.person_name(user), actor=actor, user=user)
    audit.record("esign.certificate.issued", actor=actor, target=row,
                 data={"kind": row.kind, "user_id": user.pk, "ca": _issuing_ca()})
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
    row = _issue(CertificateKind.ORGANIZATION, ca.organization_name(organization), actor=actor,
                 organization=organization)
    audit.record("esign.certificate.issued", actor=actor, target=row,
                 data={"kind": row.kind, "organization_id": organization.pk, "ca": _issuing_ca()})
    events.publish("esign.certificate.issued", certificate_id=row.pk, kind=row.kind)
    return row


def _issuing_ca() -> str:
    """Which CA issues signer certificates: "platform" (the default) or "est" (an external CA, ``external_ca``)."""
    from django.conf import settings

    return getattr(settings, "ESIGN_CA", "platform") or "platform"


def _issue(kind: str, subject, *, actor, **links) -> Certificate:
    """Make a key pair (here, or in the PKCS#11 module) and have the configured CA certify it; store the row."""
    key = _new_key(kind)
    if _issuing_ca() == "est":
        from cryptography.hazmat.primitives import serialization as encoding

        from .external_ca import EnrollmentError, EstClient, certificate_request

        try:
            certificate, chain = EstClient.from_settings().enroll(certificate_request(subject, key))
        except EnrollmentError as exc:
            raise ValidationError({"certificate": str(exc)}) from exc
        chain_pem = "".join(item.public_bytes(encoding.Encoding.PEM).decode("ascii") for item in chain)
        return _store(kind=kind, certificate=certificate, private_key=key, issuer_chain_pem=chain_pem, **links)
    platform = ensure_platform_ca(actor=actor)
    certificate = ca.build_certificate(kind=kind, subject=subject, public_key=key.public_key(),
                                       issuer_cert=platform.issuing_cert, issuer_key=platform.key_of(platform.issuing))
    return _store(kind=kind, certificate=certificate, private_key=key, issuer=platform.issuing, **links)


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
    if row.issuer_chain_pem:
        raise ValidationError({"certificate": "该证书由外部 CA 签发，须向签发它的 CA 申请吊销"})
    row.revoked_at = timezone.now()
    row.revocation_reason = reason
    row.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    audit.record("esign.certificate.revoked", actor=actor, target=row, data={"reason": reason})
    events.publish("esign.certificate.revoked", certificate_id=row.pk, reason=reason)
    certificate.revoked_at, certificate.revocation_reason = row.revoked_at, row.revocation_reason
    return row


_signing_subject: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("esign_signing_subject",
                                                                                         default=None)


def subject_reference(subject: Any) -> tuple[str, str]:
    """Return (type, id) of a saved model instance or a ``(type, id)`` pair, as the ledger names subjects."""
    from zhili.core.ledger.api import subject_reference as ledger_reference

    return ledger_reference(subject)


@contextmanager
def signing_for(subject: Any):
    """Link every signature made inside the block to ``subject`` (what is signed, e.g. a contract)."""
    token = _signing_subject.set(subject_reference(subject) if subject is not None else None)
    try:
        yield
    finally:
        _signing_subject.reset(token)


@transaction.atomic(savepoint=False)  # all or nothing; inside ``sign_pdf`` its own savepoint confines a failure
def record_signature(*, certificate: Certificate, role: str, field_name: str, evidence: dict,
                     evidence_digest: str, input_sha256: str, output_sha256: str, signed_at, actor,
                     timestamp_time=None, timestamp_authority: str = "") -> SignatureRecord:
    """Store the evidence of one applied signature and append it to the evidence ledger (called by ``sign_pdf``).

    The ledger record (kind ``esign.signature``) is about the SignatureRecord; its digest is the SHA-256 of
    the signed PDF, so ``verify_pdf`` finds it from the file alone. ``timestamp_time`` and
    ``timestamp_authority`` are those of the signature's RFC 3161 token.
    """
    from zhili.core.ledger import api as ledger

    subject_type, subject_id = _signing_subject.get() or ("", "")
    # The record and its audit entry go in together (one statement on PostgreSQL).
    record = insert_instance(SignatureRecord(
        certificate=certificate, role=role, field_name=field_name, evidence=evidence,
        evidence_digest=evidence_digest, input_sha256=input_sha256, output_sha256=output_sha256, signed_at=signed_at,
        subject_type=subject_type, subject_id=subject_id, timestamp_time=timestamp_time,
        timestamp_authority=timestamp_authority[:255],
    ), audit=audit.prepare("esign.document.signed", actor=actor, data={
        "field": field_name, "role": role, "sha256": output_sha256, "evidence_digest": evidence_digest}))
    data = {"role": role, "field_name": field_name, "evidence_digest": evidence_digest,
            "certificate_serial": certificate.serial_number}
    if subject_type:
        data["document_subject"] = {"type": subject_type, "id": subject_id}
    ledger.append(kind="esign.signature", subject=record, digest=output_sha256, actor=_ledger_actor(actor), data=data)
    events.publish("esign.document.signed", signature_record_id=record.pk, sha256=output_sha256, role=role)
    return record


def _ledger_actor(actor):
    """The ledger takes a saved model, a label or None; anything else (an anonymous user) is recorded as system."""
    from django.db import models

    if actor is None or isinstance(actor, str) or (isinstance(actor, models.Model) and actor.pk is not None):
        return actor
    return None


@transaction.atomic
def record_document(pdf_bytes: bytes, *, subject: Any, kind: str, actor, data: dict | None = None):
    """Append the final version of a document (e.g. a completed B-LTA contract) to the evidence ledger.

    Return the ledger entry; its digest is the SHA-256 of ``pdf_bytes``, so ``verify_pdf`` shows it.
    """
    from zhili.core.ledger import api as ledger

    if not isinstance(pdf_bytes, bytes | bytearray) or not pdf_bytes:
        raise ValidationError({"pdf": "文件不能为空（须为 PDF 文件内容）"})
    digest = hashlib.sha256(bytes(pdf_bytes)).hexdigest()
    entry = ledger.append(kind=kind, subject=subject, digest=digest, actor=_ledger_actor(actor),
                          data={"size": len(pdf_bytes), **(data or {})})
    audit.record("esign.document.recorded", actor=actor, target=subject if hasattr(subject, "_meta") else None,
                 data={"kind": kind, "sha256": digest, "ledger_index": entry.index})
    events.publish("esign.document.recorded", ledger_index=entry.index, sha256=digest, kind=kind)
    return entry


def _authorization_parts(authorization) -> tuple[dict, dict]:
    evidence = authorization.evidence or {}
    return evidence.get("identity") or {}, evidence.get("intent") or {}


def _check_authentic(authorization) -> None:
    from .authorization import KeyUseAuthorization as Grant

    if not isinstance(authorization, Grant) or not authorization.is_authentic():
        raise PermissionDenied("缺少有效的用钥授权：须先调用 authorize_key_use 完成身份与意愿核验")


def record_authorization(authorization, *, actor=None) -> KeyUseAuthorization:
    """Store a key-use authorization granted by ``authorization.authorize_key_use`` so every process sees its use.

    The row and its audit entry go in all or nothing by themselves (``insert_instance(audit=...)``: one
    statement on PostgreSQL), so this opens no transaction block and, inside a caller's, no savepoint (a round
    trip each way): a failed insert marks the caller's transaction for rollback, and the caller gets the
    error either way. A grant that is not authentic is refused before anything is written."""
    from .authorization import AUTHORIZATION_TTL

    _check_authentic(authorization)
    identity, intent = _authorization_parts(authorization)
    return insert_instance(KeyUseAuthorization(
        nonce=authorization.nonce, certificate_id=authorization.certificate_id, identity_evidence=identity,
        intent_evidence=intent, evidence_digest=authorization.evidence_digest,
        expires_at=authorization.issued_at + AUTHORIZATION_TTL,
    ), audit=audit.prepare("esign.key_use.authorized", actor=actor, data={
        "certificate_id": authorization.certificate_id, "evidence_digest": authorization.evidence_digest}))


USED = "用钥授权已使用过，每次签署须重新确认意愿"
EXPIRED = "用钥授权已过期，请重新确认意愿"


def consume_authorization(authorization, *, actor=None) -> None:
    """Mark a key-use authorization used, once across all processes; raise PermissionDenied if used or expired.

    One conditional UPDATE (``used_at IS NULL`` and not expired) decides; an authorization never stored
    (``record_authorization``) is inserted as used, and the unique nonce refuses a second insert.
    """
    from .authorization import AUTHORIZATION_TTL

    _check_authentic(authorization)
    now = timezone.now()
    refusal = ""
    entry = audit.prepare("esign.key_use.consumed", actor=actor,
                          data={"certificate_id": authorization.certificate_id, "nonce": authorization.nonce[:8],
                                "evidence_digest": authorization.evidence_digest})
    # No savepoint of its own: a refusal is decided inside but raised outside, so it never poisons the
    # caller's transaction; only the racing insert below needs one.
    with transaction.atomic(savepoint=False):
        updated, audited = _mark_used(authorization.nonce, authorization.certificate_id, now, entry)
        if not updated:
            row = KeyUseAuthorization.objects.filter(nonce=authorization.nonce).first()
            if row is not None:
                refusal = ("用钥授权属于另一张证书" if row.certificate_id != authorization.certificate_id
                           else USED if row.used_at is not None else EXPIRED)
            elif now - authorization.issued_at > AUTHORIZATION_TTL:
                refusal = EXPIRED
            else:
                identity, intent = _authorization_parts(authorization)
                try:
                    with transaction.atomic():
                        KeyUseAuthorization.objects.create(
                            nonce=authorization.nonce, certificate_id=authorization.certificate_id,
                            identity_evidence=identity, intent_evidence=intent,
                            evidence_digest=authorization.evidence_digest,
                            expires_at=authorization.issued_at + AUTHORIZATION_TTL, used_at=now,
                        )
                except IntegrityError:
                    refusal = USED
        if not refusal and not audited:
            insert_instance(entry)
    if refusal:
        raise PermissionDenied(refusal)


def _mark_used(nonce: str, certificate_id: int, now, entry) -> tuple[int, bool]:
    """``UPDATE … SET used_at = now WHERE`` the nonce and certificate match, unused and unexpired: the row count,
    and whether the audit ``entry`` (new, ``audit.prepare``) was inserted with it.

    Hand-written (it runs for every signature): the ORM compiling this one conditional UPDATE cost more CPU
    than the database executing it. On PostgreSQL the entry goes in with the update, in the same statement
    (``WITH u AS (UPDATE … RETURNING 1) INSERT … SELECT … FROM u``: one entry per row updated, so its row count
    is the update's); elsewhere (SQLite, in-process) the caller inserts it."""
    from django.db import connection

    from zhili.core.foundation.models import insert_select, quoted_column, quoted_table

    column = {name: quoted_column(KeyUseAuthorization, name) for name in
              ("nonce", "certificate", "used_at", "updated_at", "expires_at")}
    moment = connection.ops.adapt_datetimefield_value(now)
    update = (f"UPDATE {quoted_table(KeyUseAuthorization)} SET {column['used_at']} = %s, {column['updated_at']} = %s"
              f" WHERE {column['nonce']} = %s AND {column['certificate']} = %s AND {column['used_at']} IS NULL"
              f" AND {column['expires_at']} > %s")
    params = [moment, moment, nonce, certificate_id, moment]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(update, params)
            return cursor.rowcount, False
        insert_entry, values = insert_select(entry, "u", using=connection.alias)
        cursor.execute(f"WITH u AS ({update} RETURNING 1) {insert_entry}", params + values)
        return cursor.rowcount, cursor.rowcount > 0


PLATFORM_SIGNER_NAME = "治理平台电子证据服务"


def _current_platform_signer() -> Certificate | None:
    return _current_for(kind=CertificateKind.ORGANIZATION, organization__isnull=True, user__isnull=True)


def platform_signer_certificate(*, actor=None) -> Certificate:
    """Return the platform's own signing certificate (CN 治理平台电子证据服务), issuing it on first use.

    It signs what the platform itself attests, such as evidence reports (出证). It is an organisation-type
    certificate without an organisation; a partial unique constraint keeps one current row, so a process
    that races here loses its insert and reads the winner's.
    """
    current = _current_platform_signer()
    if current is not None:
        return current
    platform = ensure_platform_ca(actor=actor)
    key = _new_key(CertificateKind.ORGANIZATION)
    certificate = ca.build_certificate(kind=CertificateKind.ORGANIZATION, subject=ca.platform_name(PLATFORM_SIGNER_NAME),
                                       public_key=key.public_key(), issuer_cert=platform.issuing_cert,
                                       issuer_key=platform.key_of(platform.issuing))
    try:
        with transaction.atomic():
            row = _store(kind=CertificateKind.ORGANIZATION, certificate=certificate, private_key=key,
                         issuer=platform.issuing)
            audit.record("esign.certificate.issued", actor=actor, target=row,
                         data={"kind": row.kind, "platform_signer": True})
    except IntegrityError:
        logger.info("platform signer certificate issued concurrently; using that one")
    found = _current_platform_signer()
    if found is None:  # pragma: no cover - only if the database refused both writers
        raise RuntimeError("平台电子证据服务证书签发失败")
    return found
