"""The checkpoint signing key: ``LEDGER_SIGNING_KEY`` (base64 Ed25519 seed); in development, derived from SECRET_KEY."""

import base64
import binascii

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import note

HKDF_SALT = b"zhili.core.ledger"
HKDF_INFO = b"checkpoint signing key, Ed25519, v1"


def origin() -> str:
    """Return the log's origin line, which is also the signing key's name."""
    return getattr(settings, "LEDGER_ORIGIN", "") or "zhili.local/ledger"


def signing_key() -> Ed25519PrivateKey:
    """Return the Ed25519 key that signs checkpoints, read from settings at call time."""
    configured = getattr(settings, "LEDGER_SIGNING_KEY", "")
    if configured:
        try:
            seed = base64.b64decode(configured, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured("ZHILI_LEDGER_SIGNING_KEY 必须是 32 字节种子的 Base64 编码") from exc
        if len(seed) != 32:
            raise ImproperlyConfigured("ZHILI_LEDGER_SIGNING_KEY 必须是 32 字节种子的 Base64 编码")
    else:  # development and tests only: production refuses to start without the setting (settings.py)
        seed = derived_seed()
    return Ed25519PrivateKey.from_private_bytes(seed)


def derived_seed() -> bytes:
    """The seed earlier versions derived from SECRET_KEY (HKDF-SHA256), for deployments moving to the setting."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO)
    return hkdf.derive(settings.SECRET_KEY.encode())


def verifier_key() -> str:
    """Return the published verifier key (``name+hash+base64``) outside verifiers check notes with."""
    return note.verifier_key(origin(), signing_key().public_key())
