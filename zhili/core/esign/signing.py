"""PAdES signing with pyHanko: one B-T signature with a visible stamp, as an incremental update.

A signer's private key is used only inside ``sign_pdf`` and only with a ``KeyUseAuthorization`` that
``authorization.authorize_key_use`` produced in the same flow from that signer's identity and intent evidence.
``sign_pdf`` itself consumes the authorization (``services.consume_authorization``, in the database, in the
transaction that records the signature), so a second use is refused in any process whichever entry point is
called. Every signature carries an RFC 3161 timestamp (B-T); without one nothing is signed.

The signer (``signers``), its stamp (``stamps``), the time-stamper (``tsa.get_timestamper``) and the reserved size
of the signature are built once per process; B-LTA completion is ``archive.complete_document``.
"""

import datetime as dt
import hashlib
import io
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.sign import fields, signers

from .archive import known_signers, name_the_producer, remember_signers
from .authorization import KeyUseAuthorization, check_authorization
from .signers import signer_for
from .stamps import default_stamp_text, stamp_style
from .tsa import TimestampUnavailable, get_timestamper, timestamp_in_cms


def sign_pdf(pdf_bytes: bytes, *, authorization: KeyUseAuthorization, signer_certificate, role: str,
             field_name: str, page: int = 0, box: tuple[int, int, int, int] = (360, 60, 560, 130),
             stamp_text: str | None = None, stamp_image: bytes | None = None, reason: str = "",
             location: str = "", actor=None) -> bytes:
    """Add one PAdES B-T signature with a visible stamp as an incremental update and return the new PDF.

    ``page`` counts from 0; ``box`` is (x1, y1, x2, y2) in PDF points from the bottom-left corner.
    Without ``stamp_text`` and ``stamp_image`` the stamp shows the role, the signer and the signing time
    in Chinese; with ``stamp_image`` only (a seal) the image alone is shown.
    """
    from .services import consume_authorization, ensure_platform_ca, record_signature

    check_authorization(authorization, signer_certificate)
    platform = ensure_platform_ca()
    now = timezone.now()
    if stamp_text is None and stamp_image is None:
        stamp_text = default_stamp_text(signer_certificate, role, now)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    except (PdfReadError, ValueError) as exc:
        raise ValidationError({"pdf": "文件不是可读取的 PDF"}) from exc
    if page < 0 or page >= int(writer.root["/Pages"]["/Count"]):
        raise ValidationError({"page": "签章页码超出文件页数"})
    name_the_producer(writer)
    signed_before = known_signers(pdf_bytes)
    if signed_before is None and not _has_signed_fields(writer.prev):
        signed_before = ()
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=signer_certificate.subject[:120],
    )
    signer = signer_for(signer_certificate, platform, authorization.evidence_digest)
    timestamper = get_timestamper(platform)
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, timestamper=timestamper,
        stamp_style=stamp_style(text=stamp_text, image=stamp_image),
        new_field_spec=fields.SigFieldSpec(field_name, on_page=page, box=box),
    )
    output = io.BytesIO()
    # The authorization is consumed where the key is used, in the transaction that records the signature:
    # a second use is refused in any process, and a failed signature (no timestamp) leaves it unused.
    with transaction.atomic():
        consume_authorization(authorization, actor=actor)
        try:
            reserved = _reserved_bytes(signer, timestamper, platform, now)
            pdf_signer.sign_pdf(writer, output=output, bytes_reserved=reserved)
        except TimestampUnavailable:
            raise
        except Exception as exc:
            if isinstance(exc.__cause__, TimestampUnavailable) or isinstance(exc.__context__, TimestampUnavailable):
                raise TimestampUnavailable(str(exc.__cause__ or exc.__context__)) from exc
            raise
        signed = output.getvalue()
        stamp_time, stamp_authority = _timestamp_of_last_signature(signed, len(pdf_bytes)) or (None, "")
        record_signature(
            certificate=signer_certificate, role=role, field_name=field_name, evidence=authorization.evidence,
            evidence_digest=authorization.evidence_digest, input_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
            output_sha256=hashlib.sha256(signed).hexdigest(), signed_at=now, actor=actor,
            timestamp_time=stamp_time, timestamp_authority=stamp_authority,
        )
    if signed_before is not None:  # otherwise signatures made elsewhere: complete_document reads the file
        remember_signers(signed, (*signed_before, bytes(signer_certificate.der)))
    return signed


_reserved: dict[tuple, int] = {}


def _reserved_bytes(signer, timestamper, platform, now) -> int:
    """The space to reserve for the CMS container, estimated once per certificate size and TSA.

    pyHanko would estimate it for every signature with a dry-run signature (a whole CMS structure built
    and thrown away); the size depends only on the certificate and timestamp-token sizes, so it is cached.
    Like pyHanko, a 50 % margin covers variation in the TSA's reply.
    """
    from django.conf import settings
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    key = (len(signer.signing_cert.dump()), platform.issuing.fingerprint, platform.tsa.fingerprint,
           getattr(settings, "ESIGN_TSA_URL", ""))
    size = _reserved.get(key)
    if size is None:
        import asyncio

        dry = asyncio.run(signer.async_sign(
            hashlib.sha256(b"").digest(), "sha256", use_pades=True, dry_run=True, timestamper=timestamper,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=now)))
        length = len(dry.dump()) * 2  # hex in the PDF
        size = length + 2 * (length // 4)
        if len(_reserved) > 64:
            _reserved.clear()
        _reserved[key] = size
    return size


def _has_signed_fields(reader) -> bool:
    form = reader.root.get("/AcroForm")
    if form is None:
        return False
    pending = list(form.get_object().get("/Fields", []))
    while pending:
        item = pending.pop().get_object()
        if item.get("/FT") == "/Sig" and "/V" in item:
            return True
        pending.extend(item.get("/Kids", []))
    return False


def sign_document(pdf_bytes: bytes, *, authorization, signer_certificate, subject: Any = None, actor=None,
                  **options) -> bytes:
    """Sign with ``signing.sign_pdf``, which consumes the authorization and records the signature and its timestamp.

    All of it is one transaction: a failed signature (e.g. the TSA cannot be reached) rolls the consumption
    back, so the signer may retry with the same authorization while it is fresh. ``subject`` links the
    SignatureRecord to what was signed.
    """
    from .services import signing_for

    with signing_for(subject) if subject is not None else _nothing():
        return sign_pdf(pdf_bytes, authorization=authorization, signer_certificate=signer_certificate, actor=actor,
                        **options)


@contextmanager
def _nothing():
    yield


def _timestamp_of_last_signature(signed: bytes, previous_length: int) -> tuple[dt.datetime, str] | None:
    """Return (time, TSA name) of the RFC 3161 token in the signature the last incremental update added.

    Reads only the new revision's ``/Contents`` (the CMS container), not the whole PDF.
    """
    tail = signed[previous_length:]
    start = tail.rfind(b"/Contents <")
    if start < 0:
        return None
    end = tail.find(b">", start)
    try:
        der = bytes.fromhex(tail[start + len(b"/Contents <"):end].decode("ascii"))
    except ValueError:
        return None
    return timestamp_in_cms(der)
