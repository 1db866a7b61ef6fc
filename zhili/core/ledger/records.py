"""Build and check evidence records: the canonical JSON each leaf hashes (kind, subject, digest, actor, time)."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .canonical import canonical_json
from .verify import hash_leaf

RECORD_VERSION = 1
KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
DIGEST_PATTERN = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Record:
    """One evidence record, ready to hash: its fields and its canonical text."""

    kind: str
    subject_type: str
    subject_id: str
    digest: str
    actor_label: str
    recorded_at: dt.datetime
    text: str

    @property
    def leaf_hash(self) -> bytes:
        return hash_leaf(self.text.encode())


def subject_reference(subject: Any) -> tuple[str, str]:
    """Return (type, id) for a model instance, a ``(type, id)`` pair, or None."""
    if subject is None:
        return "", ""
    if isinstance(subject, models.Model):
        if subject.pk is None:
            raise ValidationError({"subject": "存证对象必须已保存（没有主键）"})
        return f"{subject._meta.app_label}.{subject._meta.model_name}", str(subject.pk)
    if isinstance(subject, tuple | list) and len(subject) == 2 and all(subject):
        subject_type, subject_id = str(subject[0]), str(subject[1])
        if len(subject_type) > 120 or len(subject_id) > 64:
            raise ValidationError({"subject": "存证对象类型不超过 120 个字符，编号不超过 64 个字符"})
        return subject_type, subject_id
    raise ValidationError({"subject": "存证对象必须是已保存的模型实例或 (类型, 编号) 二元组"})


def actor_label(actor: Any) -> str:
    """Return the actor as a stable reference: ``identity.user:<pk>``, a given label, or ``system``.

    A reference rather than a name, because a record in the log can never be erased or corrected.
    """
    if actor is None:
        return "system"
    if isinstance(actor, str):
        if not actor or len(actor) > 200:
            raise ValidationError({"actor": "操作人标识须为 1 至 200 个字符"})
        return actor
    if isinstance(actor, models.Model) and actor.pk is not None:
        return f"{actor._meta.app_label}.{actor._meta.model_name}:{actor.pk}"
    raise ValidationError({"actor": "操作人必须是已保存的用户、标识字符串或空（系统）"})


def normalise_digest(digest: Any) -> str:
    """Return a SHA-256 digest as 64 lowercase hex characters, from 32 raw bytes or a hex string."""
    if isinstance(digest, bytes | bytearray | memoryview):
        raw = bytes(digest)
        if len(raw) != 32:
            raise ValidationError({"digest": "摘要必须是 32 字节的 SHA-256 值"})
        return raw.hex()
    if isinstance(digest, str) and DIGEST_PATTERN.match(digest.lower()):
        return digest.lower()
    raise ValidationError({"digest": "摘要必须是 SHA-256 值：32 字节或 64 位十六进制字符串"})


def format_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def build_record(*, kind: str, subject: Any = None, digest: Any, actor: Any = None, data: Any = None,
                 recorded_at: dt.datetime) -> Record:
    """Validate the parts of a record and return it with its canonical text; raise ValidationError if bad."""
    if not isinstance(kind, str) or not KIND_PATTERN.match(kind) or len(kind) > 80:
        raise ValidationError({"kind": "存证类型须为小写英文点分名称（如 labor_contract.signed），不超过 80 个字符"})
    if data is not None and not isinstance(data, dict):
        raise ValidationError({"data": "附加数据必须是 JSON 对象（字典）或空"})
    subject_type, subject_id = subject_reference(subject)
    label = actor_label(actor)
    hex_digest = normalise_digest(digest)
    document = {
        "v": RECORD_VERSION,
        "kind": kind,
        "subject": {"type": subject_type, "id": subject_id} if subject_type else None,
        "digest": {"alg": "sha256", "value": hex_digest},
        "actor": label,
        "time": format_time(recorded_at),
        "data": data or {},
    }
    return Record(
        kind=kind, subject_type=subject_type, subject_id=subject_id, digest=hex_digest, actor_label=label,
        recorded_at=recorded_at, text=canonical_json(document, path="record"),
    )


def columns_of(text: str) -> dict[str, str]:
    """Return the column values a stored record's canonical text implies (for the audit)."""
    import json

    document = json.loads(text)
    subject = document.get("subject") or {}
    return {
        "kind": document.get("kind", ""),
        "subject_type": subject.get("type", ""),
        "subject_id": subject.get("id", ""),
        "digest": (document.get("digest") or {}).get("value", ""),
        "actor_label": document.get("actor", ""),
    }
