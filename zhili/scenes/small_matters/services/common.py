"""What the scene's services share: the digest of a decision and its entry in the evidence ledger."""

import hashlib
import json

from zhili.core.ledger import api as ledger


def digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def evidence(kind: str, subject, actor, data: dict) -> None:
    ledger.append(kind=kind, subject=subject, actor=actor, digest=digest(data), data=data)
