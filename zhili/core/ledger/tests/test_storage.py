"""Small appends: the entries, their nodes and the new head in one statement on PostgreSQL, the same rows."""

import pytest
from django.db import connection

from zhili.core.ledger import api as ledger
from zhili.core.ledger import merkle
from zhili.core.ledger.models import LedgerEntry, LedgerHead, MerkleNode
from zhili.core.ledger.verify import hash_leaf

from .conftest import sha
from .test_verify import naive_root

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_append_is_the_head_lock_one_write_and_the_audit_entry(django_assert_num_queries):
    for n in range(14):
        ledger.append(kind="test.first", digest=sha(f"first {n}"))  # the head row exists from here on
    # BEGIN; SELECT … FOR UPDATE; on PostgreSQL WITH (entries, nodes, audit entry) UPDATE head, on SQLite (in
    # process, no round trips to save) the entries, the nodes if the append completes a stored one, the head
    # and the audit entry one by one; COMMIT.
    postgresql = connection.vendor == "postgresql"
    with django_assert_num_queries(4 if postgresql else 6):
        ledger.append(kind="test.second", digest=sha("fifteenth"))
    assert not MerkleNode.objects.exists()
    with django_assert_num_queries(4 if postgresql else 7):
        ledger.append(kind="test.second", digest=sha("sixteenth"))
    assert list(MerkleNode.objects.values_list("level", "index")) == [(4, 0)]


def test_small_and_large_batches_store_the_tree_the_rfc_computes():
    """Single appends (one statement each on PostgreSQL) and a batch above the COPY threshold (COPY, then the
    head update) build the same tree: every stored node is the RFC 9162 hash of its leaves."""
    for n in range(5):
        ledger.append(kind="test.single", digest=sha(f"single {n}"))
    ledger.append_many([{"kind": "test.batch", "digest": sha(f"batch {n}")} for n in range(40)])
    ledger.append_many([{"kind": "test.pair", "digest": sha(f"pair {n}")} for n in range(2)])

    rows = list(LedgerEntry.objects.order_by("index").values_list("record", "leaf_hash"))
    data = [record.encode() for record, _ in rows]
    assert len(data) == 47 and [bytes(leaf) for _, leaf in rows] == [hash_leaf(item) for item in data]
    head = LedgerHead.objects.get()
    assert head.tree_size == 47
    assert merkle.CompactRange.unpack(47, bytes(head.right_edge)).root() == naive_root(data)
    for node in MerkleNode.objects.all():
        span = data[node.index << node.level:(node.index + 1) << node.level]
        assert len(span) == 1 << node.level and bytes(node.hash) == naive_root(span), (node.level, node.index)


def test_migration_0003_drops_the_low_nodes_and_computes_them_again_on_the_way_back():
    """Backwards, every complete subtree below level 4 is stored again, as growth stored it; forwards, only the
    nodes from level 4 up stay, and the roots and proofs read the same either way."""
    from django.db.migrations.executor import MigrationExecutor

    ledger.append_many([{"kind": "test.batch", "digest": sha(f"migrated {n}")} for n in range(40)])
    data = [record.encode() for record in LedgerEntry.objects.order_by("index").values_list("record", flat=True)]
    before = {size: ledger.root(size) for size in (1, 7, 16, 33, 40)}

    MigrationExecutor(connection).migrate([("ledger", "0002_entry_digest_index")])
    restored = {(level, index): bytes(digest) for level, index, digest in MerkleNode.objects.values_list(
        "level", "index", "hash")}
    assert len(restored) == sum(40 >> level for level in range((40).bit_length()))
    assert all(digest == naive_root(data[index << level:(index + 1) << level])
               for (level, index), digest in restored.items())

    MigrationExecutor(connection).migrate([("ledger", "0003_low_nodes_from_leaves_digest_hash_index")])
    assert sorted(MerkleNode.objects.values_list("level", "index")) == [(4, 0), (4, 1), (5, 0)]
    assert {size: ledger.root(size) for size in before} == before
    assert before[40] == naive_root(data)
