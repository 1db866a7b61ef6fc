"""Reads of the ledger: entries, roots and proofs for any tree size, each from O(log n) stored nodes.

The reads on the path of every proof and verification (the head, the latest checkpoint, the nodes, the entries of
a document) are hand-written statements: the ORM's query compilation and model building cost several times the
CPU the database spends on them. Their rows become model instances exactly as the ORM makes them
(``foundation.models.instance_from_row``).
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models

from zhili.core.foundation.models import instance_from_row, placeholders, quoted_column, quoted_table, select_list

from . import merkle
from .choices import AnchorStatus
from .models import Checkpoint, LedgerEntry, LedgerHead, MerkleNode
from .records import normalise_digest, subject_reference

_TREE_SIZE_SQL = (f"SELECT {quoted_column(LedgerHead, 'tree_size')} FROM {quoted_table(LedgerHead)}"
                  f" WHERE {quoted_column(LedgerHead, 'id')} = %s")
# One row whether or not there is a head or a checkpoint: the head's size (NULL before the first append) and the
# columns of the checkpoint of the largest tree (all NULL before the first checkpoint).
_FROM_LATEST_CHECKPOINT = (
    f" FROM (SELECT 1 AS one) o"
    f" LEFT JOIN {quoted_table(Checkpoint)} c ON c.{quoted_column(Checkpoint, 'tree_size')} ="
    f" (SELECT MAX({quoted_column(Checkpoint, 'tree_size')}) FROM {quoted_table(Checkpoint)})"
)
_HEAD_AND_CHECKPOINT_SQL = f"SELECT ({_TREE_SIZE_SQL}), {select_list(Checkpoint, 'c')}" + _FROM_LATEST_CHECKPOINT
# The same, with the columns of each entry whose digest is among those asked for (NULLs if none): one row each.
_HEAD_CHECKPOINT_AND_ENTRIES_SQL = (
    f"SELECT ({_TREE_SIZE_SQL}), {select_list(Checkpoint, 'c')}, {select_list(LedgerEntry, 'e')}"
    + _FROM_LATEST_CHECKPOINT
    + f" LEFT JOIN {quoted_table(LedgerEntry)} e ON e.{quoted_column(LedgerEntry, 'digest')} IN "
)
# The rows a set of nodes needs: stored nodes by key, and the leaf hashes under the others (an entry's index is its
# leaf's key, node_key(0, index), and every stored node's key is above every index), as one (k, h) row set. Both
# are lists of primary keys, never ranges: the planner then expects exactly one row per key whatever the table's
# statistics say. A range over entries not yet analysed was estimated at thousands of rows, which pushed the
# statement's cost past jit_above_cost: 2.7 ms of JIT compilation on every proof (ADR 0005).
_STORED_NODES_SQL = (f"SELECT {quoted_column(MerkleNode, 'key')} AS k, {quoted_column(MerkleNode, 'hash')} AS h"
                     f" FROM {quoted_table(MerkleNode)} WHERE {quoted_column(MerkleNode, 'key')} IN ")
_LEAF_HASHES_SQL = (f"SELECT {quoted_column(LedgerEntry, 'index')} AS k, {quoted_column(LedgerEntry, 'leaf_hash')} AS h"
                    f" FROM {quoted_table(LedgerEntry)} WHERE {quoted_column(LedgerEntry, 'index')} IN ")
# The head's size (NULL without a head) with each row a proof reads (one row of NULLs if none).
_SIZE_AND_ROWS_SQL = (f"SELECT ({_TREE_SIZE_SQL}), n.k, n.h FROM (SELECT 1 AS one) o LEFT JOIN ({{rows}}) n"
                      f" ON 1 = 1")
_ENTRIES_ORDER = f" ORDER BY e.{quoted_column(LedgerEntry, 'index')}"


def tree_size() -> int:
    """Return the number of entries committed so far."""
    with connection.cursor() as cursor:
        cursor.execute(_TREE_SIZE_SQL, [LedgerHead.SINGLETON_ID])
        row = cursor.fetchone()
    return row[0] if row else 0


def _head_and_latest_checkpoint() -> tuple[int, Checkpoint | None]:
    """Return the number of entries committed so far and the checkpoint of the largest tree, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_AND_CHECKPOINT_SQL, [LedgerHead.SINGLETON_ID])
        size, *columns = cursor.fetchone()
    return size or 0, _checkpoint_of(columns)


def _checkpoint_of(columns) -> Checkpoint | None:
    return None if columns[0] is None else instance_from_row(Checkpoint, connection, columns)


