"""The hand-written reads on the proof path give exactly what the ORM and RFC 9162 give, in fewer statements:
the head, the latest checkpoint, the stored nodes, and the entries of a document with their proofs."""

import pytest
from django.db import connection

from zhili.core.foundation.models import instance_from_row, select_list
from zhili.core.ledger import api as ledger
from zhili.core.ledger import merkle, queries
from zhili.core.ledger.choices import AnchorStatus
from zhili.core.ledger.models import Checkpoint, LedgerEntry, LedgerHead, MerkleNode
from zhili.core.ledger.verify import hash_leaf

from .conftest import sha
from .test_verify import naive_root

pytestmark = pytest.mark.django_db


def as_the_orm_gives_it(instance) -> dict:
    """Every concrete field's value with its type and time zone, and the instance's state."""
    values = {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}
    described = {name: (type(value), value, getattr(value, "tzinfo", None)) for name, value in values.items()}
    return {**described, "_state": (instance._state.adding, instance._state.db)}


def naive_path(index: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) exactly as RFC 9162 §2.1.3.1 defines it, by recursion."""
    if len(leaves) == 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if index < k:
        return naive_path(index, leaves[:k]) + [naive_root(leaves[k:])]
    return naive_path(index - k, leaves[k:]) + [naive_root(leaves[:k])]


def proofs_by_orm(digests: list[str]) -> list[queries.EntryProof]:
    """The entries of ``digests`` read with the ORM, each proved against the latest checkpoint or the head."""
    checkpoint = Checkpoint.objects.order_by("-tree_size").first()
    current = LedgerHead.objects.get().tree_size
    leaves = [item.record.encode() for item in LedgerEntry.objects.order_by("index")]
    expected = []
    for item in LedgerEntry.objects.filter(digest__in=digests).order_by("index"):
        covered = checkpoint is not None and item.index < checkpoint.tree_size
        size = checkpoint.tree_size if covered else current
        expected.append(queries.EntryProof(
            index=item.index, kind=item.kind, subject_type=item.subject_type, subject_id=item.subject_id,
            digest=item.digest, actor=item.actor_label, recorded_at=item.recorded_at.isoformat(),
            record=item.record, leaf_hash=hash_leaf(item.record.encode()).hex(), tree_size=size,
            root_hash=naive_root(leaves[:size]).hex(),
            inclusion_proof=[node.hex() for node in naive_path(item.index, leaves[:size])],
            checkpoint_note=checkpoint.note if covered else "",
            checkpoint_anchored=covered and checkpoint.anchor_status == AnchorStatus.ANCHORED, verified=True))
    return expected


@pytest.fixture
def anchored_ledger(fill, platform_tsa, django_capture_on_commit_callbacks):
    """Seven entries, an anchored checkpoint at five, then the digest of entry 1 recorded again (entry 7)."""
    fill(5)
    with django_capture_on_commit_callbacks(execute=True):
        ledger.make_checkpoint()
    fill(2, start=5)
    ledger.append(kind="labor_contract.signed", subject=("labor_contract.contract", "c-1"), digest=sha("contract 1"))
    return Checkpoint.objects.get()


def test_a_documents_entries_before_and_after_the_checkpoint_come_with_their_proofs(
        anchored_ledger, django_assert_num_queries):
    """Entries covered by the checkpoint lead to its signed root, the newer ones to the head's root; two
    statements whatever the number of entries: the entries with the head and the checkpoint, then the nodes."""
    digests = [sha("contract 1"), sha("contract 6"), sha("contract 3"), sha("never recorded")]

    with django_assert_num_queries(2):
        proofs = ledger.entries_for_digests(digests)

    assert proofs == proofs_by_orm(digests)
    assert [(p.index, p.tree_size, p.checkpoint_anchored) for p in proofs] == [
        (1, 5, True), (3, 5, True), (6, 8, False), (7, 8, False)]
    assert proofs[0].checkpoint_note == anchored_ledger.note and proofs[3].checkpoint_note == ""
    assert proofs[0].root_hash == bytes(anchored_ledger.root_hash).hex()


def test_proofs_for_given_entries_read_the_head_and_checkpoint_in_one_statement(
        anchored_ledger, django_assert_num_queries):
    entries = list(LedgerEntry.objects.filter(index__in=[0, 4, 5]))

    with django_assert_num_queries(2):
        proofs = ledger.proofs_for(entries)

    assert proofs == proofs_by_orm([entry.digest for entry in entries])


def test_before_any_checkpoint_the_proofs_lead_to_the_current_root(fill, django_assert_num_queries):
    fill(3)

    with django_assert_num_queries(1):
        assert ledger.latest_checkpoint() is None
    proofs = ledger.entries_for_digests([sha("contract 2")])

    assert proofs == proofs_by_orm([sha("contract 2")])
    assert proofs[0].checkpoint_note == "" and proofs[0].tree_size == 3


def test_an_empty_ledger_has_no_size_no_checkpoint_and_no_entries(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert ledger.tree_size() == 0
    with django_assert_num_queries(1):
        assert ledger.entries_for_digests([sha("contract 0")]) == []
    with django_assert_num_queries(0):
        assert queries.fetch_nodes([]) == {}
    assert ledger.latest_checkpoint() is None


def test_the_latest_checkpoint_is_the_instance_the_orm_makes(
        fill, platform_tsa, settings, django_capture_on_commit_callbacks, django_assert_num_queries):
    """Field by field, the time-stamp token (binary) and the anchoring time included; the size is the head's."""
    fill(2)
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    ledger.make_checkpoint()  # pending: no token, no anchoring time
    fill(3, start=2)
    settings.ESIGN_TSA_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        ledger.make_checkpoint()

    with django_assert_num_queries(1):
        latest = ledger.latest_checkpoint()
    with django_assert_num_queries(1):
        size = ledger.tree_size()

    orm = Checkpoint.objects.order_by("-tree_size").first()
    assert as_the_orm_gives_it(latest) == as_the_orm_gives_it(orm)
    assert latest.tree_size == 5 and latest.anchor_status == AnchorStatus.ANCHORED
    assert latest.timestamp_token is not None and latest.anchored_at is not None
    assert size == LedgerHead.objects.get().tree_size == 5


