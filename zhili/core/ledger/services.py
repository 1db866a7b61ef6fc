"""Every write to the ledger: appends, checkpoints, anchoring, and the audit that raises red alerts."""

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.foundation.models import AuditEntry, insert_values, loaded_instance

from . import keys, note
from .choices import AlertCode, AlertLevel, AnchorStatus
from .merkle import CompactRange, is_stored, node_key
from .models import Checkpoint, LedgerAlert, LedgerEntry, LedgerHead, MerkleNode
from .records import Record, build_record, columns_of
from .storage import append_small, locked_row
from .verify import hash_leaf

logger = logging.getLogger(__name__)

RECORD_FIELDS = frozenset({"kind", "subject", "digest", "actor", "data"})

# SQLite has one writer at a time. Its busy handler makes a waiting writer sleep and poll, which lets threads of
# one process starve each other; queueing them on a lock first keeps the waits short and fair.
_sqlite_writer = threading.RLock()  # re-entered by the checkpoint an append triggers on commit


@contextmanager
def ledger_transaction():
    """Open the transaction a ledger write runs in, queued behind this process's other writers on SQLite.

    Inside a caller's transaction no savepoint is made (a round trip each way on every append): a write
    that fails part-way leaves the caller's transaction marked for rollback, so it is all or nothing.
    """
    connection = transaction.get_connection()
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with _sqlite_writer, transaction.atomic():
            yield
    else:
        with transaction.atomic(savepoint=False):
            yield


def _locked_head() -> LedgerHead:
    """Return the head row (its size and right edge), locked until the transaction ends; create it on first use.

    Every append starts here, so it is one hand-written statement (``storage.locked_row``)."""
    state = locked_row(LedgerHead, LedgerHead.SINGLETON_ID, ("tree_size", "right_edge"))
    if state is None:
        LedgerHead.objects.bulk_create([LedgerHead(pk=LedgerHead.SINGLETON_ID)], ignore_conflicts=True)
        state = locked_row(LedgerHead, LedgerHead.SINGLETON_ID, ("tree_size", "right_edge"))
    size, edge = state
    return loaded_instance(LedgerHead, transaction.get_connection().alias, id=LedgerHead.SINGLETON_ID,
                           tree_size=size, right_edge=bytes(edge))


def _checkpoint_every() -> int:
    return int(getattr(settings, "LEDGER_CHECKPOINT_EVERY", 1000) or 0)


ENTRY_COLUMNS = ("index", "leaf_hash", "record", "kind", "subject_type", "subject_id", "digest", "actor_label",
                 "recorded_at", "created_at", "updated_at")
NODE_COLUMNS = ("key", "level", "index", "hash")


def _write(records: list[Record], *, actor) -> list[LedgerEntry]:
    """Append built records under the head lock: consecutive indexes, the stored nodes they complete, the new
    head."""
    head = _locked_head()
    edge = CompactRange.unpack(head.tree_size, bytes(head.right_edge))
    old_size = head.tree_size
    now = timezone.now()
    entry_rows, node_rows = [], []
    for record in records:
        index = edge.size
        leaf_hash = record.leaf_hash
        node_rows.extend((node_key(level, position), level, position, digest)
                         for level, position, digest in edge.append(leaf_hash) if is_stored(level))
        entry_rows.append((index, leaf_hash, record.text, record.kind, record.subject_type, record.subject_id,
                           record.digest, record.actor_label, record.recorded_at, now, now))
    entries = [_saved_entry(row) for row in entry_rows]
    first, last = entries[0], entries[-1]
    # The audit entry is one more row of the same statement; an entry's key (its index) is known beforehand.
    entry = audit.prepare(
        "ledger.entry.appended", actor=_user(actor), target=first if len(entries) == 1 else None,
        data={"first_index": first.index, "last_index": last.index, "count": len(entries),
              "kinds": sorted({record.kind for record in records})[:20]},
    )
    names, values = insert_values(entry, using=transaction.get_connection().alias)
    append_small([(LedgerEntry, ENTRY_COLUMNS, entry_rows), (MerkleNode, NODE_COLUMNS, node_rows)],
                 (LedgerHead, head.pk, {"tree_size": edge.size, "right_edge": edge.pack(), "updated_at": now}),
                 prepared=[(AuditEntry, names, [tuple(values)])])
    events.publish("ledger.entries.appended", first_index=first.index, count=len(entries), tree_size=edge.size)
    every = _checkpoint_every()
    if every and old_size // every != edge.size // every:
        transaction.on_commit(_checkpoint_after_commit, robust=True)
    return entries


