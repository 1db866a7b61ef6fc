"""Load data into datasets: every row checked, bad rows reported, valid rows merged by key, all or nothing.

A batch streams through three steps. Its rows are read and validated one by one; valid rows go to the
staging table and bad ones to the error report, a chunk at a time, with the batch's progress updated after
each chunk. Then, if the batch as a whole is acceptable, one transaction merges the staged rows into the
dataset and records the audit entry; otherwise the dataset is left exactly as it was and the batch is
recorded as failed, with its reasons and whatever bad rows were found.

Speed (see ``bench/engines.py``): CSV rows go through a function compiled from the schema that writes
each good row's COPY line directly (``compiled.py``); only the rows it does not accept meet the generic
validator, which writes the report. Large files on PostgreSQL outside a transaction use the pipelined
stager: a second connection copies and merges each chunk in one open transaction while this thread checks
the next chunk, and that transaction commits together with the batch's bookkeeping and audit entry.
"""

import logging
import tempfile
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from zhili.core.foundation import audit, events
from zhili.core.foundation.api import check_upload_size
from zhili.core.identity.permissions import require

from .choices import BatchStatus, SourceKind
from .compiled import compile_copy_line
from .models import Batch, BatchError
from .readers import file_digest, guess_format, open_rows
from .registry import get_dataset
from .staging import PipelinedStager, Stager
from .validation import BatchInvalid, RowInvalid, RowValidator

logger = logging.getLogger(__name__)

MAX_STORED_ERRORS = 10000
HTTP_PULL_LIMIT = 2 * 1024 * 1024 * 1024
# Below this size a file loads on the caller's connection; above it COPY runs on a second one meanwhile.
PIPELINE_MIN_BYTES = 8 * 1024 * 1024


def ingest_file(dataset_code: str, path, *, actor, source_kind: str = SourceKind.COMMAND, source_name: str = "",
                file_format: str | None = None, chunk_rows: int = 20000, check_permission: bool = True) -> Batch:
    """Load the file at ``path`` into dataset ``dataset_code`` and return its batch (succeeded or failed).

    ``actor`` may be a user (whose permission is checked) or, for system jobs, a label string.
    """
    dataset = get_dataset(dataset_code)
    if check_permission and not isinstance(actor, str):
        require(actor, "datapool.batch.ingest", dataset)
    path = Path(path)
    checksum, size = file_digest(path)
    batch = Batch.objects.create(
        dataset_code=dataset.code, source_kind=source_kind, source_name=(source_name or path.name)[:500],
        loaded_by=None if isinstance(actor, str) else actor, loaded_by_label=_label(actor),
        checksum=checksum, size_bytes=size,
    )
    stager = _stager_for(batch, dataset, size, chunk_rows)
    try:
        _stage(batch, dataset, path, file_format or guess_format(source_name or path.name), stager)
        rejected_share = batch.rows_rejected / batch.rows_received if batch.rows_received else 0
        if batch.rows_received == 0:
            raise BatchInvalid("文件中没有数据行")
        if rejected_share > dataset.max_bad_ratio:
            raise BatchInvalid(f"错误行占比 {rejected_share:.1%} 超过上限 {dataset.max_bad_ratio:.1%}，整批未导入")
        _merge(batch, dataset, stager, actor)
    except BatchInvalid as problem:
        _fail(batch, stager, str(problem), actor)
    except Exception:
        logger.exception("batch %s of %s failed", batch.pk, dataset.code)
        _fail(batch, stager, "导入过程出错，整批未导入", actor)
    except BaseException:  # interrupted: at least roll back the writer's open transaction
        stager.discard()
        raise
    return batch


