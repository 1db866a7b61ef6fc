"""What scenes and other core packages may use from core.esign (电子签名).

Certificates: ``ensure_platform_ca``, ``issue_person_certificate``, ``issue_organization_certificate``,
    ``revoke_certificate``, ``platform_root_pem``, ``platform_signer_certificate``, ``PlatformCA``, ``masked_name``.
Signing: ``authorize_key_use`` (identity + intent, single use; an intent is valid for ``INTENT_MAX_AGE``),
    ``sign_pdf``, ``complete_document`` (B-LTA), ``consume_authorization``, ``record_authorization``,
    ``record_document``, ``signing_for``, ``KeyUseAuthorization``; ``chinese_time`` (签署时间 as shown).
Rendering and time-stamps: ``render_pdf``, ``timestamp`` (``TimestampUnavailable``).
Verification and evidence: ``verify_pdf`` (``VerificationReport``), ``evidence_report`` (出证).
"""

from typing import Any

from .archive import (
    complete_document,
    last_timestamp_expiry,
    register_archive,
    renew_archive_timestamp,
    renew_archive_timestamps,
)
from .authorization import INTENT_MAX_AGE, KeyUseAuthorization
from .ca import PlatformCA, masked_name
from .render import render_pdf
from .services import (
    consume_authorization,
    ensure_platform_ca,
    issue_organization_certificate,
    issue_person_certificate,
    record_authorization,
    record_document,
    revoke_certificate,
    signing_for,
)
from .stamps import chinese_time
from .tsa import TimestampUnavailable, timestamp
from .verify import VerificationReport, verify_pdf


def platform_root_pem() -> str:
    """The platform root certificate as PEM: the trust anchor for ``zhili verify --root``."""
    from .ca import to_pem

    return to_pem(ensure_platform_ca().root_cert)


def authorize_key_use(signer_certificate, *, identity_evidence: dict, intent_evidence: dict,
                      actor=None) -> KeyUseAuthorization:
    """Check identity and intent (``authorization.authorize_key_use``) and store the single-use authorization.

    The stored row (``models.KeyUseAuthorization``) lets ``sign_pdf`` refuse a second use in any process.
    """
    from . import authorization as grants

    authorization = grants.authorize_key_use(signer_certificate, identity_evidence=identity_evidence,
                                             intent_evidence=intent_evidence)
    record_authorization(authorization, actor=actor)
    return authorization


def sign_pdf(pdf_bytes: bytes, *, authorization: KeyUseAuthorization, signer_certificate, subject: Any = None,
             actor=None, **options) -> bytes:
    """Sign once per authorization across all processes (``signing.sign_document``); see ``signing.sign_pdf``.

    ``subject`` (e.g. the contract) links the signature record to what was signed, for the evidence report.
    """
    from .signing import sign_document

    return sign_document(pdf_bytes, authorization=authorization, signer_certificate=signer_certificate,
                         subject=subject, actor=actor, **options)


def evidence_report(subject: Any, *, actor, document: bytes | None = None) -> bytes:
    """Return the platform-signed evidence report (出证) PDF about ``subject``; it is recorded in the ledger."""
    from .evidence import evidence_report as build

    return build(subject, actor=actor, document=document)


def platform_signer_certificate(*, actor=None):
    """Return the platform's own evidence-service certificate (CN 治理平台电子证据服务), issuing it on first use."""
    from .services import platform_signer_certificate as ensure

    return ensure(actor=actor)


__all__ = [
    "INTENT_MAX_AGE", "KeyUseAuthorization", "PlatformCA", "TimestampUnavailable", "VerificationReport", "authorize_key_use", "chinese_time",
    "complete_document", "consume_authorization", "ensure_platform_ca", "evidence_report",
    "issue_organization_certificate", "issue_person_certificate", "masked_name", "platform_root_pem",
    "platform_signer_certificate", "record_authorization", "register_archive", "last_timestamp_expiry",
    "renew_archive_timestamp", "renew_archive_timestamps", "record_document", "render_pdf", "revoke_certificate",
    "sign_pdf", "signing_for", "timestamp", "verify_pdf",
]