def _size(size: int | None, *, field: str = "tree_size") -> int:
    current = tree_size()
    if size is None:
        return current
    if not isinstance(size, int) or size < 0 or size > current:
        raise ValidationError({field: f"树大小须为 0 至 {current} 之间的整数"})
    return size


def _reads(nodes: Iterable[merkle.Node]) -> tuple[str, list, list[merkle.Node]]:
    """The statement (its row set) and parameters reading what ``nodes`` need; ``("", [], [])`` for nothing."""
    nodes = list(dict.fromkeys(nodes))
    stored, leaves = merkle.plan_reads(nodes)
    parts, params = [], []
    if stored:
        parts.append(_STORED_NODES_SQL + placeholders(len(stored)))
        params.extend(merkle.node_key(level, index) for level, index in stored)
    if leaves:
        parts.append(_LEAF_HASHES_SQL + placeholders(len(leaves)))
        params.extend(leaves)
    return " UNION ALL ".join(parts), params, nodes


def _hashes(nodes: list[merkle.Node], rows) -> dict[merkle.Node, bytes]:
    """{node: hash} from the (key, hash) rows read; LookupError naming the nodes storage lacks."""
    stored, leaves = {}, {}
    for key, digest in rows:
        level, index = merkle.node_of_key(key)
        if merkle.is_stored(level):
            stored[(level, index)] = bytes(digest)
        else:
            leaves[index] = bytes(digest)
    return merkle.assemble(nodes, stored, leaves)


def fetch_nodes(nodes: list[merkle.Node]) -> dict[merkle.Node, bytes]:
    """Return the hashes of ``nodes`` in one query (stored ones, and the leaves under the others); raise
    LookupError if one is missing."""
    sql, params, nodes = _reads(nodes)
    rows = []
    if sql:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    return _hashes(nodes, rows)


def root_from_nodes(size: int) -> bytes:
    """Return MTH(D[0:size]) from the stored complete subtrees."""
    return merkle.build([(0, size)], fetch_nodes)[0] if size else merkle.EMPTY_ROOT


def root(tree_size: int | None = None) -> bytes:
    """Return the root hash of the tree at ``tree_size`` (the current size by default)."""
    return root_from_nodes(_size(tree_size))


def inclusion_proof(index: int, tree_size: int | None = None) -> list[bytes]:
    """Return the RFC 9162 inclusion proof of entry ``index`` in the tree of ``tree_size`` entries.

    With ``tree_size`` given, one statement reads the current size (to check ``tree_size`` against it) and the
    proof's nodes together: a proof is one round trip to the database, not two."""
    ranges, sql = [], ""
    if isinstance(tree_size, int) and isinstance(index, int) and 0 <= index < tree_size:
        ranges = merkle.inclusion_ranges(index, tree_size)
        sql, params, nodes = _reads(merkle.nodes_for(ranges))
    if not sql:  # no size given, a size or index to refuse, or a one-entry tree: read the size first
        size = _size(tree_size)
        if not isinstance(index, int) or not 0 <= index < size:
            raise ValidationError({"index": f"记录序号须为 0 至 {size - 1} 之间的整数"})
        return merkle.build(merkle.inclusion_ranges(index, size), fetch_nodes)
    with connection.cursor() as cursor:
        cursor.execute(_SIZE_AND_ROWS_SQL.format(rows=sql), [LedgerHead.SINGLETON_ID, *params])
        rows = cursor.fetchall()
    current = rows[0][0] or 0
    if tree_size > current:
        raise ValidationError({"tree_size": f"树大小须为 0 至 {current} 之间的整数"})
    found = _hashes(nodes, [(key, digest) for _, key, digest in rows if key is not None])
    return merkle.range_hashes(ranges, found)


def consistency_proof(old_size: int, new_size: int | None = None) -> list[bytes]:
    """Return the RFC 9162 consistency proof that the tree of ``new_size`` entries extends that of ``old_size``."""
    new_size = _size(new_size, field="new_size")
    if not isinstance(old_size, int) or not 0 <= old_size <= new_size:
        raise ValidationError({"old_size": f"旧树大小须为 0 至 {new_size} 之间的整数"})
    return merkle.build(merkle.consistency_ranges(old_size, new_size), fetch_nodes)


def entry(index: int) -> LedgerEntry:
    """Return the entry at ``index``; raise LedgerEntry.DoesNotExist if there is none."""
    return LedgerEntry.objects.get(index=index)


def entries_for(subject: Any) -> models.QuerySet:
    """Return the entries about ``subject`` (a model instance or a ``(type, id)`` pair), oldest first."""
    subject_type, subject_id = subject_reference(subject)
    return LedgerEntry.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("index")


