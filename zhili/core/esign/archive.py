"""Long-term validation (PAdES B-LTA): the platform chain and CRLs in the DSS, then a document timestamp; and the
renewal of that archive timestamp before its TSA certificate expires (``renew_archive_timestamps``, a daily job).

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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


# --- archive-timestamp renewal ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Archive:
    """Where completed documents are kept, as a scene declares it (``register_archive``).

    ``documents()`` yields ``(key, pdf_bytes)`` for every completed document; ``replace(key, pdf_bytes, actor=...)``
    stores the renewed file in place of the old one (in the caller's transaction). The renewed file is the old one
    plus an incremental update, so every digest recorded before stays a revision of it."""

    name: str
    documents: Callable[[], Iterable[tuple[str, bytes]]]
    replace: Callable[..., None]


_archives: dict[str, Archive] = {}


def register_archive(name: str, *, documents, replace) -> None:
    """Declare an archive of completed documents whose archive timestamps the periodic job keeps renewed."""
    _archives[name] = Archive(name, documents, replace)


def unregister_archive(name: str) -> None:
    _archives.pop(name, None)


def last_timestamp_expiry(pdf_bytes: bytes) -> dt.datetime | None:
    """When the certificate of the file's newest timestamp expires: the last document timestamp's, else the newest
    signature timestamp's (``None`` for a file without timestamps). After that moment nothing vouches for the
    time-stamped data unless a newer timestamp covers it (PAdES B-LTA, ETSI EN 319 142-1 §5.5)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    for embedded in sorted(reader.embedded_signatures, key=lambda item: item.signed_revision, reverse=True):
        if embedded.sig_object_type == "/DocTimeStamp":
            certificate = embedded.signer_cert
        else:
            token = next((attribute["values"][0] for attribute in embedded.signer_info["unsigned_attrs"] or []
                          if attribute["type"].native == "signature_time_stamp_token"), None)
            if token is None:
                continue
            from pyhanko.sign.general import extract_certificate_info

            certificate = extract_certificate_info(token["content"]).signer_cert
        return certificate["tbs_certificate"]["validity"]["not_after"].native
    return None


def renew_archive_timestamp(pdf_bytes: bytes) -> bytes:
    """Add the validation data the file's timestamps need (the platform chain and current CRLs, and every
    certificate its signatures and timestamps embed) to the DSS, then a new document timestamp over all of it."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import extract_certificate_info
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    from .services import ensure_platform_ca

    platform = ensure_platform_ca()
    certs = [asn1_certificate(c) for c in (platform.root_cert, platform.issuing_cert, platform.tsa_cert)]
    for embedded in PdfFileReader(io.BytesIO(pdf_bytes), strict=False).embedded_signatures:
        structures = [embedded.signed_data] + [
            attribute["values"][0]["content"] for attribute in embedded.signer_info["unsigned_attrs"] or []
            if attribute["type"].native == "signature_time_stamp_token"]
        for signed_data in structures:
            info = extract_certificate_info(signed_data)
            certs.extend(cert for cert in (info.signer_cert, *info.other_certs) if cert not in certs)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    name_the_producer(writer)
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=certs, crls=current_crls(platform))
    output = io.BytesIO()
    signers.PdfTimeStamper(get_timestamper(platform)).timestamp_pdf(writer, "sha256", output=output)
    return output.getvalue()


def renew_archive_timestamps(*, now: dt.datetime | None = None, margin: dt.timedelta | None = None,
                             actor=None) -> dict[str, int]:
    """Give every completed document whose newest timestamp's certificate expires within ``margin`` (setting
    ``ESIGN_ARCHIVE_RENEWAL_DAYS``) a new document timestamp, store it, and record it in the evidence ledger.

    Each document is renewed in its own transaction (store, audit entry, ledger entry). A document is left as it
    is when the time-stamper's own certificate would not outlive the old one (the TSA certificate must be renewed
    first; the result says how many). Returns the counts: checked, renewed, not_renewable."""
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from zhili.core.foundation import audit, events
    from zhili.core.ledger import api as ledger

    from .services import ensure_platform_ca

    now = now or timezone.now()
    margin = margin or dt.timedelta(days=int(getattr(settings, "ESIGN_ARCHIVE_RENEWAL_DAYS", 365)))
    new_expiry = _timestamper_expiry(ensure_platform_ca())
    counts = {"checked": 0, "renewed": 0, "not_renewable": 0}
    for archive in list(_archives.values()):
        for key, pdf_bytes in archive.documents():
            counts["checked"] += 1
            expires = last_timestamp_expiry(bytes(pdf_bytes))
            if expires is None or expires - now > margin:
                continue
            if new_expiry is not None and new_expiry <= expires:
                counts["not_renewable"] += 1
                continue
            renewed = renew_archive_timestamp(bytes(pdf_bytes))
            digest = hashlib.sha256(renewed).hexdigest()
            with transaction.atomic():
                archive.replace(key, renewed, actor=actor)
                audit.record("esign.archive_timestamp.renewed", actor=actor, data={
                    "archive": archive.name, "key": str(key), "sha256": digest, "expired_at": expires.isoformat()})
                ledger.append(kind="esign.archive_timestamp.renewed", subject=(archive.name, str(key)), digest=digest,
                              actor=actor if actor is not None else "job:esign.archive_renewal",
                              data={"previous_expiry": expires.isoformat(), "size": len(renewed)})
                events.publish("esign.archive_timestamp.renewed", archive=archive.name, key=str(key), sha256=digest)
            counts["renewed"] += 1
    return counts


def _timestamper_expiry(platform) -> dt.datetime | None:
    """When the certificate of the TSA that signing uses expires (the platform's; ``None`` for an external TSA,
    whose certificate is known only from its tokens)."""
    from django.conf import settings

    if getattr(settings, "ESIGN_TSA_URL", ""):
        return None
    return platform.tsa_cert.not_valid_after_utc
