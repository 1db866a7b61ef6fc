"""Ingestion: row-by-row validation, error reports, upsert by key, all-or-nothing batches, lineage."""

import json

import pytest
from django.core.exceptions import PermissionDenied

from zhili.core.datapool.choices import BatchStatus, SourceKind
from zhili.core.datapool.models import Batch, BatchError, DatasetRow, StagedRow
from zhili.core.datapool.readers import file_digest
from zhili.core.datapool.services import ingest_file
from zhili.core.foundation.models import AuditEntry

from .conftest import PAYMENT_HEADER, payment_rows

pytestmark = pytest.mark.django_db


def test_three_bad_rows_out_of_a_thousand_are_exactly_the_report(officer_wang, write_csv):
    """Given 1,000 rows of which lines 11, 502 and 1001 break one rule each, the report names exactly those."""
    rows = payment_rows(1000)
    rows[9][3] = "十二元"          # line 11: amount is not a number
    rows[500][4] = "lost"         # line 502: status outside the allowed values
    rows[999][1] = ""             # line 1001: uscc missing
    path = write_csv("payments.csv", PAYMENT_HEADER, rows)

    batch = ingest_file("dummy_wage_payments", path, actor=officer_wang)

    assert batch.status == BatchStatus.SUCCEEDED
    assert (batch.rows_received, batch.rows_accepted, batch.rows_rejected) == (1000, 997, 3)
    report = list(BatchError.objects.filter(batch=batch).values_list("line", "field", "rule", "value"))
    assert report == [
        (11, "amount", "应为数字", "十二元"),
        (502, "status", "取值应为：paid、late、unpaid", "lost"),
        (1001, "uscc", "必填", ""),
    ]
    assert DatasetRow.objects.filter(dataset_code="dummy_wage_payments").count() == 997
    assert not DatasetRow.objects.filter(key__in=["P000009", "P000500", "P000999"]).exists()
    assert StagedRow.objects.count() == 0


def test_valid_rows_are_upserted_by_key_and_know_their_batch(officer_wang, write_csv):
    """Given a loaded dataset, when a second batch repeats a key with new values, that row is updated."""
    first = ingest_file("dummy_wage_payments", write_csv("a.csv", PAYMENT_HEADER, payment_rows(3)),
                        actor=officer_wang)
    second_rows = [["P000001", "91330100MA2B000001", "2025-06-10", "88.00", "late", ""],
                   ["P000007", "91330100MA2B000001", "2025-06-11", "7", "paid", "2"]]
    second = ingest_file("dummy_wage_payments", write_csv("b.csv", PAYMENT_HEADER, second_rows), actor=officer_wang)

    rows = {r.key: r for r in DatasetRow.objects.filter(dataset_code="dummy_wage_payments")}
    assert sorted(rows) == ["P000000", "P000001", "P000002", "P000007"]
    assert rows["P000001"].data == {"payment_id": "P000001", "uscc": "91330100MA2B000001", "paid_on": "2025-06-10",
                                    "amount": "88.00", "status": "late", "workers": None}
    assert rows["P000001"].batch_id == second.pk
    assert rows["P000000"].batch_id == first.pk
    assert rows["P000000"].data["workers"] == 0


def test_a_duplicate_key_inside_one_batch_keeps_the_last_line(officer_wang, write_csv):
    rows = payment_rows(2) + [["P000000", "91330100MA2B000001", "2025-05-11", "1.00", "late", "1"]]
    ingest_file("dummy_wage_payments", write_csv("dup.csv", PAYMENT_HEADER, rows), actor=officer_wang)

    row = DatasetRow.objects.get(dataset_code="dummy_wage_payments", key="P000000")
    assert (row.data["amount"], row.data["status"]) == ("1.00", "late")
    assert DatasetRow.objects.filter(dataset_code="dummy_wage_payments").count() == 2


def test_a_missing_required_column_fails_the_whole_batch_and_changes_nothing(officer_wang, write_csv):
    """Given stored rows, a batch without the status column fails as a whole and leaves them as they were."""
    ingest_file("dummy_wage_payments", write_csv("a.csv", PAYMENT_HEADER, payment_rows(5)), actor=officer_wang)
    before = list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at"))

    header = [h for h in PAYMENT_HEADER if h != "status"]
    rows = [[c for i, c in enumerate(r) if i != 4] for r in payment_rows(5, start=3)]
    batch = ingest_file("dummy_wage_payments", write_csv("b.csv", header, rows), actor=officer_wang)

    assert batch.status == BatchStatus.FAILED
    assert batch.failure_reason == "缺少必填列：status"
    assert list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at")) == before
    assert StagedRow.objects.count() == 0
    assert AuditEntry.objects.filter(action="datapool.batch.failed", target_id=str(batch.pk)).count() == 1


