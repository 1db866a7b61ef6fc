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
    ledger.append(kind="test.first", digest=sha("first"))  # the head row exists from here on
    # BEGIN; SELECT … FOR UPDATE; on PostgreSQL WITH (entries, nodes, audit entry) UPDATE head, on SQLite (in
    # process, no round trips to save) the entries, the nodes, the head and the audit entry one by one; COMMIT.
    expected = 4 if connection.vendor == "postgresql" else 7
    with django_assert_num_queries(expected):
        ledger.append(kind="test.second", digest=sha("second"))


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
