"""Verification for anyone: a court, a bank or the worker's next employer checks a contract without an account.

The page (``/esign/verify/``) and the API (``POST /api/v1/esign/verify``, no login, no CSRF token) take a PDF and
answer what ``verify.verify_pdf`` finds, limited to what the file itself contains or what proves it:

- per signature: the signer and chain as the embedded certificates name them, the times, integrity, trust,
  coverage and later changes, and the role as the signature field's name says it (never the platform's records);
- per ledger entry of the file or one of its revisions: the leaf hash, the inclusion proof, the root, the signed
  checkpoint and the checks made on them, but not the record's text, which names internal subjects and actors (the
  parties get it with ``GET /api/v1/esign/ledger-proof`` after logging in).

Nothing is stored: the upload is read into memory and dropped; one log line says the file's digest, size and
verdict. Each client address may verify ``ESIGN_PUBLIC_VERIFY_PER_MINUTE`` files a minute (a counter in the cache,
keyed by a digest of the address, that expires with the minute).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024
PUBLIC_LEDGER_FIELDS = ("index", "kind", "recorded_at", "digest", "document", "leaf_hash", "tree_size", "root_hash",
                        "inclusion_proof", "checkpoint_note", "checkpoint_anchored", "record_ok", "proof_ok",
                        "checkpoint_ok", "signed_root", "ok", "status")


class TooManyVerifications(Exception):
    """The client address used up its verifications for this minute."""

    def __init__(self, limit: int):
        super().__init__(_("验证过于频繁：每个网络地址每分钟最多验证 {limit} 个文件，请稍后再试").format(limit=limit))


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def take_turn(address: str) -> None:
    """Count one verification for ``address`` in this minute; raise ``TooManyVerifications`` past the limit."""
    limit = int(getattr(settings, "ESIGN_PUBLIC_VERIFY_PER_MINUTE", 10))
    minute = int(time.time() // 60)
    key = "esign:public-verify:{}:{}".format(hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32],
                                             minute)
    cache.add(key, 0, timeout=120)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        used = 1
    if used > limit:
        raise TooManyVerifications(limit)


def verify_for_anyone(pdf_bytes: bytes) -> dict:
    """The public report of ``pdf_bytes`` as a dict (``VerificationReport.as_dict`` without what the file does not
    disclose); nothing is written anywhere but one log line."""
    from .verify import verify_pdf

    report = verify_pdf(pdf_bytes, roles_from_records=False)
    data = report.as_dict()
    data["ledger_entries"] = [{name: entry.get(name) for name in PUBLIC_LEDGER_FIELDS}
                              for entry in data["ledger_entries"]]
    logger.info("public verification: sha256=%s size=%d verdict=%s", report.sha256, report.size, report.verdict)
    return data
