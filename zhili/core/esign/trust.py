"""The trust anchors of a verification: the roots the caller gives, else the platform root and its current CRLs."""

import logging
from functools import lru_cache

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .signers import parsed_certificate

logger = logging.getLogger(__name__)


def load_roots(trust_roots) -> list[asn1_x509.Certificate]:
    roots = []
    for item in trust_roots or ():
        if isinstance(item, asn1_x509.Certificate):
            roots.append(item)
        elif isinstance(item, x509.Certificate):
            roots.append(parsed_certificate(item.public_bytes(serialization.Encoding.DER)))
        else:
            roots.extend(_roots_from_bytes(bytes(item)))
    return roots


@lru_cache(maxsize=32)
def _roots_from_bytes(data: bytes) -> tuple[asn1_x509.Certificate, ...]:
    return tuple(parsed_certificate(cert.public_bytes(serialization.Encoding.DER))
                 for cert in (x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data
                              else [x509.load_der_x509_certificate(data)]))


def platform_material():
    """The platform root and current CRLs, if this installation has a CA (``None`` offline or without one)."""
    try:
        from .ca import load_platform_ca

        platform = load_platform_ca()
    except Exception:  # no database (offline use): the caller's root file is the only trust anchor
        logger.debug("no platform CA available for verification", exc_info=True)
        return None, []
    if platform is None:
        return None, []
    root = parsed_certificate(bytes(platform.root.der))  # the stored DER: parsed once per process, not per call
    from .archive import current_crls  # re-signed only when a revocation changed them; no query of its own here

    return root, current_crls(platform)
