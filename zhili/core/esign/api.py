"""What other packages and scenes may call in the e-signature package."""

from .ca import PlatformCA, masked_name
from .render import render_pdf
from .services import ensure_platform_ca, issue_organization_certificate, issue_person_certificate, revoke_certificate
from .signing import KeyUseAuthorization, authorize_key_use, complete_document, sign_pdf
from .tsa import TimestampUnavailable, timestamp
from .verify import VerificationReport, verify_pdf


def platform_root_pem() -> str:
    """The platform root certificate as PEM: the trust anchor for ``zhili verify --root``."""
    from .ca import to_pem

    return to_pem(ensure_platform_ca().root_cert)


__all__ = [
    "KeyUseAuthorization", "PlatformCA", "TimestampUnavailable", "VerificationReport", "authorize_key_use",
    "complete_document", "ensure_platform_ca", "issue_organization_certificate", "issue_person_certificate",
    "masked_name", "platform_root_pem", "render_pdf", "revoke_certificate", "sign_pdf", "timestamp", "verify_pdf",
]
