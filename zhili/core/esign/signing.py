"""PAdES signing with pyHanko: key-use authorization, B-T signatures with visible stamps, B-LTA completion.

A signer's private key is opened only inside ``sign_pdf`` and only with a ``KeyUseAuthorization`` that
``authorize_key_use`` produced in the same flow from that signer's identity and intent evidence. The
SHA-256 of the canonical evidence JSON becomes a signed CMS attribute (``EVIDENCE_DIGEST_OID``), so the
signature vouches for the evidence stored in ``SignatureRecord``. ``sign_pdf`` itself consumes the
authorization (``services.consume_authorization``, in the database, in the transaction that records the
signature), so a second use is refused in any process whichever entry point is called. Every signature
carries an RFC 3161 timestamp (B-T); without one nothing is signed.

Speed (issue #3, ``bench/esign.py``): what does not change between documents is built once per process —
each certificate's parsed form and opened key (``_signer_material``, an LRU keyed by serial number; see
``keys`` for the trade-off of keeping keys decrypted in memory), the issuing-CA registry, the time-stamper
(``tsa.get_timestamper``), the stamp fonts (``fonts.stamp_font_bytes``), seal images, and the CRLs, which
are re-signed only when the set of revoked certificates changes or ``CRL_REFRESH`` has passed. The
signing-certificate attribute of a new signer is assembled from the certificate's bytes
(``signing_certificate_v2_attribute``), and the PDF libraries' slowest readers are replaced by ``accel``.
"""

import datetime as dt
import hashlib
import io
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

from asn1crypto import cms, core
from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.sign import fields, signers
from pyhanko.sign.attributes import CMSAttributeProvider
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import keys
from .choices import CertificateKind, SignerRole
from .tsa import TimestampUnavailable, get_timestamper

# Security parameters of the platform (not legal thresholds): how fresh intent must be, how long an
# authorization may wait before the key is used.
INTENT_MAX_AGE = dt.timedelta(minutes=15)
AUTHORIZATION_TTL = dt.timedelta(minutes=10)
EVIDENCE_DIGEST_OID = "2.25.320343623723973855760800777379904904507"
SEAL_ROLES = frozenset({"employer_admin", "seal_keeper"})
# A cached CRL is re-signed after this long even if nothing was revoked (CRLs are valid for ca.CRL_VALIDITY).
CRL_REFRESH = dt.timedelta(hours=1)
SIGNER_CACHE_SIZE = 256

@dataclass(frozen=True)
class KeyUseAuthorization:
    """Permission to use one signer's key once, bound to the evidence that granted it."""

    certificate_id: int
    evidence: dict
    evidence_digest: str
    issued_at: dt.datetime
    nonce: str
    mac: str = field(repr=False)

    def _message(self) -> bytes:
        return f"{self.certificate_id}|{self.evidence_digest}|{self.issued_at.isoformat()}|{self.nonce}".encode()

    def is_authentic(self) -> bool:
        return secrets.compare_digest(self.mac, keys.authorization_mac(self._message()))