def test_entry_rows_become_the_instances_the_orm_makes(fill):
    """``instance_from_row`` on the ledger's entries: big-integer key, binary leaf hash, time of recording."""
    fill(4)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT {select_list(LedgerEntry, "e")} FROM "{LedgerEntry._meta.db_table}" e'
                       ' ORDER BY e."index"')
        read = [instance_from_row(LedgerEntry, connection, row) for row in cursor.fetchall()]

    assert [as_the_orm_gives_it(item) for item in read] == [
        as_the_orm_gives_it(item) for item in LedgerEntry.objects.order_by("index")]
    assert read[3].recorded_at.isoformat() == LedgerEntry.objects.get(index=3).recorded_at.isoformat()


def test_nodes_are_read_in_one_statement_stored_ones_by_key_the_others_from_leaves_and_a_missing_one_is_named(
        fill, django_assert_num_queries):
    fill(40)
    leaves = [record.encode() for record in LedgerEntry.objects.order_by("index").values_list("record", flat=True)]
    wanted = [(0, 5), (1, 0), (2, 0), (1, 2), (3, 4), (4, 1), (5, 0), (0, 39)]

    with django_assert_num_queries(1):
        found = queries.fetch_nodes(wanted)

    assert found == {(level, index): naive_root(leaves[index << level:(index + 1) << level])
                     for level, index in wanted}
    by_orm = {key: bytes(digest) for key, digest in MerkleNode.objects.values_list("key", "hash")}
    assert found[(5, 0)] == by_orm[merkle.node_key(5, 0)] and found[(4, 1)] == by_orm[merkle.node_key(4, 1)]
    with pytest.raises(LookupError, match=r"\(0, 40\)"):
        queries.fetch_nodes([(0, 1), (0, 40)])
    with pytest.raises(LookupError, match=r"\(4, 2\)"):
        queries.fetch_nodes([(4, 2)])  # leaves 32–47: not all there, so not stored either
    with pytest.raises(LookupError, match=r"\(3, 5\)"):
        queries.fetch_nodes([(3, 4), (3, 5)])  # leaves 40–47 do not exist


def test_a_proof_at_a_given_size_is_one_statement_and_a_size_beyond_the_head_is_refused(
        db, django_assert_num_queries):
    from django.core.exceptions import ValidationError

    for n in range(40):
        ledger.append(kind="test.proof", digest=sha(f"proof {n}"))
    leaves = [record.encode() for record in LedgerEntry.objects.order_by("index").values_list("record", flat=True)]
    for size in (2, 7, 21, 40):
        root = naive_root(leaves[:size])
        for index in range(size):
            with django_assert_num_queries(1):
                proof = ledger.inclusion_proof(index, size)
            assert ledger.verify_inclusion(hash_leaf(leaves[index]), index, size, proof, root)
    assert ledger.inclusion_proof(0, 1) == []  # a one-entry tree: no nodes to read
    with pytest.raises(ValidationError) as refused:
        ledger.inclusion_proof(3, 41)
    assert "tree_size" in refused.value.message_dict


def test_the_planner_expects_one_row_per_key_a_proof_reads_whatever_the_statistics_say(fill):
    """Nodes and leaves are read by lists of primary keys, not ranges: on tables never analysed (autovacuum
    off, or just after a bulk load) a range of 16 entries was planned as thousands of rows at 10 million
    entries (0.5 % of the table), and the statement's cost then paid for JIT compilation on every proof."""
    if connection.vendor != "postgresql":
        pytest.skip("the planner's estimates are PostgreSQL's")
    fill(20_000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [LedgerEntry._meta.db_table])
        assert cursor.fetchone()[0] < 0  # never analysed
        sql, params, nodes = queries._reads(merkle.nodes_for(merkle.inclusion_ranges(12_345, 20_000)))
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]["Plan"]
    stored, leaves = merkle.plan_reads(nodes)
    assert len(leaves) == 15  # the other leaves of entry 12,345's 16-leaf block

    def scans(node):
        if "Relation Name" in node:
            yield node["Relation Name"], node["Plan Rows"]
        for child in node.get("Plans", []):
            yield from scans(child)

    expected = {LedgerEntry._meta.db_table: len(leaves), MerkleNode._meta.db_table: len(stored)}
    planned = list(scans(plan))
    assert {table for table, _ in planned} == set(expected)
    assert all(rows <= expected[table] for table, rows in planned), planned