def _stager_for(batch: Batch, dataset, size: int, chunk_rows: int):
    """A pipelined stager for large files on PostgreSQL outside a transaction; the plain one otherwise."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block and size >= PIPELINE_MIN_BYTES:
        return PipelinedStager(batch.pk, dataset.code, chunk_rows=chunk_rows)
    return Stager(batch.pk, chunk_rows=chunk_rows)


def _label(actor) -> str:
    if isinstance(actor, str):
        return actor[:200]
    return "{pk}:{name}".format(pk=actor.pk, name=getattr(actor, "display_name", str(actor)))[:200]


class _ErrorReport:
    """Collect the broken rules of bad rows and store them a thousand at a time (at most MAX_STORED_ERRORS)."""

    def __init__(self, batch: Batch):
        self.batch = batch
        self.pending: list[BatchError] = []
        self.stored = 0

    def add(self, line: int, problems) -> None:
        for problem in problems:
            if self.stored < MAX_STORED_ERRORS:
                self.pending.append(BatchError(batch=self.batch, line=line, field=problem.field,
                                               rule=problem.rule[:200], value=problem.value))
                self.stored += 1
        if len(self.pending) >= 1000:
            self.close()

    def close(self) -> None:
        BatchError.objects.bulk_create(self.pending)
        self.pending = []


def _stage(batch: Batch, dataset, path: Path, file_format: str, stager) -> None:
    validator = RowValidator(dataset)
    source = open_rows(path, file_format)
    if source.columns is not None:
        validator.check_columns(source.columns)
    report = _ErrorReport(batch)
    if source.cell_rows is not None and stager.takes_lines:
        received, rejected = _stage_cells(batch, dataset, source, validator, stager, report)
    else:
        received, rejected = _stage_rows(batch, source, validator, stager, report)
    report.close()
    stager.flush()
    batch.rows_received, batch.rows_rejected, batch.rows_accepted = received, rejected, received - rejected
    batch.progress_rows = received


def _stage_rows(batch: Batch, source, validator: RowValidator, stager, report: _ErrorReport) -> tuple[int, int]:
    """The general path: one dict per row through the generic validator."""
    validate, add = validator.validate, stager.add
    received = rejected = 0
    for line, row in source.rows:
        received += 1
        if isinstance(row, str):
            problems = [RowInvalid("", row)]
        else:
            key, values, problems = validate(row)
            if not problems:
                if add(line, key, values):
                    Batch.objects.filter(pk=batch.pk).update(progress_rows=received)
                continue
        rejected += 1
        report.add(line, problems)
    return received, rejected


def _stage_cells(batch: Batch, dataset, source, validator: RowValidator, stager,
                 report: _ErrorReport) -> tuple[int, int]:
    """The CSV fast path: a compiled function turns each good row into its COPY line.

    A row it does not accept goes through the generic validator, which writes the report, so bad rows
    are reported exactly as on the general path.
    """
    header = source.columns
    width = len(header)
    copy_line = compile_copy_line(dataset, header, stager.line_tail)
    validate, add_line, add = validator.validate, stager.add_line, stager.add
    width_rule = f"列数与表头不符（应为 {width} 列）"
    received = rejected = 0
    for line, cells in source.cell_rows:
        received += 1
        if len(cells) == width:
            text = copy_line(cells, line)
            if text is not None:
                if add_line(text):
                    Batch.objects.filter(pk=batch.pk).update(progress_rows=received)
                continue
            key, values, problems = validate(dict(zip(header, cells, strict=True)))
            if not problems:
                if add(line, key, values):
                    Batch.objects.filter(pk=batch.pk).update(progress_rows=received)
                continue
        else:
            problems = [RowInvalid("", width_rule)]
        rejected += 1
        report.add(line, problems)
    return received, rejected


def _merge(batch: Batch, dataset, stager, actor) -> None:
    def record(removed: int) -> None:
        batch.status = BatchStatus.SUCCEEDED
        batch.finished_at = timezone.now()
        batch.save()
        audit.record("datapool.batch.loaded", actor=None if isinstance(actor, str) else actor, target=batch,
                     data={"dataset": dataset.code, "received": batch.rows_received,
                           "accepted": batch.rows_accepted, "rejected": batch.rows_rejected,
                           "removed": removed, "checksum": batch.checksum})

    # The stager runs ``record`` in the transaction that merges the rows (on its own connection if pipelined).
    stager.merge(dataset.code, dataset.update_mode, record)
    events.publish("datapool.batch.loaded", batch_id=batch.pk, dataset=dataset.code,
                   accepted=batch.rows_accepted)


def _fail(batch: Batch, stager, reason: str, actor) -> None:
    stager.discard()
    with transaction.atomic():
        batch.status = BatchStatus.FAILED
        batch.failure_reason = reason
        batch.finished_at = timezone.now()
        batch.rows_accepted = 0
        batch.save()
        audit.record("datapool.batch.failed", actor=None if isinstance(actor, str) else actor, target=batch,
                     data={"dataset": batch.dataset_code, "reason": reason, "received": batch.rows_received,
                           "rejected": batch.rows_rejected})
        events.publish("datapool.batch.failed", batch_id=batch.pk, dataset=batch.dataset_code)


def ingest_upload(dataset_code: str, uploaded, *, actor, source_kind: str = SourceKind.UPLOAD) -> Batch:
    """Load an uploaded file (from the page or the API): spooled to disk first, then streamed."""
    check_upload_size(uploaded)
    suffix = Path(uploaded.name).suffix.lower()
    temporary_path = getattr(uploaded, "temporary_file_path", None)
    if temporary_path is not None:
        return ingest_file(dataset_code, temporary_path(), actor=actor, source_kind=source_kind,
                           source_name=uploaded.name)
    with tempfile.NamedTemporaryFile(suffix=suffix) as spool:
        for block in uploaded.chunks():
            spool.write(block)
        spool.flush()
        return ingest_file(dataset_code, spool.name, actor=actor, source_kind=source_kind,
                           source_name=uploaded.name)


def pull_from_url(dataset_code: str, url: str, *, actor, file_format: str | None = None,
                  headers: dict | None = None, timeout: float = 30) -> Batch:
    """Pull a file from a department's HTTP API and load it; the response is streamed to disk."""
    import requests

    dataset = get_dataset(dataset_code)
    if not isinstance(actor, str):
        require(actor, "datapool.batch.ingest", dataset)
    with requests.get(url, headers=headers or {}, stream=True, timeout=timeout) as response:
        response.raise_for_status()
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        file_format = file_format or _format_from_content_type(content_type, url)
        with tempfile.NamedTemporaryFile(suffix=f".{file_format}") as spool:
            received = 0
            for block in response.iter_content(1 << 20):
                received += len(block)
                if received > HTTP_PULL_LIMIT:
                    raise BatchInvalid("接口返回的数据超过 2 GB")
                spool.write(block)
            spool.flush()
            return ingest_file(dataset_code, spool.name, actor=actor, source_kind=SourceKind.HTTP_PULL,
                               source_name=url, file_format=file_format, check_permission=False)


def _format_from_content_type(content_type: str, url: str) -> str:
    known = {"text/csv": "csv", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
             "application/json": "json",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}
    if content_type in known:
        return known[content_type]
    return guess_format(url.split("?")[0])
