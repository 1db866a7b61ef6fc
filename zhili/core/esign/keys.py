"""Private keys sealed at rest under the key-encryption key (``ZHILI_ESIGN_KEK``) and keyed pseudonyms.

A key is stored as ``v1:<base64(nonce|AES-256-GCM(PKCS#8 DER))>`` with the certificate's serial number as
associated data, so a sealed key cannot be moved to another certificate row without failing to open.

Opened keys are kept in a per-process LRU cache (``KEY_CACHE_SIZE`` keys, keyed by the sealed token, the
serial number and the KEK). Security trade-off, chosen deliberately: a key stays decrypted in this process's
memory after its first use instead of being decrypted and dropped on every signature. Whoever can read this
process's memory can also read the KEK it holds in ``settings.ESIGN_KEK``, so the cache exposes nothing that
was not already exposed; it does not weaken the rule that a key is *used* only after ``authorize_key_use``
(that check sits in ``signing.sign_pdf`` in front of every use). ``forget_private_keys()`` empties it.
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
KEY_CACHE_SIZE = 256


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
    """Decrypt a key sealed by ``seal_private_key``; a wrong KEK or a moved key raises ``ValueError``.

    The opened key is cached for the life of the process (see the module docstring for the trade-off).
    """
    if token.startswith("pkcs11:"):  # held in the hardware security module: only a handle that signs there
        from .hsm import open_key

        return open_key(token)
    if not token.startswith(PREFIX):
        raise ValueError("私钥未以平台格式加密保存")
    return _open(token, serial_hex, settings.ESIGN_KEK)


@lru_cache(maxsize=KEY_CACHE_SIZE)
def _open(token: str, serial_hex: str, kek_b64: str):
    raw = base64.b64decode(token[len(PREFIX):])
    try:
        der = _derived(kek_b64)[0].decrypt(raw[:12], raw[12:], b"zhili-esign-key:" + serial_hex.encode("ascii"))
    except Exception as exc:  # cryptography raises InvalidTag without a message
        raise ValueError("私钥无法解密：密钥加密密钥（ZHILI_ESIGN_KEK）不符或密文被改动") from exc
    # The RSA consistency check (tens of milliseconds on one core) is skipped: the DER was written by
    # ``seal_private_key`` from a key made by ``cryptography`` and AES-GCM proves it is unchanged since then.
    return serialization.load_der_private_key(der, password=None, unsafe_skip_rsa_key_validation=True)


def forget_private_keys() -> None:
    """Drop every decrypted key from this process's cache (e.g. after rotating the KEK)."""
    _open.cache_clear()


def subject_pseudonym(value: str) -> str:
    """A stable pseudonym for a person (HMAC of the normalised ID number); reveals nothing without the KEK."""
    key = _current()[1]
    digest = hmac.new(key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
    return "ZL" + digest[:30].upper()


def authorization_mac(message: bytes) -> str:
    return hmac.new(_current()[2], message, hashlib.sha256).hexdigest()
