"""The platform's RFC 3161 time-stamp authority, its HTTP view, and the time-stampers signing uses.

``PlatformResponder`` turns a ``TimeStampReq`` into a ``TimeStampResp`` whose token is a CMS SignedData
signed by the TSA certificate (EKU timeStamping, critical). Signing uses the responder in-process, or an
external TSA when ``ESIGN_TSA_URL`` is set. If no token can be had, ``TimestampUnavailable`` is raised and
nothing is signed: a signature without its trusted timestamp is never produced (guideline R9).
"""

import asyncio
import datetime as dt
import hashlib
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
    """Answer RFC 3161 requests with tokens signed by the platform TSA key."""

    def __init__(self, platform):
        self.tsa_cert = _as_asn1(platform.tsa_cert)
        self.chain = [_as_asn1(platform.issuing_cert)]
        self._key = platform.key_of(platform.tsa)

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
        info = {
            "version": "v1",
            "policy": TSA_POLICY_OID,
            "message_imprint": imprint,
            "serial_number": uuid.uuid4().int >> 1,
            "gen_time": now,
            "accuracy": {"seconds": ACCURACY_SECONDS},
            "tsa": asn1_x509.GeneralName(name="directory_name", value=self.tsa_cert.subject),
        }
        if request["nonce"].native is not None:
            info["nonce"] = request["nonce"]
        tst_info = tsp.TSTInfo(info).dump()
        token = self._sign(tst_info, now, include_certs=bool(request["cert_req"].native))
        return tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})

    def _sign(self, tst_info: bytes, now: dt.datetime, *, include_certs: bool) -> cms.ContentInfo:
        signed_attrs = cms.CMSAttributes([
            simple_cms_attribute("content_type", "tst_info"),
            simple_cms_attribute("signing_time", cms.Time({"utc_time": core.UTCTime(now)})),
            simple_cms_attribute("signing_certificate_v2", as_signing_certificate_v2(self.tsa_cert)),
            simple_cms_attribute("message_digest", hashlib.sha256(tst_info).digest()),
        ])
        signature = self._key.sign(signed_attrs.dump(), PKCS1v15(), hashes.SHA256())
        digest_algorithm = algos.DigestAlgorithm({"algorithm": "sha256"})
        signer_info = cms.SignerInfo({
            "version": "v1",
            "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber({
                "issuer": self.tsa_cert.issuer, "serial_number": self.tsa_cert.serial_number})}),
            "digest_algorithm": digest_algorithm,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
            "signed_attrs": signed_attrs,
            "signature": signature,
        })
        signed_data = {
            "version": "v3",
            "digest_algorithms": cms.DigestAlgorithms([digest_algorithm]),
            "encap_content_info": {"content_type": "tst_info", "content": cms.ParsableOctetString(tst_info)},
            "signer_infos": [signer_info],
        }
        if include_certs:
            signed_data["certificates"] = [self.tsa_cert, *self.chain]
        return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(signed_data)})


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


def responder() -> PlatformResponder:
    from .services import ensure_platform_ca

    return PlatformResponder(ensure_platform_ca())


def get_timestamper() -> TimeStamper:
    """The time-stamper signing uses: the external TSA if ``ESIGN_TSA_URL`` is set, else the platform's."""
    url = getattr(settings, "ESIGN_TSA_URL", "")
    if url:
        return ExternalTimeStamper(url, timeout=EXTERNAL_TIMEOUT_SECONDS)
    return PlatformTimeStamper(responder())


def timestamp(data: bytes) -> bytes:
    """A DER RFC 3161 token (CMS ContentInfo) over SHA-256 of ``data``."""
    stamper = get_timestamper()
    token = asyncio.run(stamper.async_timestamp(hashlib.sha256(data).digest(), "sha256"))
    return token.dump()