def _saved_entry(row: tuple) -> LedgerEntry:
    entry = LedgerEntry(**dict(zip(ENTRY_COLUMNS, row, strict=True)))
    entry._state.adding = False
    entry._state.db = transaction.get_connection().alias
    return entry


def _checkpoint_after_commit() -> None:
    make_checkpoint(actor=None)


def append_entry(*, kind: str, subject: Any = None, digest: Any, actor: Any = None,
                 data: Mapping[str, Any] | None = None) -> LedgerEntry:
    """Append one evidence record (存证) and return its entry; the record's actor is also the service's actor."""
    record = build_record(kind=kind, subject=subject, digest=digest, actor=actor, data=data,
                          recorded_at=timezone.now())
    with ledger_transaction():
        return _write([record], actor=actor)[0]


def append_entries(records: Iterable[Mapping[str, Any]], *, actor: Any = None) -> list[LedgerEntry]:
    """Append many records in one transaction: all of them at consecutive indexes, or none.

    Each record is a mapping with ``kind``, ``digest`` and optionally ``subject``, ``actor`` (defaults to the
    batch's actor) and ``data``. Every record is checked before anything is written.
    """
    now = timezone.now()
    built = []
    for position, item in enumerate(records):
        unknown = set(item) - RECORD_FIELDS
        if unknown:
            raise ValidationError({f"records[{position}]": "未知字段：{names}".format(names=", ".join(sorted(unknown)))})
        try:
            built.append(build_record(
                kind=item.get("kind"), subject=item.get("subject"), digest=item.get("digest"),
                actor=item.get("actor", actor), data=item.get("data"), recorded_at=now,
            ))
        except ValidationError as exc:
            raise ValidationError({f"records[{position}]": exc.messages}) from exc
    if not built:
        return []
    with ledger_transaction():
        return _write(built, actor=actor)


def make_checkpoint(*, actor: Any = None) -> Checkpoint:
    """Sign the tree as it stands (C2SP signed note), store it, and ask the TSA to anchor it after commit.

    A checkpoint already made at this size is returned as it is. Anchoring never decides whether the
    checkpoint exists: if the TSA cannot answer, the checkpoint stays pending for ``anchor_pending_checkpoints``.
    """
    with ledger_transaction():
        head = _locked_head()
        existing = Checkpoint.objects.filter(tree_size=head.tree_size).first()
        if existing is not None:
            return existing
        root = CompactRange.unpack(head.tree_size, bytes(head.right_edge)).root()
        origin = keys.origin()
        body = note.CheckpointBody(origin=origin, tree_size=head.tree_size, root_hash=root)
        checkpoint = Checkpoint.objects.create(
            tree_size=head.tree_size, root_hash=root, note=note.sign_checkpoint(body, origin, keys.signing_key()),
        )
        audit.record("ledger.checkpoint.created", actor=_user(actor), target=checkpoint,
                     data={"tree_size": checkpoint.tree_size, "root_hash": root.hex()})
        events.publish("ledger.checkpoint.created", checkpoint_id=checkpoint.pk, tree_size=checkpoint.tree_size)
        transaction.on_commit(lambda: anchor_checkpoint(checkpoint, actor=actor), robust=True)
    return checkpoint


def checkpoint_if_due(*, actor: Any = None) -> Checkpoint | None:
    """Make a checkpoint if entries were added since the last one and it is at least LEDGER_CHECKPOINT_SECONDS old.

    The periodic job ``ledger.checkpoint`` calls this every minute, so with the default of 0 seconds every entry is
    under a signed checkpoint within a minute of its append (``make_checkpoint`` signs one at once on request).
    """
    head = LedgerHead.objects.filter(pk=LedgerHead.SINGLETON_ID).first()
    latest = Checkpoint.objects.order_by("-tree_size").first()
    size = head.tree_size if head else 0
    if latest is not None and latest.tree_size >= size:
        return None
    seconds = int(getattr(settings, "LEDGER_CHECKPOINT_SECONDS", 0))
    every = _checkpoint_every()
    old_enough = latest is None or timezone.now() - latest.created_at >= timedelta(seconds=seconds)
    big_enough = bool(every) and size - (latest.tree_size if latest else 0) >= every
    if not (old_enough or big_enough):
        return None
    return make_checkpoint(actor=actor)


# The TSA that anchors checkpoints: ``stamp(data) -> DER RFC 3161 token``. The ledger sits below core.esign, which
# hands its time-stamper over at start-up (``EsignConfig.ready``), so the ledger never imports esign.
_anchor_tsa: dict[str, Callable[[bytes], bytes]] = {}