def test_too_many_bad_rows_fail_the_whole_batch_after_staging(officer_wang, write_csv):
    """Given the 5 % limit, a batch with 10 bad rows in 100 is refused; its good rows are not merged either."""
    ingest_file("dummy_wage_payments", write_csv("a.csv", PAYMENT_HEADER, payment_rows(5)), actor=officer_wang)
    before = list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at"))
    rows = payment_rows(100, start=2)
    for row in rows[:10]:
        row[2] = "2025-13-01"

    batch = ingest_file("dummy_wage_payments", write_csv("b.csv", PAYMENT_HEADER, rows), actor=officer_wang,
                        chunk_rows=7)

    assert batch.status == BatchStatus.FAILED
    assert batch.failure_reason == "错误行占比 10.0% 超过上限 5.0%，整批未导入"
    assert (batch.rows_received, batch.rows_rejected, batch.rows_accepted) == (100, 10, 0)
    assert BatchError.objects.filter(batch=batch).count() == 10
    assert list(DatasetRow.objects.order_by("key").values_list("key", "data", "batch_id", "updated_at")) == before
    assert StagedRow.objects.count() == 0


def test_lineage_records_source_time_counts_checksum_and_loader(officer_wang, write_csv):
    path = write_csv("lineage.csv", PAYMENT_HEADER, payment_rows(4))

    batch = ingest_file("dummy_wage_payments", path, actor=officer_wang, source_kind=SourceKind.UPLOAD,
                        chunk_rows=2)

    batch.refresh_from_db()
    assert batch.source_kind == SourceKind.UPLOAD
    assert batch.source_name == "lineage.csv"
    assert batch.loaded_by == officer_wang
    assert (batch.checksum, batch.size_bytes) == file_digest(path)
    assert (batch.rows_received, batch.rows_accepted, batch.rows_rejected, batch.progress_rows) == (4, 4, 0, 4)
    assert batch.finished_at >= batch.started_at
    entry = AuditEntry.objects.get(action="datapool.batch.loaded", target_id=str(batch.pk))
    assert entry.data["accepted"] == 4


def test_a_full_snapshot_replaces_rows_missing_from_the_new_batch(officer_wang, write_csv):
    header = ["complaint_id", "uscc", "received_on", "kind"]
    ingest_file("dummy_complaints", write_csv("a.csv", header, [["C1", "U1", "2025-05-01", "wage"],
                                                                  ["C2", "U1", "2025-05-02", "other"]]),
                actor=officer_wang)
    ingest_file("dummy_complaints", write_csv("b.csv", header, [["C2", "U1", "2025-05-02", "wage"]]),
                actor=officer_wang)

    rows = list(DatasetRow.objects.filter(dataset_code="dummy_complaints").values_list("key", "data__kind"))
    assert rows == [("C2", "wage")]


def test_json_lines_and_xlsx_are_checked_the_same_way(officer_wang, tmp_path):
    from openpyxl import Workbook

    lines = [{"payment_id": "J1", "uscc": "U1", "paid_on": "2025-05-01", "amount": 12.5, "status": "paid"},
             {"payment_id": "J2", "uscc": "U1", "paid_on": "bad", "amount": 1, "status": "paid"},
             [1, 2]]
    jsonl = tmp_path / "rows.jsonl"
    jsonl.write_text("\n".join(json.dumps(v) for v in lines), encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PAYMENT_HEADER)
    sheet.append(["X1", "U2", "2025-05-03", 3, "late", 4])
    sheet.append(["X2", "U2", "2025-05-04", "abc", "late", 4])
    xlsx = tmp_path / "rows.xlsx"
    workbook.save(xlsx)

    from dataclasses import replace

    from zhili.core.datapool.registry import datasets
    lenient = replace(datasets["dummy_wage_payments"])
    object.__setattr__(lenient, "max_bad_ratio", 1.0)
    datasets._items["dummy_wage_payments"], original = lenient, datasets["dummy_wage_payments"]
    try:
        first = ingest_file("dummy_wage_payments", jsonl, actor=officer_wang)
        second = ingest_file("dummy_wage_payments", xlsx, actor=officer_wang)
    finally:
        datasets._items["dummy_wage_payments"] = original

    assert list(first.errors.values_list("line", "field", "rule")) == [(2, "paid_on", "应为日期（YYYY-MM-DD）"),
                                                                       (3, "", "每行应为一个 JSON 对象")]
    assert list(second.errors.values_list("line", "field", "rule")) == [(3, "amount", "应为数字")]
    data = dict(DatasetRow.objects.values_list("key", "data"))
    assert data["J1"]["amount"] == "12.5"
    assert data["X1"]["paid_on"] == "2025-05-03"
    assert data["X1"]["workers"] == 4


def test_an_officer_without_the_ingest_role_is_refused_and_nothing_is_recorded(worker_zhang, write_csv):
    path = write_csv("a.csv", PAYMENT_HEADER, payment_rows(2))

    with pytest.raises(PermissionDenied):
        ingest_file("dummy_wage_payments", path, actor=worker_zhang)

    assert Batch.objects.count() == 0
    assert DatasetRow.objects.count() == 0
