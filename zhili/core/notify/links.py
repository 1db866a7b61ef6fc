"""Short-link tokens: a random base62 code plus a truncated django.core.signing signature."""

import secrets
import string

from django.core import signing
from django.utils.crypto import constant_time_compare

ALPHABET = string.digits + string.ascii_letters
CODE_LENGTH = 8
# Ten base64 characters are 60 bits of HMAC: far beyond guessing over HTTP, short enough for an SMS.
SIGNATURE_LENGTH = 10
SALT = "zhili.notify.short_link"


def new_code() -> str:
    """A random base62 code (8 characters, about 47 bits)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _signature(code: str) -> str:
    return signing.Signer(salt=SALT).signature(code)[:SIGNATURE_LENGTH]


def token_for(code: str) -> str:
    """The public token of a code: ``<code>.<signature>``."""
    return f"{code}.{_signature(code)}"


def code_from_token(token: str) -> str | None:
    """Return the code if the token's signature is the platform's, else ``None``."""
    code, sep, signature = (token or "").partition(".")
    if not sep or not code or len(code) > 16 or any(c not in ALPHABET for c in code):
        return None
    if not constant_time_compare(signature, _signature(code)):
        return None
    return code