def latest_checkpoint() -> Checkpoint | None:
    """Return the checkpoint of the largest tree, or None before the first."""
    return _head_and_latest_checkpoint()[1]


def checkpoint_covering(index: int) -> Checkpoint | None:
    """Return the smallest checkpoint whose tree includes entry ``index``."""
    return Checkpoint.objects.filter(tree_size__gt=index).order_by("tree_size").first()


@dataclass(frozen=True)
class EntryProof:
    """One entry with its RFC 9162 inclusion proof and the tree (checkpoint or current root) the proof leads to.

    ``record`` is the canonical JSON the leaf hashes, so an outside verifier recomputes the leaf hash itself;
    ``checkpoint_note`` is the signed note of that tree size ("" when the entry is newer than every checkpoint
    and the proof leads to the current, not yet signed root).
    """

    index: int
    kind: str
    subject_type: str
    subject_id: str
    digest: str
    actor: str
    recorded_at: str
    record: str
    leaf_hash: str
    tree_size: int
    root_hash: str
    inclusion_proof: list[str]
    checkpoint_note: str
    checkpoint_anchored: bool
    verified: bool

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def proofs_for(entries: Iterable[LedgerEntry]) -> list[EntryProof]:
    """Return each entry with its inclusion proof against the latest checkpoint, or the current root if newer."""

    entries = list(entries)
    if not entries:
        return []
    return _with_proofs(entries, *_head_and_latest_checkpoint())


def _with_proofs(entries: list[LedgerEntry], current: int, checkpoint: Checkpoint | None) -> list[EntryProof]:
    """``proofs_for`` with the head's size and the latest checkpoint already read."""
    from .verify import verify_inclusion

    roots: dict[int, bytes] = {}
    if checkpoint is not None:
        roots[checkpoint.tree_size] = bytes(checkpoint.root_hash)
    sizes = [checkpoint.tree_size if checkpoint is not None and item.index < checkpoint.tree_size else current
             for item in entries]
    # Every node all the proofs (and the roots not signed yet) need, in one query.
    plans = [merkle.inclusion_ranges(item.index, size) for item, size in zip(entries, sizes, strict=True)]
    unsigned_roots = sorted({size for size in sizes if size not in roots and size})
    nodes = fetch_nodes(merkle.nodes_for([*(r for plan in plans for r in plan), *((0, s) for s in unsigned_roots)]))
    for size in unsigned_roots:
        roots[size] = merkle.range_hashes([(0, size)], nodes)[0]
    results = []
    for item, size, plan in zip(entries, sizes, plans, strict=True):
        covered = checkpoint is not None and item.index < checkpoint.tree_size
        proof = merkle.range_hashes(plan, nodes)
        leaf = bytes(item.leaf_hash)
        results.append(EntryProof(
            index=item.index, kind=item.kind, subject_type=item.subject_type, subject_id=item.subject_id,
            digest=item.digest, actor=item.actor_label, recorded_at=item.recorded_at.isoformat(),
            record=item.record, leaf_hash=leaf.hex(), tree_size=size, root_hash=roots[size].hex(),
            inclusion_proof=[p.hex() for p in proof],
            checkpoint_note=checkpoint.note if covered else "",
            checkpoint_anchored=bool(covered and checkpoint.anchor_status == AnchorStatus.ANCHORED),
            verified=verify_inclusion(leaf, item.index, size, proof, roots[size]),
        ))
    return results


def entries_for_digests(digests: Iterable[Any]) -> list[EntryProof]:
    """Return every entry whose digest is one of ``digests`` (SHA-256, hex or bytes), oldest first, with proofs."""
    wanted = sorted({normalise_digest(digest) for digest in digests})
    if not wanted:
        return []
    # The entries, the head's size and the latest checkpoint in one statement; then the proofs' nodes in one.
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_CHECKPOINT_AND_ENTRIES_SQL + placeholders(len(wanted)) + _ENTRIES_ORDER,
                       [LedgerHead.SINGLETON_ID, *wanted])
        rows = cursor.fetchall()
    width = 1 + len(Checkpoint._meta.concrete_fields)
    entries = [instance_from_row(LedgerEntry, connection, row[width:]) for row in rows if row[width] is not None]
    if not entries:
        return []
    return _with_proofs(entries, rows[0][0] or 0, _checkpoint_of(rows[0][1:width]))


def entries_for_digest(digest: Any) -> list[EntryProof]:
    """Return every entry recording the SHA-256 ``digest`` (e.g. of a signed PDF), oldest first, with proofs."""
    return entries_for_digests([digest])
