"""Personal data encrypted at rest, with a blind index for equality look-up and masked display.

Values are sealed with AES-256-GCM under a key derived from ``ZHILI_PII_KEY``; the blind index is an
HMAC-SHA256 under a second derived key, so equal values can be found without decrypting anything and
the index reveals nothing without the key. Stored form: ``v1:<base64(nonce|ciphertext)>``.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "v1:"


@lru_cache(maxsize=4)
def _keys(master_b64: str) -> tuple[AESGCM, bytes]:
    try:
        master = base64.b64decode(master_b64, validate=True)
    except ValueError as exc:
        raise ValueError("ZHILI_PII_KEY 必须是 base64 编码的 32 字节密钥") from exc
    if len(master) < 32:
        raise ValueError("ZHILI_PII_KEY 必须至少 32 字节")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return AESGCM(derive(b"zhili pii encryption")), derive(b"zhili pii blind index")


def _current_keys() -> tuple[AESGCM, bytes]:
    return _keys(settings.PII_KEY)


def normalise(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def encrypt(value: str) -> str:
    aead, _ = _current_keys()
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, value.encode("utf-8"), b"zhili-pii")
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(token: str) -> str:
    if not token.startswith(PREFIX):
        raise ValueError("不是加密的个人信息")
    raw = base64.b64decode(token[len(PREFIX):])
    aead, _ = _current_keys()
    return aead.decrypt(raw[:12], raw[12:], b"zhili-pii").decode("utf-8")


def blind_index(value: str) -> str:
    """The look-up key for ``value``: equal after normalisation gives equal index."""
    _, key = _current_keys()
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


def mask_id_number(value: str) -> str:
    """``330182199001011234`` → ``330182********1234``."""
    if not value:
        return ""
    if len(value) <= 10:
        return value[:2] + "*" * max(len(value) - 4, 0) + value[-2:]
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    if not value:
        return ""
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` → ``张**``."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)


class _PIIDescriptor:
    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value
        if self.field.blind_index_field:
            instance.__dict__[self.field.blind_index_field] = blind_index(value) if value else ""


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; set ``blind_index_field`` to keep an HMAC index beside it.

    Assigning the attribute updates the index at once, so ``filter(<index>=blind_index(v))`` finds it.
    """

    description = "Encrypted personal data"

    def __init__(self, *args, blind_index_field: str | None = None, **kwargs):
        self.blind_index_field = blind_index_field
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.blind_index_field:
            kwargs["blind_index_field"] = self.blind_index_field
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        setattr(cls, self.name, _PIIDescriptor(self))

    def pre_save(self, model_instance, add):
        # Model.__init__ assigns the index field's default after this field, so recompute it when saving.
        value = super().pre_save(model_instance, add)
        if self.blind_index_field:
            model_instance.__dict__[self.blind_index_field] = blind_index(value) if value else ""
        return value

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return encrypt(value)