def use_timestamper(stamp: Callable[[bytes], bytes] | None) -> None:
    """Anchor checkpoints with ``stamp(data) -> DER RFC 3161 token``; ``None`` leaves new checkpoints pending."""
    if stamp is None:
        _anchor_tsa.pop("stamp", None)
    else:
        _anchor_tsa["stamp"] = stamp


def timestamper() -> Callable[[bytes], bytes] | None:
    """The time-stamper handed over by ``use_timestamper``, or ``None``."""
    return _anchor_tsa.get("stamp")


def anchor_checkpoint(checkpoint: Checkpoint, *, actor: Any = None) -> bool:
    """Time-stamp the checkpoint's note with the TSA; return whether it is anchored now. Never raises for the TSA."""
    if checkpoint.anchor_status == AnchorStatus.ANCHORED:
        return True
    stamp = timestamper()
    if stamp is None:
        _note_anchor_failure(checkpoint, "未配置时间戳服务：检查点待锚定")
        return False
    try:
        token = stamp(checkpoint.note.encode())
    except Exception as exc:  # the TSA is outside the platform: any failure leaves the checkpoint pending
        logger.warning("ledger checkpoint %s not anchored: %s", checkpoint.tree_size, exc)
        _note_anchor_failure(checkpoint, str(exc) or type(exc).__name__)
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = Checkpoint.objects.filter(pk=checkpoint.pk, anchor_status=AnchorStatus.PENDING).update(
            timestamp_token=token, anchor_status=AnchorStatus.ANCHORED, anchored_at=now, anchor_error="",
            updated_at=now,
        )
        if updated:
            audit.record("ledger.checkpoint.anchored", actor=_user(actor), target=checkpoint,
                         data={"tree_size": checkpoint.tree_size, "token_bytes": len(token)})
            events.publish("ledger.checkpoint.anchored", checkpoint_id=checkpoint.pk)
    checkpoint.refresh_from_db()
    return checkpoint.anchor_status == AnchorStatus.ANCHORED


def _note_anchor_failure(checkpoint: Checkpoint, reason: str) -> None:
    Checkpoint.objects.filter(pk=checkpoint.pk).update(anchor_error=reason[:500], updated_at=timezone.now())
    checkpoint.anchor_error = reason[:500]


def anchor_pending_checkpoints(*, limit: int = 100, actor: Any = None) -> int:
    """Retry the TSA for checkpoints still pending, oldest first; return how many are anchored now."""
    pending = Checkpoint.objects.filter(anchor_status=AnchorStatus.PENDING).order_by("tree_size")[:limit]
    return sum(anchor_checkpoint(checkpoint, actor=actor) for checkpoint in pending)


def _user(actor: Any):
    return None if actor is None or isinstance(actor, str) else actor


MAX_ALERTS_PER_CODE = 20


class _Findings:
    """Differences found by one audit run, capped per kind so a wholesale tampering does not flood the alerts."""

    def __init__(self):
        self.items: list[dict[str, Any]] = []
        self.counts: dict[str, int] = {}

    def add(self, code: str, message: str, *, checkpoint: Checkpoint | None = None, entry_index: int | None = None,
            **details: Any) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        if self.counts[code] <= MAX_ALERTS_PER_CODE:
            self.items.append({"code": code, "message": message, "checkpoint": checkpoint,
                               "entry_index": entry_index, "details": details})


def _check_checkpoint_notes(checkpoints: list[Checkpoint], findings: _Findings) -> None:
    vkey = keys.verifier_key()
    for checkpoint in checkpoints:
        try:
            body = note.open_checkpoint(checkpoint.note, vkey)
        except note.NoteError as exc:
            findings.add(AlertCode.SIGNATURE_INVALID, f"检查点 {checkpoint.tree_size} 的签名无法验证：{exc}",
                         checkpoint=checkpoint)
            continue
        if body.tree_size != checkpoint.tree_size or body.root_hash != bytes(checkpoint.root_hash):
            findings.add(AlertCode.SIGNATURE_INVALID, f"检查点 {checkpoint.tree_size} 的签名便笺与所存的大小或根哈希不一致",
                         checkpoint=checkpoint)


