"""Long-term validation (PAdES B-LTA): the platform chain and CRLs in the DSS, then a document timestamp.

``complete_document`` brings a freshly signed contract to B-LTA. The CRLs are re-signed only when the set of
revoked certificates changes or ``CRL_REFRESH`` has passed (``current_crls``). The signer certificates of a PDF
signed in this process are remembered by its digest (``remember_signers``), so completing it does not parse the
signatures again.
"""

import datetime as dt
import hashlib
import io
import threading
import time

from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from .signers import asn1_certificate, parsed_certificate
from .tsa import get_timestamper

# A cached CRL is re-signed after this long even if nothing was revoked (CRLs are valid for ca.CRL_VALIDITY).
CRL_REFRESH = dt.timedelta(hours=1)
SIGNERS_MEMORY = 512

# sha256 of a PDF signed in this process -> DER of every signer certificate in it (for complete_document).
_signers_of: dict[str, tuple[bytes, ...]] = {}
_signers_lock = threading.Lock()


def name_the_producer(writer) -> None:
    """Let the revision ``writer`` adds name one producer in its Info dictionary and in its XMP metadata.

    pyHanko writes its own name (``VENDOR``) as the XMP ``pdf:Producer`` of every revision it writes, but appends it
    to the Info ``/Producer`` it finds ("WeasyPrint 70.0; pyHanko 0.38.0"), and PDF/A validators reject a file
    whose two disagree (ISO 19005-2 §6.6.3). Setting the Info entry to pyHanko's name first makes pyHanko keep it
    as it is: every revision then names the tool that wrote it, in both places."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    try:
        info = writer.trailer["/Info"]
    except KeyError:  # no Info dictionary: pyHanko writes the XMP alone, or an Info naming itself
        return
    if info.get("/Producer") != VENDOR:
        info["/Producer"] = generic.TextStringObject(VENDOR)
        writer.update_container(info)


def known_signers(pdf_bytes: bytes) -> tuple[bytes, ...] | None:
    """The DER of every signer certificate of a PDF signed in this process, or ``None`` if it was not."""
    return _signers_of.get(hashlib.sha256(pdf_bytes).hexdigest())


def remember_signers(signed: bytes, signer_ders: tuple[bytes, ...]) -> None:
    with _signers_lock:
        if len(_signers_of) >= SIGNERS_MEMORY:
            _signers_of.pop(next(iter(_signers_of)))
        _signers_of[hashlib.sha256(signed).hexdigest()] = signer_ders


_crl_cache: dict[tuple, tuple[float, list]] = {}
_crl_lock = threading.Lock()


def current_crls(platform) -> list[asn1_crl.CertificateList]:
    """The platform's CRLs ("root", "issuing"), re-signed only when a revocation changed them or after
    ``CRL_REFRESH``; the count and latest time of revocations per issuer decide which: as read with the platform
    (``ca.load_platform_ca``), else in one query here."""
    issuers = {"root": platform.root, "issuing": platform.issuing}
    state = platform.revocations
    if state is None:
        from django.db.models import Count, Max

        from .models import Certificate

        state = {row["issuer_id"]: (row["n"], row["last"]) for row in (
            Certificate.objects.filter(issuer_id__in=[row.pk for row in issuers.values()], revoked_at__isnull=False)
            .values("issuer_id").annotate(n=Count("id"), last=Max("revoked_at")))}
    key = tuple((scope, row.serial_number, state.get(row.pk)) for scope, row in issuers.items())
    now = time.monotonic()
    cached = _crl_cache.get(key)
    if cached is not None and now - cached[0] < CRL_REFRESH.total_seconds():
        return cached[1]
    crls = [asn1_crl.CertificateList.load(platform.crl(scope)) for scope in issuers]
    with _crl_lock:
        _crl_cache.clear()
        _crl_cache[key] = (now, crls)
    return crls


def complete_document(pdf_bytes: bytes) -> bytes:
    """Bring a signed PDF to PAdES B-LTA: put the platform chain and CRLs into the DSS, then a document timestamp."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    from .services import ensure_platform_ca

    platform = ensure_platform_ca()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    certs = [asn1_certificate(c) for c in (platform.root_cert, platform.issuing_cert, platform.tsa_cert)]
    known = known_signers(pdf_bytes)
    if known is not None:
        signer_certs = [parsed_certificate(der) for der in dict.fromkeys(known)]
    else:
        signer_certs = _signer_certificates(writer.prev)
    certs.extend(cert for cert in signer_certs if cert not in certs)
    crls = current_crls(platform)
    name_the_producer(writer)
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=certs, crls=crls)
    output = io.BytesIO()
    # No validation context here: given one, pyHanko would validate the TSA's path again only to add the
    # same certificates and CRLs to the DSS, which already holds the whole platform chain and both CRLs.
    signers.PdfTimeStamper(get_timestamper(platform)).timestamp_pdf(writer, "sha256", output=output)
    return output.getvalue()


def _signer_certificates(reader) -> list[asn1_x509.Certificate]:
    found = []
    for signature in reader.embedded_signatures:
        cert = signature.signer_cert
        if cert is not None and cert not in found:
            found.append(cert)
    return found