def canonical_json(data: dict) -> str:
    return json.dumps(json.loads(json.dumps(data, cls=DjangoJSONEncoder)), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def _require(evidence: dict, name: str, keys_: tuple[str, ...]) -> None:
    missing = [key for key in keys_ if not evidence.get(key)]
    if missing:
        raise PermissionDenied(f"{name}缺少字段 {', '.join(missing)}：用印/签名前必须完成身份核验与意愿确认")


def _parse_time(value, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError as exc:
            raise PermissionDenied(f"{name} 不是有效的时间（应为 ISO 8601 格式）") from exc
    if timezone.is_naive(moment):
        raise PermissionDenied(f"{name} 必须带时区")
    return moment


def authorize_key_use(signer_certificate, *, identity_evidence: dict, intent_evidence: dict) -> KeyUseAuthorization:
    """Check that the signer's identity and intent were confirmed just now, and allow one use of the key.

    ``identity_evidence``: ``user_id`` (who acts), ``method`` (e.g. ``sms_id_match``), ``verified_at``.
    ``intent_evidence``: ``confirmation_id``, ``method`` (e.g. ``sms_otp``), ``confirmed_at``, and optionally
    ``otp_challenge_id`` and ``document_sha256``. A person's key may be used only by that person; a seal
    only by an active employer administrator or seal keeper of the organisation.
    """
    _require(identity_evidence, "身份核验证据", ("user_id", "method", "verified_at"))
    _require(intent_evidence, "意愿确认证据", ("confirmation_id", "method", "confirmed_at"))
    now = timezone.now()
    if not signer_certificate.is_valid_now:
        raise PermissionDenied("签名证书已吊销或不在有效期内，不能使用")
    confirmed_at = _parse_time(intent_evidence["confirmed_at"], "意愿确认时间 confirmed_at")
    _parse_time(identity_evidence["verified_at"], "身份核验时间 verified_at")
    if not now - INTENT_MAX_AGE <= confirmed_at <= now + dt.timedelta(minutes=1):
        raise PermissionDenied("意愿确认已过期（须在签署前 15 分钟内完成），请重新确认")
    acting_user_id = int(identity_evidence["user_id"])
    if signer_certificate.kind == CertificateKind.PERSON:
        if acting_user_id != signer_certificate.user_id:
            raise PermissionDenied("身份核验的用户不是该签名证书的持有人")
    elif signer_certificate.kind == CertificateKind.ORGANIZATION:
        from zhili.core.identity.models import Membership

        allowed = Membership.objects.filter(user_id=acting_user_id, organization_id=signer_certificate.organization_id,
                                            role__in=SEAL_ROLES, is_active=True).exists()
        if not allowed:
            raise PermissionDenied("操作人不是该单位的印章管理员或单位管理员，不能使用单位印章")
    else:
        raise PermissionDenied("平台证书不能用于签署文件")
    evidence = json.loads(canonical_json({
        "certificate": signer_certificate.serial_number,
        "identity": identity_evidence,
        "intent": intent_evidence,
    }))
    digest = hashlib.sha256(canonical_json(evidence).encode("utf-8")).hexdigest()
    issued_at = now
    unsigned = KeyUseAuthorization(signer_certificate.pk, evidence, digest, issued_at, secrets.token_hex(16), "")
    return KeyUseAuthorization(signer_certificate.pk, evidence, digest, issued_at, unsigned.nonce,
                               keys.authorization_mac(unsigned._message()))


def _check_authorization(authorization, signer_certificate) -> None:
    if not isinstance(authorization, KeyUseAuthorization) or not authorization.is_authentic():
        raise PermissionDenied("缺少有效的用钥授权：须先调用 authorize_key_use 完成身份与意愿核验")
    if authorization.certificate_id != signer_certificate.pk:
        raise PermissionDenied("用钥授权属于另一张证书")
    if timezone.now() - authorization.issued_at > AUTHORIZATION_TTL:
        raise PermissionDenied("用钥授权已过期，请重新确认意愿")
    if not signer_certificate.is_valid_now:
        raise PermissionDenied("签名证书已吊销或不在有效期内，不能使用")


class _EvidenceDigestProvider(CMSAttributeProvider):
    attribute_type = EVIDENCE_DIGEST_OID

    def __init__(self, digest_hex: str):
        self.digest = bytes.fromhex(digest_hex)

    async def get_attribute(self, dry_run=False) -> cms.CMSAttribute:
        return cms.CMSAttribute({"type": EVIDENCE_DIGEST_OID, "values": [core.OctetString(self.digest)]})


class _PrebuiltAttributeProvider(CMSAttributeProvider):
    """An attribute that is the same in every signature of one certificate, encoded once (signing-certificate-v2:
    building it anew re-encodes the issuer name and costs more than the RSA signature itself)."""

    def __init__(self, der: bytes):
        self.der = der
        self.attribute_type = cms.CMSAttribute.load(der)["type"].native

    async def get_attribute(self, dry_run=False) -> cms.CMSAttribute:
        return cms.CMSAttribute.load(self.der)


class EvidenceBoundSigner(signers.SimpleSigner):
    """A SimpleSigner that adds the evidence digest as a signed attribute.

    ``private_key`` (an already opened ``cryptography`` key) spares pyHanko re-parsing the PKCS#8 DER and
    re-checking the RSA key for every signature.
    """

    def __init__(self, *args, evidence_digest: str, private_key=None, signing_certificate_attribute: bytes = b"",
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.evidence_digest = evidence_digest
        self._private_key = private_key
        self._signing_certificate_attribute = signing_certificate_attribute

    def _signed_attr_providers(self, *args, **kwargs):
        from pyhanko.sign.attributes import SigningCertificateV2Provider

        for provider in super()._signed_attr_providers(*args, **kwargs):
            if self._signing_certificate_attribute and isinstance(provider, SigningCertificateV2Provider):
                provider = _PrebuiltAttributeProvider(self._signing_certificate_attribute)
            yield provider
        yield _EvidenceDigestProvider(self.evidence_digest)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from pyhanko.sign.general import get_pyca_cryptography_hash

        try:
            algorithm = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        except ValueError:
            algorithm = ""
        if isinstance(self._private_key, RSAPrivateKey) and algorithm == "rsassa_pkcs1v15":
            return self._private_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        return super().sign_raw(data, digest_algorithm)


@lru_cache(maxsize=64)
def parsed_certificate(der: bytes) -> asn1_x509.Certificate:
    """A certificate parsed once per process (the platform's, the signers', trust roots given as bytes) and
    completely, before it is shared between threads: asn1crypto parses lazily and keeps what it parsed."""
    certificate = asn1_x509.Certificate.load(der)
    certificate.native  # noqa: B018 - parse once here, not in every signature that embeds it
    return certificate


def _asn1_cert(certificate) -> asn1_x509.Certificate:
    return parsed_certificate(certificate.public_bytes(serialization.Encoding.DER))


@dataclass(frozen=True)
class _SignerMaterial:
    certificate: asn1_x509.Certificate
    key_info: asn1_keys.PrivateKeyInfo
    private_key: object
    registry: SimpleCertificateStore
    signing_certificate_attribute: bytes


@lru_cache(maxsize=SIGNER_CACHE_SIZE)
def _signer_material(serial_number: str, encrypted_key: str, der: bytes, issuing_der: bytes) -> _SignerMaterial:
    """Everything about one signer certificate that does not change between signatures, built once.

    Keyed by serial number and the sealed key (a re-sealed key is a new entry); the whole entry lives only
    in this process. ``sign_pdf`` still checks the key-use authorization before every use.
    """
    private_key = keys.open_private_key(encrypted_key, serial_hex=serial_number)
    key_info = asn1_keys.PrivateKeyInfo.load(private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    certificate = parsed_certificate(der)
    return _SignerMaterial(
        certificate=certificate, key_info=key_info, private_key=private_key,
        registry=SimpleCertificateStore.from_certs([parsed_certificate(issuing_der)]),
        signing_certificate_attribute=signing_certificate_v2_attribute(certificate),
    )


_SIGNING_CERTIFICATE_V2_OID = core.ObjectIdentifier("1.2.840.113549.1.9.16.2.47").dump()


def signing_certificate_v2_attribute(certificate: asn1_x509.Certificate) -> bytes:
    """The DER of the signing-certificate-v2 attribute (RFC 5035) that pyHanko would build for ``certificate``.

    The same bytes as ``simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(cert)).dump()``
    (SHA-256, the default hash algorithm, is left out as DER requires; the issuer is the certificate's own
    encoded issuer name), assembled from the certificate's bytes in 0.1 ms instead of asn1crypto re-encoding
    the issuer name in 6 ms — a cost every new signer used to pay. A test checks the equality.
    """
    from .tsa import _tlv

    tbs = certificate["tbs_certificate"]
    issuer_serial = _tlv(0x30, _tlv(0x30, _tlv(0xA4, tbs["issuer"].dump())) + tbs["serial_number"].dump())
    ess_cert_id = _tlv(0x30, _tlv(0x04, hashlib.sha256(certificate.dump()).digest()) + issuer_serial)
    return _tlv(0x30, _SIGNING_CERTIFICATE_V2_OID + _tlv(0x31, _tlv(0x30, _tlv(0x30, ess_cert_id))))


def _signer_for(signer_certificate, platform, evidence_digest: str) -> EvidenceBoundSigner:
    material = _signer_material(signer_certificate.serial_number, signer_certificate.encrypted_key,
                                bytes(signer_certificate.der), bytes(platform.issuing.der))
    return EvidenceBoundSigner(
        signing_cert=material.certificate, signing_key=material.key_info, cert_registry=material.registry,
        evidence_digest=evidence_digest, private_key=material.private_key,
        signing_certificate_attribute=material.signing_certificate_attribute,
    )


def chinese_time(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.year}年{local.month}月{local.day}日 {local.hour:02d}:{local.minute:02d}:{local.second:02d}"


def default_stamp_text(signer_certificate, role: str, moment: dt.datetime) -> str:
    if signer_certificate.kind == CertificateKind.ORGANIZATION:
        holder = signer_certificate.organization.name
    else:
        holder = signer_certificate.user.name or signer_certificate.user.username
    role_label = dict(SignerRole.choices).get(role, role)
    return f"{role_label}：{holder}\n签署时间：{chinese_time(moment)}"


def _tiny_font_factory(font_bytes: bytes, font_size: int):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class TinyFontFactory(FontEngineFactory):
        """pyHanko's GlyphAccumulator for a font that holds only the stamp's glyphs (``fonts.stamp_font_bytes``).

        The font is embedded as it is: pyHanko would subset it again and re-encode every outline with
        fontTools, which costs more than the whole signature, for a font that is already the subset.
        """

        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            engine = GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_bytes), font_size=font_size,
                                      obj_stream=obj_stream)
            engine._subset_created = True
            cid_font = engine.cidfont_obj

            def set_font_file(target_writer):
                stream = generic.StreamObject(stream_data=font_bytes)
                stream.compress()
                reference = target_writer.add_object(stream)
                cid_font._font_descriptor[generic.pdf_name("/FontFile2")] = reference
                return reference

            cid_font.set_font_file = set_font_file
            return engine

    return TinyFontFactory()


@lru_cache(maxsize=32)
def _seal_image(image: bytes):
    """The decoded seal image (Pillow), cached by content: one seal stamps many documents."""
    from PIL import Image

    decoded = Image.open(io.BytesIO(image))
    decoded.load()
    return decoded


def _stamp_style(*, text: str | None, image: bytes | None):
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

    from .fonts import stamp_font_bytes

    background = None
    if image:
        try:
            background = PdfImage(_seal_image(bytes(image)))
        except Exception as exc:
            raise ValidationError({"stamp_image": "签章图片无法读取（须为 PNG 或 JPEG 图片）"}) from exc
    if not text:
        return StaticStampStyle(background=background, border_width=0)
    size = 9
    font = _tiny_font_factory(stamp_font_bytes(text), size)
    return TextStampStyle(stamp_text=text.replace("%", "%%"), text_box_style=TextBoxStyle(font=font, font_size=size),
                          background=background, background_opacity=0.9, border_width=1)


def sign_pdf(pdf_bytes: bytes, *, authorization: KeyUseAuthorization, signer_certificate, role: str,
             field_name: str, page: int = 0, box: tuple[int, int, int, int] = (360, 60, 560, 130),
             stamp_text: str | None = None, stamp_image: bytes | None = None, reason: str = "",
             location: str = "", actor=None) -> bytes:
    """Add one PAdES B-T signature with a visible stamp as an incremental update and return the new PDF.

    ``page`` counts from 0; ``box`` is (x1, y1, x2, y2) in PDF points from the bottom-left corner.
    Without ``stamp_text`` and ``stamp_image`` the stamp shows the role, the signer and the signing time
    in Chinese; with ``stamp_image`` only (a seal) the image alone is shown.
    """
    from .services import consume_authorization, ensure_platform_ca, record_signature, timestamp_of_last_signature

    _check_authorization(authorization, signer_certificate)
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
    signed_before = _signers_of.get(hashlib.sha256(pdf_bytes).hexdigest())
    if signed_before is None and not _has_signed_fields(writer.prev):
        signed_before = ()
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=signer_certificate.subject[:120],
    )
    signer = _signer_for(signer_certificate, platform, authorization.evidence_digest)
    timestamper = get_timestamper(platform)
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, timestamper=timestamper,
        stamp_style=_stamp_style(text=stamp_text, image=stamp_image),
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
        stamp_time, stamp_authority = timestamp_of_last_signature(signed, len(pdf_bytes)) or (None, "")
        record_signature(
            certificate=signer_certificate, role=role, field_name=field_name, evidence=authorization.evidence,
            evidence_digest=authorization.evidence_digest, input_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
            output_sha256=hashlib.sha256(signed).hexdigest(), signed_at=now, actor=actor,
            timestamp_time=stamp_time, timestamp_authority=stamp_authority,
        )
    if signed_before is not None:  # otherwise signatures made elsewhere: complete_document reads the file
        _remember_signers(signed, (*signed_before, bytes(signer_certificate.der)))
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


# sha256 of a PDF signed in this process -> DER of every signer certificate in it (for complete_document).
_signers_of: dict[str, tuple[bytes, ...]] = {}
SIGNERS_MEMORY = 512


_signers_lock = threading.Lock()


def _remember_signers(signed: bytes, signer_ders: tuple[bytes, ...]) -> None:
    with _signers_lock:
        if len(_signers_of) >= SIGNERS_MEMORY:
            _signers_of.pop(next(iter(_signers_of)))
        _signers_of[hashlib.sha256(signed).hexdigest()] = signer_ders


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
    certs = [_asn1_cert(c) for c in (platform.root_cert, platform.issuing_cert, platform.tsa_cert)]
    known = _signers_of.get(hashlib.sha256(pdf_bytes).hexdigest())
    if known is not None:
        signer_certs = [parsed_certificate(der) for der in dict.fromkeys(known)]
    else:
        signer_certs = _signer_certificates(writer.prev)
    certs.extend(cert for cert in signer_certs if cert not in certs)
    crls = current_crls(platform)
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
