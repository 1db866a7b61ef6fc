"""Appends from many threads at once: no gaps, no duplicates, no lost entries, and proofs that verify."""

import threading

import pytest
from django.db import connection, connections

from zhili.core.ledger import api as ledger
from zhili.core.ledger import merkle
from zhili.core.ledger.models import Checkpoint, LedgerEntry, LedgerHead, MerkleNode
from zhili.core.ledger.verify import hash_leaf

from .conftest import sha


def record(worker: int, n: int) -> dict:
    return {"kind": "wage_guard.payment.recorded", "subject": ("wage_guard.payment", f"{worker}-{n}"),
            "digest": sha(f"{worker}-{n}"), "actor": f"worker-{worker}"}


def append_from_threads(threads: int, per_thread: int, *, singles: int | None = None,
                        batch: int = 25) -> list[BaseException]:
    """Start ``threads`` threads that each append ``per_thread`` records; return their errors.

    Each thread appends its first ``singles`` records one call each (all of them if None) and the rest with
    ``append_many`` in batches of ``batch``, so single and batch appends race each other.
    """
    errors: list[BaseException] = []
    start = threading.Barrier(threads)
    singles = per_thread if singles is None else singles

    def work(worker: int) -> None:
        try:
            start.wait()
            for n in range(singles):
                ledger.append(**record(worker, n))
            for first in range(singles, per_thread, batch):
                ledger.append_many([record(worker, n) for n in range(first, min(first + batch, per_thread))])
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=work, args=(worker,)) for worker in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors


def assert_complete_log(total: int) -> None:
    """Exactly ``total`` entries at 0..total-1, one per record, and proofs against the root and checkpoints."""
    assert LedgerHead.objects.get().tree_size == total
    assert LedgerEntry.objects.count() == total
    indexes = list(LedgerEntry.objects.order_by("index").values_list("index", flat=True))
    assert indexes == list(range(total))
    assert LedgerEntry.objects.values("subject_id").distinct().count() == total
    expected_nodes = sum(total >> level for level in range(merkle.LOWEST_STORED_LEVEL, total.bit_length()))
    assert MerkleNode.objects.count() == expected_nodes
    root = ledger.root()
    for index in sorted({0, 1, total // 3, total // 2, total - 2, total - 1}):
        entry = LedgerEntry.objects.get(index=index)
        assert bytes(entry.leaf_hash) == hash_leaf(entry.record.encode())
        assert ledger.verify_inclusion(bytes(entry.leaf_hash), index, total, ledger.inclusion_proof(index), root)
    for checkpoint in Checkpoint.objects.all():
        proof = ledger.consistency_proof(checkpoint.tree_size, total)
        assert ledger.verify_consistency(checkpoint.tree_size, total, proof, bytes(checkpoint.root_hash), root)
    assert ledger.audit_ledger()["ok"] is True


@pytest.mark.django_db(transaction=True)
def test_threads_appending_on_sqlite_leave_a_complete_log(settings):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant")
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    settings.LEDGER_CHECKPOINT_EVERY = 50

    errors = append_from_threads(threads=4, per_thread=40, singles=25, batch=5)

    assert errors == []
    assert_complete_log(160)
    assert 1 <= Checkpoint.objects.count() <= 3  # one per 50 crossed; a later one may cover several crossings


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_appending_ten_thousand_entries_on_postgresql(settings):
    """The issue's case: 8 threads append 10,000 entries (single appends racing batches): exactly 10,000 leaves."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    settings.LEDGER_CHECKPOINT_EVERY = 2500

    errors = append_from_threads(threads=8, per_thread=1250, singles=50, batch=25)

    assert errors == []
    assert_complete_log(10_000)
    assert 1 <= Checkpoint.objects.count() <= 4


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_threads_each_appending_1250_single_entries_on_postgresql(settings):
    """The same with one transaction per entry: 10,000 commits, about a minute on a busy two-core machine."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    settings.ESIGN_TSA_URL = "http://127.0.0.1:9/unreachable"
    settings.LEDGER_CHECKPOINT_EVERY = 2500

    errors = append_from_threads(threads=8, per_thread=1250)

    assert errors == []
    assert_complete_log(10_000)
