"""Signer certificates from an external, licensed CA over EST (Enrollment over Secure Transport, RFC 7030).

The platform CA stays the default (``ESIGN_CA = "platform"``). With ``ESIGN_CA = "est"`` a person's or an
organisation's certificate is requested from the CA at ``ESIGN_EST["url"]`` (e.g. a provincial CA such as 浙江CA
running an EST front end): the key pair is made here and never leaves the platform; only a PKCS#10 request goes out.

What the client speaks (RFC 7030 §4):

- ``GET  {url}/cacerts`` → ``application/pkcs7-mime``, base64 of a certs-only CMS SignedData: the CA's chain (§4.1).
- ``POST {url}/simpleenroll`` with ``application/pkcs10``, the base64 DER of the CSR → the same certs-only
  format holding the issued certificate (§4.2); 202 with ``Retry-After`` means the CA holds it for manual approval.

The client authenticates with HTTP Basic (§3.2.3) over TLS; ``ESIGN_EST["ca_bundle"]`` names the file of roots that
the CA's TLS certificate must chain to. Every answer is checked before use: the issued certificate must carry the
CSR's public key and subject and chain to a certificate from ``cacerts``.
"""

import base64
from dataclasses import dataclass

import requests
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.conf import settings


class EnrollmentError(Exception):
    """The external CA refused, could not be reached, or answered something that is not the certificate asked for."""


def _certificates_only(body: bytes) -> list[x509.Certificate]:
    """The certificates of a base64 (or DER) certs-only CMS SignedData (RFC 7030 §4.1.3, §4.2.3)."""
    text = body.strip()
    try:
        der = base64.b64decode(b"".join(text.split()), validate=True) if not text.startswith(b"\x30") else text
        signed_data = cms.ContentInfo.load(der)["content"]
        return [x509.load_der_x509_certificate(item.chosen.dump()) for item in signed_data["certificates"]
                if item.name == "certificate"]
    except (ValueError, TypeError, KeyError) as exc:
        raise EnrollmentError("外部 CA 的应答不是 RFC 7030 规定的 certs-only PKCS#7 格式") from exc


@dataclass
class EstClient:
    """One EST server: ``url`` is its base (``https://ca.example/.well-known/est`` or with a CA label)."""

    url: str
    username: str = ""
    password: str = ""
    ca_bundle: str | bool = True
    timeout: float = 20.0

    @classmethod
    def from_settings(cls) -> "EstClient":
        config = getattr(settings, "ESIGN_EST", {}) or {}
        if not config.get("url"):
            raise EnrollmentError("未配置外部 CA（ZHILI_ESIGN_EST_URL）")
        return cls(url=config["url"].rstrip("/"), username=config.get("username", ""),
                   password=config.get("password", ""), ca_bundle=config.get("ca_bundle") or True)

    def _request(self, method: str, path: str, **kwargs) -> requests.Response:
        auth = (self.username, self.password) if self.username else None
        try:
            return requests.request(method, f"{self.url}/{path}", auth=auth, verify=self.ca_bundle,
                                    timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise EnrollmentError(f"外部 CA 无法访问：{exc}") from exc

    def ca_certificates(self) -> list[x509.Certificate]:
        """The CA's current certificates (``/cacerts``)."""
        response = self._request("GET", "cacerts")
        if response.status_code != 200:
            raise EnrollmentError(f"外部 CA 拒绝提供 CA 证书（HTTP {response.status_code}）")
        certificates = _certificates_only(response.content)
        if not certificates:
            raise EnrollmentError("外部 CA 的 /cacerts 应答中没有证书")
        return certificates

    def enroll(self, csr: x509.CertificateSigningRequest) -> tuple[x509.Certificate, list[x509.Certificate]]:
        """Send the CSR (``/simpleenroll``); return the issued certificate and the CA chain it was checked against."""
        chain = self.ca_certificates()
        body = base64.encodebytes(csr.public_bytes(serialization.Encoding.DER))
        response = self._request("POST", "simpleenroll", data=body,
                                 headers={"Content-Type": "application/pkcs10",
                                          "Content-Transfer-Encoding": "base64"})
        if response.status_code == 202:
            raise EnrollmentError("外部 CA 已受理申请，正在人工审核（稍后重试）")
        if response.status_code == 401:
            raise EnrollmentError("外部 CA 拒绝了平台的身份认证（用户名或密码不符）")
        if response.status_code != 200:
            raise EnrollmentError(f"外部 CA 拒绝签发证书（HTTP {response.status_code}）：{response.text[:200]}")
        issued = _certificates_only(response.content)
        if len(issued) != 1:
            raise EnrollmentError("外部 CA 的签发应答应恰好包含一张证书")
        certificate = issued[0]
        _check_issued(certificate, csr, chain)
        return certificate, chain


def _check_issued(certificate: x509.Certificate, csr: x509.CertificateSigningRequest,
                  chain: list[x509.Certificate]) -> None:
    def spki(key) -> bytes:
        return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    if spki(certificate.public_key()) != spki(csr.public_key()):
        raise EnrollmentError("外部 CA 签发的证书公钥与申请不符")
    if certificate.subject != csr.subject:
        raise EnrollmentError("外部 CA 签发的证书主题与申请不符")
    issuer = next((ca for ca in chain if ca.subject == certificate.issuer), None)
    if issuer is None:
        raise EnrollmentError("外部 CA 签发的证书不由其 /cacerts 中的 CA 签发")
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, Exception) as exc:  # cryptography raises InvalidSignature
        raise EnrollmentError("外部 CA 签发的证书签名无法用其 CA 证书验证") from exc


def certificate_request(subject: x509.Name, private_key) -> x509.CertificateSigningRequest:
    """A PKCS#10 request for ``subject``, signed with the new key (proof of possession), also with a key held in a
    PKCS#11 module (``hsm.HsmKey``: the request is assembled here and signed there)."""
    from .hsm import HsmKey

    if not isinstance(private_key, HsmKey):
        return x509.CertificateSigningRequestBuilder().subject_name(subject).sign(private_key, hashes.SHA256())
    from asn1crypto import algos, keys
    from asn1crypto import csr as asn1_csr
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15

    info = asn1_csr.CertificationRequestInfo({
        "version": "v1", "subject": asn1_x509.Name.load(subject.public_bytes()),
        "subject_pk_info": keys.PublicKeyInfo.load(private_key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)),
        "attributes": []})
    request = asn1_csr.CertificationRequest({
        "certification_request_info": info,
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}),
        "signature": private_key.sign(info.dump(), PKCS1v15(), hashes.SHA256())})
    return x509.load_der_x509_csr(request.dump())
