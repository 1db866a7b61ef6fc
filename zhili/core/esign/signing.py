"""PAdES signing with pyHanko: key-use authorization, B-T signatures with visible stamps, B-LTA completion.

A signer's private key is opened only inside ``sign_pdf`` and only with a ``KeyUseAuthorization`` that
``authorize_key_use`` produced in the same flow from that signer's identity and intent evidence. The
SHA-256 of the canonical evidence JSON becomes a signed CMS attribute (``EVIDENCE_DIGEST_OID``), so the
signature vouches for the evidence stored in ``SignatureRecord``. Every signature carries an RFC 3161
timestamp (B-T); without one nothing is signed.
"""

import datetime as dt
import hashlib
import io
import json
import secrets
from dataclasses import dataclass, field

from asn1crypto import cms, core
from asn1crypto import crl as asn1_crl
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.sign import fields, signers
from pyhanko.sign.attributes import CMSAttributeProvider
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import ca, keys
from .choices import CertificateKind, SignerRole
from .tsa import TimestampUnavailable, get_timestamper

# Security parameters of the platform (not legal thresholds): how fresh intent must be, how long an
# authorization may wait before the key is used.
INTENT_MAX_AGE = dt.timedelta(minutes=15)
AUTHORIZATION_TTL = dt.timedelta(minutes=10)
EVIDENCE_DIGEST_OID = "2.25.320343623723973855760800777379904904507"
SEAL_ROLES = frozenset({"employer_admin", "seal_keeper"})

_consumed: set[str] = set()


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
    if authorization.nonce in _consumed:
        raise PermissionDenied("用钥授权已使用过，每次签署须重新确认意愿")
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


class EvidenceBoundSigner(signers.SimpleSigner):
    """A SimpleSigner that adds the evidence digest as a signed attribute."""

    def __init__(self, *args, evidence_digest: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.evidence_digest = evidence_digest

    def _signed_attr_providers(self, *args, **kwargs):
        yield from super()._signed_attr_providers(*args, **kwargs)
        yield _EvidenceDigestProvider(self.evidence_digest)


def _asn1_cert(certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _signer_for(signer_certificate, platform, evidence_digest: str) -> EvidenceBoundSigner:
    private_key = keys.open_private_key(signer_certificate.encrypted_key, serial_hex=signer_certificate.serial_number)
    key_info = asn1_keys.PrivateKeyInfo.load(private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return EvidenceBoundSigner(
        signing_cert=_asn1_cert(ca.load(signer_certificate)), signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(platform.issuing_cert)]),
        evidence_digest=evidence_digest,
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


def _stamp_style(*, text: str | None, image: bytes | None):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import StaticStampStyle, TextStampStyle

    from .fonts import stamp_font_path

    background = None
    if image:
        from PIL import Image

        try:
            background = PdfImage(Image.open(io.BytesIO(image)))
        except Exception as exc:
            raise ValidationError({"stamp_image": "签章图片无法读取（须为 PNG 或 JPEG 图片）"}) from exc
    if not text:
        return StaticStampStyle(background=background, border_width=0)
    size = 9
    font = GlyphAccumulatorFactory(str(stamp_font_path(text)), font_size=size)
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
    from .services import ensure_platform_ca, record_signature

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
    metadata = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=signer_certificate.subject[:120],
    )
    signer = _signer_for(signer_certificate, platform, authorization.evidence_digest)
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, timestamper=get_timestamper(),
        stamp_style=_stamp_style(text=stamp_text, image=stamp_image),
        new_field_spec=fields.SigFieldSpec(field_name, on_page=page, box=box),
    )
    output = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=output)
    except TimestampUnavailable:
        raise
    except Exception as exc:
        if isinstance(exc.__cause__, TimestampUnavailable) or isinstance(exc.__context__, TimestampUnavailable):
            raise TimestampUnavailable(str(exc.__cause__ or exc.__context__)) from exc
        raise
    signed = output.getvalue()
    _consumed.add(authorization.nonce)
    record_signature(
        certificate=signer_certificate, role=role, field_name=field_name, evidence=authorization.evidence,
        evidence_digest=authorization.evidence_digest, input_sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        output_sha256=hashlib.sha256(signed).hexdigest(), signed_at=now, actor=actor,
    )
    return signed


def platform_validation_context(platform=None, *, extra_roots=()) -> ValidationContext:
    """A validation context trusting the platform root, with its CRLs supplied (no network fetching)."""
    from .services import ensure_platform_ca

    platform = platform or ensure_platform_ca()
    crls = [asn1_crl.CertificateList.load(platform.crl(scope)) for scope in ("root", "issuing")]
    return ValidationContext(
        trust_roots=[_asn1_cert(platform.root_cert), *extra_roots],
        other_certs=[_asn1_cert(platform.issuing_cert), _asn1_cert(platform.tsa_cert)],
        crls=crls, allow_fetching=False, revocation_mode="soft-fail",
    )


def complete_document(pdf_bytes: bytes) -> bytes:
    """Bring a signed PDF to PAdES B-LTA: put the platform chain and CRLs into the DSS, then a document timestamp."""
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    from .services import ensure_platform_ca

    platform = ensure_platform_ca()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    certs = [_asn1_cert(c) for c in (platform.root_cert, platform.issuing_cert, platform.tsa_cert)]
    for row in _signer_certificates(writer.prev):
        certs.append(row)
    crls = [asn1_crl.CertificateList.load(platform.crl(scope)) for scope in ("root", "issuing")]
    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=certs, crls=crls)
    output = io.BytesIO()
    timestamper = get_timestamper()
    signers.PdfTimeStamper(timestamper).timestamp_pdf(
        writer, "sha256", validation_context=platform_validation_context(platform), output=output,
    )
    return output.getvalue()


def _signer_certificates(reader) -> list[asn1_x509.Certificate]:
    found = []
    for signature in reader.embedded_signatures:
        cert = signature.signer_cert
        if cert is not None and cert not in found:
            found.append(cert)
    return found
