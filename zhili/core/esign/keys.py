"""Private keys sealed at rest under the key-encryption key (``ZHILI_ESIGN_KEK``) and keyed pseudonyms.

A key is stored as ``v1:<base64(nonce|AES-256-GCM(PKCS#8 DER))>`` with the certificate's serial number as
associated data, so a sealed key cannot be moved to another certificate row without failing to open.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1:"


@lru_cache(maxsize=4)
def _derived(kek_b64: str) -> tuple[AESGCM, bytes, bytes]:
    try:
        master = base64.b64decode(kek_b64, validate=True)
    except ValueError as exc:
        raise ImproperlyConfigured("ZHILI_ESIGN_KEK 必须是 base64 编码的 32 字节密钥") from exc
    if len(master) < 32:
        raise ImproperlyConfigured("ZHILI_ESIGN_KEK 必须至少 32 字节")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return (AESGCM(derive(b"zhili esign key encryption")), derive(b"zhili esign subject pseudonym"),
            derive(b"zhili esign key-use authorization"))


def _current():
    return _derived(settings.ESIGN_KEK)


def seal_private_key(private_key, *, serial_hex: str) -> str:
    """Encrypt ``private_key`` for storage beside the certificate numbered ``serial_hex``."""
    der = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    aead = _current()[0]
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, der, b"zhili-esign-key:" + serial_hex.encode("ascii"))
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def open_private_key(token: str, *, serial_hex: str):
    """Decrypt a key sealed by ``seal_private_key``; a wrong KEK or a moved key raises ``ValueError``."""
    if not token.startswith(PREFIX):
        raise ValueError("私钥未以平台格式加密保存")
    raw = base64.b64decode(token[len(PREFIX):])
    try:
        der = _current()[0].decrypt(raw[:12], raw[12:], b"zhili-esign-key:" + serial_hex.encode("ascii"))
    except Exception as exc:  # cryptography raises InvalidTag without a message
        raise ValueError("私钥无法解密：密钥加密密钥（ZHILI_ESIGN_KEK）不符或密文被改动") from exc
    return serialization.load_der_private_key(der, password=None)


def subject_pseudonym(value: str) -> str:
    """A stable pseudonym for a person (HMAC of the normalised ID number); reveals nothing without the KEK."""
    key = _current()[1]
    digest = hmac.new(key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
    return "ZL" + digest[:30].upper()


def authorization_mac(message: bytes) -> str:
    return hmac.new(_current()[2], message, hashlib.sha256).hexdigest()
