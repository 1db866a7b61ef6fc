"""Private keys held in a PKCS#11 module (a hardware security module; SoftHSM2 in tests).

With ``ESIGN_KEY_STORE = "pkcs11"`` the keys of the platform CA (root and issuing CA), of the TSA and of
organisation seals are generated inside the token as sensitive, non-extractable objects; a certificate row keeps only
their label (``pkcs11:<label>`` in ``encrypted_key``). Signing sends the data to the module and gets the signature
back (``HsmKey.sign``): no private key ever reaches this process, let alone a signing call. Person certificates keep
database-sealed keys (``keys``), and ``"database"`` stays the embedded default for everything.

``ESIGN_PKCS11`` names the module (``module``: the PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so, or a
vendor's 加密机 client library), the token (``token_label``) and its user PIN (``pin``, from the environment).

cryptography builds certificates and CRLs only with a key it holds, so ``resign`` replaces the signature of a
structure signed with a throwaway key of the same algorithm by the token's signature over the same TBS bytes.
"""

import threading
import uuid
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "pkcs11:"
KEY_BITS = 2048
_MECHANISMS = {"sha256": "SHA256_RSA_PKCS", "sha384": "SHA384_RSA_PKCS", "sha512": "SHA512_RSA_PKCS"}
_lock = threading.RLock()  # one session per process; PKCS#11 sessions are not for concurrent use


def enabled() -> bool:
    return getattr(settings, "ESIGN_KEY_STORE", "database") == "pkcs11"


def _config() -> tuple[str, str, str]:
    config = getattr(settings, "ESIGN_PKCS11", {}) or {}
    module, token, pin = config.get("module", ""), config.get("token_label", ""), config.get("pin", "")
    if not (module and token and pin):
        raise ImproperlyConfigured("ESIGN_KEY_STORE=pkcs11 需要 ZHILI_ESIGN_PKCS11_MODULE、_TOKEN 和 _PIN")
    return module, token, pin


_sessions: dict[tuple[str, str, str], object] = {}


def session():
    """This process's session with the configured token, logged in with the user PIN (opened on first use)."""
    config = _config()
    with _lock:
        opened = _sessions.get(config)
        if opened is None:
            import pkcs11

            module, token_label, pin = config
            opened = _sessions[config] = pkcs11.lib(module).get_token(token_label=token_label).open(
                rw=True, user_pin=pin)
        return opened


def forget_sessions() -> None:
    """Close this process's sessions and forget the public keys read (tests that make a new token call this)."""
    with _lock:
        for opened in _sessions.values():
            opened.close()
        _sessions.clear()
        _public_key.cache_clear()


def generate_key() -> "HsmKey":
    """A new RSA key pair in the token: the private half sensitive, non-extractable, for signing only."""
    from pkcs11 import Attribute, KeyType

    label = uuid.uuid4().hex
    with _lock:
        session().generate_keypair(
            KeyType.RSA, KEY_BITS, label=label, store=True,
            private_template={Attribute.SENSITIVE: True, Attribute.EXTRACTABLE: False, Attribute.SIGN: True,
                              Attribute.TOKEN: True, Attribute.PRIVATE: True},
            public_template={Attribute.VERIFY: True, Attribute.TOKEN: True})
    return HsmKey(label)


class HsmKey:
    """A private key in the token, found by its label; it signs through the module and cannot be exported."""

    def __init__(self, label: str):
        self.label = label

    @property
    def reference(self) -> str:
        return PREFIX + self.label

    @property
    def key_size(self) -> int:
        return self.public_key().key_size

    def _object(self, object_class):
        return session().get_key(object_class=object_class, label=self.label)

    def public_key(self) -> rsa.RSAPublicKey:
        return _public_key(self.label)

    def sign(self, data: bytes, padding_: padding.AsymmetricPadding, algorithm: hashes.HashAlgorithm) -> bytes:
        """An RSASSA-PKCS1-v1_5 signature over ``data`` (hashed by the module), as cryptography's ``sign`` returns."""
        from pkcs11 import Mechanism, ObjectClass

        if not isinstance(padding_, padding.PKCS1v15) or algorithm.name not in _MECHANISMS:
            raise ValueError(f"PKCS#11 key {self.label}: only PKCS#1 v1.5 with SHA-2 is used, not {algorithm.name}")
        with _lock:
            return self._object(ObjectClass.PRIVATE_KEY).sign(data, mechanism=getattr(Mechanism,
                                                                                     _MECHANISMS[algorithm.name]))

    def private_bytes(self, *args, **kwargs):
        raise TypeError("私钥保存在硬件安全模块中，不能导出")


@lru_cache(maxsize=64)
def _public_key(label: str) -> rsa.RSAPublicKey:
    from pkcs11 import Attribute, ObjectClass

    with _lock:
        public = session().get_key(object_class=ObjectClass.PUBLIC_KEY, label=label)
        modulus, exponent = public[Attribute.MODULUS], public[Attribute.PUBLIC_EXPONENT]
    return rsa.RSAPublicNumbers(int.from_bytes(exponent, "big"), int.from_bytes(modulus, "big")).public_key()


def open_key(reference: str) -> HsmKey:
    if not reference.startswith(PREFIX):
        raise ValueError("不是硬件安全模块中的密钥")
    return HsmKey(reference[len(PREFIX):])


@lru_cache(maxsize=1)
def _throwaway() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)


def throwaway_key() -> rsa.RSAPrivateKey:
    """A key of the same algorithm whose signature ``resign`` replaces (it signs nothing that is kept)."""
    return _throwaway()


def resign(der: bytes, key: HsmKey, *, kind: str) -> bytes:
    """The certificate (``kind="certificate"``) or CRL (``"crl"``) ``der`` with its signature made again by ``key``
    over the same TBS bytes (the algorithm identifier, sha256WithRSAEncryption, stays as it is)."""
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509

    if kind == "certificate":
        structure = asn1_x509.Certificate.load(der)
        tbs, field = structure["tbs_certificate"].dump(), "signature_value"
    else:
        structure = asn1_crl.CertificateList.load(der)
        tbs, field = structure["tbs_cert_list"].dump(), "signature"
    structure[field] = key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    return structure.dump(force=False)
