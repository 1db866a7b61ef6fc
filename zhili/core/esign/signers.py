"""The signer of a PAdES signature: a certificate, its key, and the evidence digest it signs with.

What does not change between signatures of one certificate is built once per process (``_signer_material``, an
LRU keyed by serial number and sealed key; see ``keys`` for the trade-off of keeping keys decrypted in memory):
the parsed certificate, the opened key, the issuing-CA registry and the signing-certificate attribute, which is
assembled from the certificate's bytes (``signing_certificate_v2_attribute``).
"""

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from asn1crypto import cms, core
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers
from pyhanko.sign.attributes import CMSAttributeProvider
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import keys

EVIDENCE_DIGEST_OID = "2.25.320343623723973855760800777379904904507"
SIGNER_CACHE_SIZE = 256


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
        from .hsm import HsmKey

        if isinstance(self._private_key, RSAPrivateKey | HsmKey) and algorithm == "rsassa_pkcs1v15":
            # A key in a PKCS#11 module signs there: this process only ever holds its handle.
            return self._private_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if isinstance(self._private_key, HsmKey):
            raise ValueError(f"硬件安全模块中的密钥只用于 RSA PKCS#1 v1.5 签名（不是 {algorithm}）")
        return super().sign_raw(data, digest_algorithm)


@lru_cache(maxsize=64)
def parsed_certificate(der: bytes) -> asn1_x509.Certificate:
    """A certificate parsed once per process (the platform's, the signers', trust roots given as bytes) and
    completely, before it is shared between threads: asn1crypto parses lazily and keeps what it parsed."""
    certificate = asn1_x509.Certificate.load(der)
    certificate.native  # noqa: B018 - parse once here, not in every signature that embeds it
    return certificate


def asn1_certificate(certificate) -> asn1_x509.Certificate:
    return parsed_certificate(certificate.public_bytes(serialization.Encoding.DER))


@dataclass(frozen=True)
class _SignerMaterial:
    certificate: asn1_x509.Certificate
    key_info: asn1_keys.PrivateKeyInfo
    private_key: object
    registry: SimpleCertificateStore
    signing_certificate_attribute: bytes


@lru_cache(maxsize=SIGNER_CACHE_SIZE)
def _signer_material(serial_number: str, encrypted_key: str, der: bytes, chain: tuple[bytes, ...]) -> _SignerMaterial:
    """Everything about one signer certificate that does not change between signatures, built once.

    Keyed by serial number and the sealed key (a re-sealed key is a new entry); the whole entry lives only
    in this process. ``sign_pdf`` still checks the key-use authorization before every use.
    """
    from .hsm import HsmKey

    private_key = keys.open_private_key(encrypted_key, serial_hex=serial_number)
    key_info = None if isinstance(private_key, HsmKey) else asn1_keys.PrivateKeyInfo.load(private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    certificate = parsed_certificate(der)
    return _SignerMaterial(
        certificate=certificate, key_info=key_info, private_key=private_key,
        registry=SimpleCertificateStore.from_certs([parsed_certificate(item) for item in chain]),
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
    from .der import tlv as _tlv

    tbs = certificate["tbs_certificate"]
    issuer_serial = _tlv(0x30, _tlv(0x30, _tlv(0xA4, tbs["issuer"].dump())) + tbs["serial_number"].dump())
    ess_cert_id = _tlv(0x30, _tlv(0x04, hashlib.sha256(certificate.dump()).digest()) + issuer_serial)
    return _tlv(0x30, _SIGNING_CERTIFICATE_V2_OID + _tlv(0x31, _tlv(0x30, _tlv(0x30, ess_cert_id))))


def issuer_chain(signer_certificate, platform) -> tuple[bytes, ...]:
    """The DER of the CA certificates above a signer certificate: the platform's issuing CA, or the chain an external
    CA gave with it (``Certificate.issuer_chain_pem``)."""
    if signer_certificate.issuer_chain_pem:
        return _chain_from_pem(signer_certificate.issuer_chain_pem)
    return (bytes(platform.issuing.der),)


@lru_cache(maxsize=64)
def _chain_from_pem(pem: str) -> tuple[bytes, ...]:
    from cryptography import x509

    return tuple(cert.public_bytes(serialization.Encoding.DER) for cert in x509.load_pem_x509_certificates(pem.encode()))


def signer_for(signer_certificate, platform, evidence_digest: str) -> EvidenceBoundSigner:
    material = _signer_material(signer_certificate.serial_number, signer_certificate.encrypted_key,
                                bytes(signer_certificate.der), issuer_chain(signer_certificate, platform))
    return EvidenceBoundSigner(
        signing_cert=material.certificate, signing_key=material.key_info, cert_registry=material.registry,
        evidence_digest=evidence_digest, private_key=material.private_key,
        signing_certificate_attribute=material.signing_certificate_attribute,
    )


@lru_cache(maxsize=256)
def subject_name(der: bytes) -> str:
    """A certificate's subject as RFC 4514 text (serialNumber named so), once per distinct certificate."""
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    subject = x509.load_der_x509_certificate(der).subject
    return subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"})