def _recompute_from_records(checkpoints: list[Checkpoint], findings: _Findings) -> int:
    """Rebuild the tree from the stored record texts and compare it with every checkpoint; return the leaf count."""
    by_size = {c.tree_size: c for c in checkpoints}
    edge = CompactRange()

    def compare(size: int) -> None:
        checkpoint = by_size.get(size)
        if checkpoint is not None and edge.root() != bytes(checkpoint.root_hash):
            findings.add(AlertCode.ROOT_MISMATCH, f"按存证原文重算的前 {size} 条记录的根哈希与已签名检查点不符",
                         checkpoint=checkpoint, recomputed=edge.root().hex(),
                         signed=bytes(checkpoint.root_hash).hex())

    compare(0)
    fields = ("index", "leaf_hash", "record", "kind", "subject_type", "subject_id", "digest", "actor_label")
    for row in LedgerEntry.objects.order_by("index").values_list(*fields).iterator(chunk_size=2000):
        index, stored_leaf, text = row[0], bytes(row[1]), row[2]
        if index != edge.size:
            findings.add(AlertCode.MISSING_ENTRIES, f"存证记录 {edge.size} 至 {index - 1} 缺失", entry_index=edge.size)
            return edge.size
        leaf_hash = hash_leaf(text.encode())
        if leaf_hash != stored_leaf:
            findings.add(AlertCode.LEAF_MISMATCH, f"第 {index} 条存证原文的哈希与所存叶子哈希不符",
                         entry_index=index)
        try:
            implied = columns_of(text)
        except (ValueError, AttributeError, TypeError):
            implied = {}
        actual = dict(zip(fields[3:], row[3:], strict=True))
        if implied != actual:
            findings.add(AlertCode.RECORD_MISMATCH, f"第 {index} 条存证的字段与存证原文不一致",
                         entry_index=index)
        edge.append(leaf_hash)
        compare(edge.size)
    return edge.size


def _check_stored_nodes(checkpoints: list[Checkpoint], leaves: int, findings: _Findings) -> None:
    from .queries import root_from_nodes

    for checkpoint in checkpoints:
        if checkpoint.tree_size > leaves:
            findings.add(AlertCode.MISSING_ENTRIES, f"检查点 {checkpoint.tree_size} 所覆盖的存证记录只剩 {leaves} 条",
                         checkpoint=checkpoint)
            continue
        try:
            stored = root_from_nodes(checkpoint.tree_size)
        except LookupError:
            stored = b""
        if stored != bytes(checkpoint.root_hash):
            findings.add(AlertCode.NODE_MISMATCH, f"由存储节点得出的大小 {checkpoint.tree_size} 的根哈希与检查点不符",
                         checkpoint=checkpoint)


def audit_ledger(*, actor: Any = None) -> dict[str, Any]:
    """Recompute the tree from the records, check it and the stored nodes against every checkpoint.

    Each difference becomes a red LedgerAlert with an audit entry and a ``ledger.alert.raised`` event.
    Return a summary: leaves and checkpoints checked, findings per problem, and the alerts raised.
    """
    checkpoints = list(Checkpoint.objects.order_by("tree_size"))
    findings = _Findings()
    _check_checkpoint_notes(checkpoints, findings)
    leaves = _recompute_from_records(checkpoints, findings)
    _check_stored_nodes(checkpoints, leaves, findings)
    head = LedgerHead.objects.filter(pk=LedgerHead.SINGLETON_ID).first()
    if head is not None and head.tree_size != leaves and not findings.counts.get(AlertCode.MISSING_ENTRIES):
        findings.add(AlertCode.MISSING_ENTRIES, f"账本头记录的树大小 {head.tree_size} 与存证记录数 {leaves} 不符")
    with transaction.atomic():
        alerts = [_raise_alert(item, actor=actor) for item in findings.items]
        audit.record("ledger.audit.completed", actor=_user(actor), data={
            "leaves": leaves, "checkpoints": len(checkpoints), "findings": findings.counts,
        })
    return {"leaves": leaves, "checkpoints": len(checkpoints), "findings": dict(findings.counts),
            "alerts": alerts, "ok": not findings.counts}


def _raise_alert(item: dict[str, Any], *, actor: Any) -> LedgerAlert:
    alert = LedgerAlert.objects.create(
        level=AlertLevel.RED, code=item["code"], message=item["message"][:500], checkpoint=item["checkpoint"],
        entry_index=item["entry_index"], details=item["details"],
    )
    audit.record("ledger.alert.raised", actor=_user(actor), target=alert,
                 data={"code": alert.code, "level": alert.level, "message": alert.message,
                       "entry_index": alert.entry_index,
                       "tree_size": item["checkpoint"].tree_size if item["checkpoint"] else None})
    events.publish("ledger.alert.raised", alert_id=alert.pk, code=alert.code, level=alert.level)
    return alert
