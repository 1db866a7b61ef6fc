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


def configured_roots() -> list[asn1_x509.Certificate]:
    """Roots trusted beside the platform's: those of the external CAs that issue signer certificates
    (``ESIGN_EXTRA_ROOTS``, a PEM file)."""
    from django.conf import settings

    path = getattr(settings, "ESIGN_EXTRA_ROOTS", "")
    if not path:
        return []
    with open(path, "rb") as handle:
        return list(_roots_from_bytes(handle.read()))


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


def chain_apart(certificate: asn1_x509.Certificate, others: list, context) -> tuple[bool, bool, list]:
    """(trusted, revoked, path) of a signer certificate whose signature did not check out, validated on its own.

    pyHanko validates a signer's path only after the signature value checks out, so a tampered file's signature
    would be reported untrusted whatever its chain. The report must say only what is wrong: the same context (the
    same roots, CRLs and time) validates the path here, with the certificates the signature embeds."""
    import asyncio

    from pyhanko_certvalidator import CertificateValidator
    from pyhanko_certvalidator.errors import PathBuildingError, RevokedError, ValidationError

    validator = CertificateValidator(certificate, intermediate_certs=others, validation_context=context)
    try:
        path = asyncio.run(validator.async_validate_usage(set()))
    except RevokedError:
        return False, True, []
    except (PathBuildingError, ValidationError, ValueError) as exc:
        logger.info("signer path does not validate: %r", exc)
        return False, False, []
    return True, False, list(path.iter_certs(include_root=True))
