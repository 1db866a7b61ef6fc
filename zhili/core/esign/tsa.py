"""The platform's RFC 3161 time-stamp authority, its HTTP view, and the time-stampers signing uses.

``PlatformResponder`` turns a ``TimeStampReq`` into a ``TimeStampResp`` whose token is a CMS SignedData
signed by the TSA certificate (EKU timeStamping, critical). Signing uses the responder in-process, or an
external TSA when ``ESIGN_TSA_URL`` is set. If no token can be had, ``TimestampUnavailable`` is raised and
nothing is signed: a signature without its trusted timestamp is never produced (guideline R9).

The responder and the time-stampers are built once per process and TSA certificate (or URL) and reused:
the TSA key is opened once, the signing-certificate attribute is computed once, and pyHanko's size-estimate
("dummy") token is requested once per time-stamper instead of once per signature.
"""

import asyncio
import datetime as dt
import hashlib
import logging
import threading
import uuid

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from django.conf import settings
from pyhanko.sign.general import as_signing_certificate_v2, simple_cms_attribute
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from .der import der_integer, der_set_of, tlv
from .signers import subject_name

logger = logging.getLogger(__name__)

# The platform TSA's policy: an OID under the UUID arc 2.25 (ITU-T X.667), which needs no registration.
TSA_POLICY_OID = "2.25.203853364187284327296128305049812453725"
ACCEPTED_DIGESTS = frozenset({"sha256", "sha384", "sha512"})
ACCURACY_SECONDS = 1
EXTERNAL_TIMEOUT_SECONDS = 10
MAX_REQUEST_BYTES = 4096


class TimestampUnavailable(Exception):
    """No trusted timestamp could be obtained; the caller must not produce a signature."""

    def __init__(self, detail: str = ""):
        message = "无法取得可信时间戳，签署已中止，未生成任何签名"
        super().__init__(f"{message}：{detail}" if detail else message)


