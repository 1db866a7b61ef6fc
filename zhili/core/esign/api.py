"""What scenes and other core packages may use from core.esign (电子签名).

Certificates: ``ensure_platform_ca``, ``issue_person_certificate``, ``issue_organization_certificate``,
    ``revoke_certificate``, ``platform_root_pem``, ``platform_signer_certificate``, ``PlatformCA``, ``masked_name``.
Signing: ``authorize_key_use`` (identity + intent, single use; an intent is valid for ``INTENT_MAX_AGE``),
    ``sign_pdf``, ``complete_document`` (B-LTA), ``consume_authorization``, ``record_authorization``,
    ``record_document``, ``signing_for``, ``KeyUseAuthorization``; ``chinese_time`` (签署时间 as shown).
Rendering and time-stamps: ``render_pdf``, ``timestamp`` (``TimestampUnavailable``); ``cjk_font_path`` (the
    Chinese font the PDFs embed, for a scene that draws an image with text, e.g. a seal).
Verification and evidence: ``verify_pdf`` (``VerificationReport``), ``evidence_report`` (出证);
    ``platform_seal_pdf`` (the platform signs a document it issues, e.g. a scene's dossier).
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
from .fonts import cjk_font_path
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


def platform_seal_pdf(pdf_bytes: bytes, *, subject: Any, reason: str, actor=None,
                      field_name: str = "PlatformSeal") -> bytes:
    """Sign a document the platform itself issues about ``subject`` (a scene's dossier, 卷宗) with the platform's
    evidence-service certificate: PAdES B-T, a visible stamp on the last page. The caller checks who may ask."""
    from django.utils import timezone

    from zhili.core.foundation.models import target_key

    from .evidence import STAMP_BOX, _page_count, _platform_authorization
    from .signing import sign_document

    certificate = platform_signer_certificate(actor=actor)
    subject_type, subject_id, _repr = target_key(subject)
    authorization = _platform_authorization(certificate, subject_type, subject_id, actor=actor)
    return sign_document(pdf_bytes, authorization=authorization, signer_certificate=certificate, subject=subject,
                         actor=actor, role="platform", field_name=field_name, page=_page_count(pdf_bytes) - 1,
                         box=STAMP_BOX, stamp_text=f"治理平台电子证据服务\n签发时间：{chinese_time(timezone.now())}",
                         reason=reason)


def platform_signer_certificate(*, actor=None):
    """Return the platform's own evidence-service certificate (CN 治理平台电子证据服务), issuing it on first use."""
    from .services import platform_signer_certificate as ensure

    return ensure(actor=actor)


__all__ = [
    "INTENT_MAX_AGE", "KeyUseAuthorization", "PlatformCA", "TimestampUnavailable", "VerificationReport", "authorize_key_use", "chinese_time", "cjk_font_path",
    "complete_document", "consume_authorization", "ensure_platform_ca", "evidence_report",
    "issue_organization_certificate", "issue_person_certificate", "masked_name", "platform_root_pem",
    "platform_seal_pdf", "platform_signer_certificate", "record_authorization", "register_archive", "last_timestamp_expiry",
    "renew_archive_timestamp", "renew_archive_timestamps", "record_document", "render_pdf", "revoke_certificate",
    "sign_pdf", "signing_for", "timestamp", "verify_pdf",
]
