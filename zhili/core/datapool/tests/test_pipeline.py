"""Large files on PostgreSQL: a second connection copies and merges chunks while rows are checked."""

import pytest
from django.db import connection

from zhili.core.datapool import services
from zhili.core.datapool.choices import BatchStatus
from zhili.core.datapool.models import BatchError, DatasetRow
from zhili.core.datapool.services import ingest_file
from zhili.core.foundation.models import AuditEntry

from .conftest import PAYMENT_HEADER, payment_rows

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pipelined(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the pipelined stager is for PostgreSQL")
    monkeypatch.setattr(services, "PIPELINE_MIN_BYTES", 0)


def _chunk_tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relname ~ '^datapool_(chunk|stage)_[0-9]+$'")
        return [name for (name,) in cursor.fetchall()]


def test_a_pipelined_batch_reports_the_same_bad_rows_and_keeps_the_last_duplicate(pipelined, write_csv):
    """Given 84 rows in chunks of 7, with 3 bad rows and keys repeated inside and across chunks."""
    rows = payment_rows(80)
    rows[4][3] = "十二元"                                              # line 6
    rows[20][4] = "lost"                                              # line 22
    rows.insert(30, ["P000001", "91330100MA2B000001", "2025-05-11", "1.00", "late", "1"])   # line 32, chunk 5
    rows.insert(31, ["P000029", "91330100MA2B000001", "2025-05-12", "2.00", "late", ""])    # line 33, same chunk
    rows.insert(32, ["P000029", "91330100MA2B000001", "2025-05-13", "3.00", "unpaid", ""])  # line 34, same chunk
    rows.append(["P000080", "91330100MA2B000001", "2025-05-10"])      # line 85: two cells missing

    batch = ingest_file("dummy_wage_payments", write_csv("p.csv", PAYMENT_HEADER, rows), actor="bench",
                        chunk_rows=7)

    assert (batch.status, batch.rows_received, batch.rows_accepted, batch.rows_rejected) == (
        BatchStatus.SUCCEEDED, 84, 81, 3)
    assert list(BatchError.objects.filter(batch=batch).values_list("line", "field", "rule", "value")) == [
        (6, "amount", "应为数字", "十二元"),
        (22, "status", "取值应为：paid、late、unpaid", "lost"),
        (85, "", "列数与表头不符（应为 6 列）", ""),
    ]
    stored = {row.key: row for row in DatasetRow.objects.filter(dataset_code="dummy_wage_payments")}
    assert len(stored) == 78
    assert (stored["P000001"].data["amount"], stored["P000001"].data["status"]) == ("1.00", "late")
    assert (stored["P000029"].data["amount"], stored["P000029"].data["workers"]) == ("3.00", None)
    assert {row.batch_id for row in stored.values()} == {batch.pk}
    assert AuditEntry.objects.filter(action="datapool.batch.loaded", target_id=str(batch.pk)).count() == 1
    assert _chunk_tables() == []


def test_a_pipelined_batch_with_too_many_bad_rows_changes_nothing(pipelined, write_csv):
    """Given stored rows, a pipelined batch whose chunks were already upserted is rolled back as a whole."""
    ingest_file("dummy_wage_payments", write_csv("a.csv", PAYMENT_HEADER, payment_rows(5)), actor="bench")
    before = list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at"))
    rows = payment_rows(100, start=2)
    for row in rows[-10:]:
        row[2] = "2025-13-01"

    batch = ingest_file("dummy_wage_payments", write_csv("b.csv", PAYMENT_HEADER, rows), actor="bench",
                        chunk_rows=7)

    assert batch.status == BatchStatus.FAILED
    assert batch.failure_reason == "错误行占比 10.0% 超过上限 5.0%，整批未导入"
    assert (batch.rows_received, batch.rows_rejected, batch.rows_accepted) == (100, 10, 0)
    assert list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at")) == before
    assert AuditEntry.objects.filter(action="datapool.batch.loaded", target_id=str(batch.pk)).count() == 0
    assert _chunk_tables() == []


def test_a_pipelined_full_snapshot_replaces_rows_missing_from_the_new_batch(pipelined, write_csv):
    header = ["complaint_id", "uscc", "received_on", "kind"]
    ingest_file("dummy_complaints", write_csv("a.csv", header, [["C1", "U1", "2025-05-01", "wage"],
                                                                  ["C2", "U1", "2025-05-02", "other"]]),
                actor="bench", chunk_rows=1)
    batch = ingest_file("dummy_complaints", write_csv("b.csv", header, [["C2", "U1", "2025/05/02", "wage"],
                                                                         ["C3", "U2", "2025-05-03", "wage"]]),
                        actor="bench", chunk_rows=1)

    rows = list(DatasetRow.objects.filter(dataset_code="dummy_complaints").order_by("key")
                .values_list("key", "data", "batch_id"))
    assert rows == [("C2", {"complaint_id": "C2", "uscc": "U1", "received_on": "2025-05-02", "kind": "wage"}, batch.pk),
                    ("C3", {"complaint_id": "C3", "uscc": "U2", "received_on": "2025-05-03", "kind": "wage"}, batch.pk)]
    assert AuditEntry.objects.get(action="datapool.batch.loaded", target_id=str(batch.pk)).data["removed"] == 1