def _as_asn1(certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


class PlatformResponder:
    """Answer RFC 3161 requests with tokens signed by the platform TSA key.

    Everything that is the same in every token (the TSA name, the signing-certificate attribute, the
    certificates, the algorithm identifiers) is encoded to DER once, here; a token is then assembled from
    those bytes and the few fields that change (imprint, serial, time, nonce, digest, signature), which
    is an order of magnitude faster than building it through asn1crypto's object model.
    """

    def __init__(self, platform):
        self.tsa_cert = _as_asn1(platform.tsa_cert)
        self.chain = [_as_asn1(platform.issuing_cert)]
        self._key = platform.key_of(platform.tsa)
        self._signing_certificate = as_signing_certificate_v2(self.tsa_cert)
        self._tsa_name = asn1_x509.GeneralName(name="directory_name", value=self.tsa_cert.subject)
        self._der_tsa_field = tlv(0xA0, self._tsa_name.dump())  # TSTInfo.tsa: [0] EXPLICIT GeneralName
        self._der_policy = core.ObjectIdentifier(TSA_POLICY_OID).dump()
        self._der_accuracy = tlv(0x30, der_integer(ACCURACY_SECONDS))
        self._der_attr_content_type = simple_cms_attribute("content_type", "tst_info").dump()
        self._der_attr_signing_certificate = simple_cms_attribute(
            "signing_certificate_v2", self._signing_certificate).dump()
        self._der_sha256 = algos.DigestAlgorithm({"algorithm": "sha256"}).dump()
        self._der_sha256_rsa = algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}).dump()
        self._der_sid = cms.IssuerAndSerialNumber({
            "issuer": self.tsa_cert.issuer, "serial_number": self.tsa_cert.serial_number}).dump()
        self._der_certificates = tlv(0xA0, b"".join(cert.dump() for cert in (self.tsa_cert, *self.chain)))
        self._der_oid_signed_data = core.ObjectIdentifier("1.2.840.113549.1.7.2").dump()
        self._der_oid_tst_info = core.ObjectIdentifier("1.2.840.113549.1.9.16.1.4").dump()
        self._der_oid_signing_time = core.ObjectIdentifier("1.2.840.113549.1.9.5").dump()
        self._der_oid_message_digest = core.ObjectIdentifier("1.2.840.113549.1.9.4").dump()

    def respond_der(self, body: bytes) -> bytes:
        """Parse a DER ``TimeStampReq`` and return a DER ``TimeStampResp`` (a rejection if it is malformed)."""
        try:
            request = tsp.TimeStampReq.load(body)
            request.native  # noqa: B018 - forces a full parse so that garbage is rejected here
        except (ValueError, TypeError):
            return _rejection("bad_data_format", "请求不是合法的 RFC 3161 TimeStampReq").dump()
        return self.respond(request).dump()

    def respond(self, request: tsp.TimeStampReq, *, now: dt.datetime | None = None) -> tsp.TimeStampResp:
        imprint = request["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        if algorithm not in ACCEPTED_DIGESTS:
            return _rejection("bad_alg", "不支持的摘要算法（允许 SHA-256/384/512）")
        if len(imprint["hashed_message"].native) != hashlib.new(algorithm).digest_size:
            return _rejection("bad_data_format", "摘要长度与摘要算法不符")
        requested_policy = request["req_policy"].native
        if requested_policy is not None and requested_policy != TSA_POLICY_OID:
            return _rejection("unaccepted_policy", "不支持所请求的时间戳策略")
        now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        nonce = request["nonce"]
        tst_info = tlv(0x30, b"".join([
            der_integer(1),  # version v1
            self._der_policy,
            imprint.dump(),
            der_integer(uuid.uuid4().int >> 1),
            tlv(0x18, now.strftime("%Y%m%d%H%M%SZ").encode("ascii")),  # genTime, GeneralizedTime
            self._der_accuracy,
            nonce.dump() if nonce.native is not None else b"",
            self._der_tsa_field,
        ]))
        token = self._sign(tst_info, now, include_certs=bool(request["cert_req"].native))
        response = tlv(0x30, tlv(0x30, der_integer(0)) + token)  # status granted, then the token
        return tsp.TimeStampResp.load(response)

    def _sign(self, tst_info: bytes, now: dt.datetime, *, include_certs: bool) -> bytes:
        """The DER ``ContentInfo`` (SignedData) over ``tst_info``, signed with the TSA key."""
        signing_time = tlv(0x17, now.astimezone(dt.UTC).strftime("%y%m%d%H%M%SZ").encode("ascii"))  # UTCTime
        attributes = [
            self._der_attr_content_type,
            tlv(0x30, self._der_oid_signing_time + tlv(0x31, signing_time)),
            self._der_attr_signing_certificate,
            tlv(0x30, self._der_oid_message_digest + tlv(0x31, tlv(0x04, hashlib.sha256(tst_info).digest()))),
        ]
        signed_attrs = der_set_of(attributes)  # signed as a SET OF, embedded as [0] IMPLICIT
        signature = self._key.sign(signed_attrs, PKCS1v15(), hashes.SHA256())
        signer_info = tlv(0x30, b"".join([
            der_integer(1), self._der_sid, self._der_sha256, b"\xa0" + signed_attrs[1:], self._der_sha256_rsa,
            tlv(0x04, signature),
        ]))
        signed_data = tlv(0x30, b"".join([
            der_integer(3),
            tlv(0x31, self._der_sha256),
            tlv(0x30, self._der_oid_tst_info + tlv(0xA0, tlv(0x04, tst_info))),
            self._der_certificates if include_certs else b"",
            tlv(0x31, signer_info),
        ]))
        return tlv(0x30, self._der_oid_signed_data + tlv(0xA0, signed_data))


class RejectionResp(core.Sequence):
    """A ``TimeStampResp`` without a token (asn1crypto's own class insists on one)."""

    _fields = [("status", tsp.PKIStatusInfo)]


def _rejection(failure: str, text: str) -> RejectionResp:
    return RejectionResp({"status": {
        "status": "rejection", "status_string": [text], "fail_info": tsp.PKIFailureInfo({failure}),
    }})


class PlatformTimeStamper(TimeStamper):
    """A pyHanko time-stamper that calls the platform responder directly (no HTTP to ourselves)."""

    def __init__(self, responder: PlatformResponder):
        super().__init__()
        self.responder = responder

    def request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return self.responder.respond(req)

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return self.responder.respond(req)


class ExternalTimeStamper(RequestsHTTPTimeStamper):
    """An external RFC 3161 TSA over HTTP; any failure becomes ``TimestampUnavailable``."""

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        try:
            response = await super().async_request_tsa_response(req)
        except (TimestampRequestError, OSError) as exc:
            raise TimestampUnavailable(f"外部时间戳服务 {self.url} 无法访问或应答无效") from exc
        if response["status"]["status"].native not in ("granted", "granted_with_mods"):
            raise TimestampUnavailable(f"外部时间戳服务 {self.url} 拒绝了请求")
        return response

    async def async_timestamp(self, message_digest, md_algorithm) -> cms.ContentInfo:
        try:
            return await super().async_timestamp(message_digest, md_algorithm)
        except TimestampUnavailable:
            raise
        except Exception as exc:
            raise TimestampUnavailable(f"外部时间戳服务 {self.url} 的应答无法使用") from exc


_stampers: dict[str, TimeStamper] = {}
_stampers_lock = threading.Lock()


def _cached(key: str, build) -> TimeStamper:
    stamper = _stampers.get(key)
    if stamper is None:
        with _stampers_lock:
            stamper = _stampers.get(key)
            if stamper is None:
                if len(_stampers) >= 8:  # a rotated TSA certificate or a changed URL: drop the old ones
                    _stampers.clear()
                stamper = _stampers[key] = build()
    return stamper


def _platform_stamper(platform=None) -> "PlatformTimeStamper":
    if platform is None:
        from .services import ensure_platform_ca

        platform = ensure_platform_ca()
    return _cached(f"platform:{platform.tsa.fingerprint}", lambda: PlatformTimeStamper(PlatformResponder(platform)))


def responder(platform=None) -> PlatformResponder:
    """The platform's responder (one per process and TSA certificate)."""
    return _platform_stamper(platform).responder


def get_timestamper(platform=None) -> TimeStamper:
    """The time-stamper signing uses: the external TSA if ``ESIGN_TSA_URL`` is set, else the platform's.

    ``platform`` (a ``PlatformCA`` the caller already loaded) saves a query. The instance is shared.
    """
    url = getattr(settings, "ESIGN_TSA_URL", "")
    if url:
        return _cached(f"url:{url}", lambda: ExternalTimeStamper(url, timeout=EXTERNAL_TIMEOUT_SECONDS))
    return _platform_stamper(platform)


def timestamp(data: bytes) -> bytes:
    """A DER RFC 3161 token (CMS ContentInfo) over SHA-256 of ``data``."""
    stamper = get_timestamper()
    token = asyncio.run(stamper.async_timestamp(hashlib.sha256(data).digest(), "sha256"))
    return token.dump()


def timestamp_in_cms(der: bytes) -> tuple | None:
    """Return (time, TSA name) of the signature timestamp token inside a CMS signature, or None if none."""
    try:
        signed_data = cms.ContentInfo.load(der, strict=False)["content"]
        unsigned = signed_data["signer_infos"][0]["unsigned_attrs"]
        token = next((a["values"][0] for a in unsigned if a["type"].native == "signature_time_stamp_token"), None)
        if token is None:
            return None
        token_data = token["content"]
        tst_info = token_data["encap_content_info"]["content"].parsed
        signer_id = token_data["signer_infos"][0]["sid"].chosen
        authority = ""
        for candidate in token_data["certificates"]:
            certificate = candidate.chosen
            if isinstance(signer_id, cms.IssuerAndSerialNumber) and \
                    certificate.serial_number == signer_id["serial_number"].native:
                authority = subject_name(certificate.dump())
        return tst_info["gen_time"].native, authority
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        logger.info("no readable signature timestamp token", exc_info=True)
        return None
