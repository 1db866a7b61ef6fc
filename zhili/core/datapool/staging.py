"""Move validated rows into the staging area in chunks, then merge a whole batch in one transaction.

Three ways, one contract (``add``/``add_line``, ``flush``, ``discard``, ``merge``):

- :class:`Stager` on PostgreSQL inside a caller's transaction (and for small files): chunks go with COPY
  into an unlogged table of the batch; ``merge`` is one ``INSERT ... SELECT ... ON CONFLICT``.
- :class:`Stager` elsewhere (SQLite): chunks go in with ``bulk_create``.
- :class:`PipelinedStager` on PostgreSQL for large files outside any transaction: a thread with its own
  connection opens one transaction, and for every chunk COPYs it into a temporary table and upserts it into
  the dataset while Python checks the next chunk. ``merge`` finishes that transaction (with the caller's
  bookkeeping in it) and ``discard`` rolls it back, so a batch is still all or nothing.

Duplicate keys inside one batch: the last line wins.
"""

import contextvars
import json
import queue
import threading

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from psycopg.errors import UniqueViolation

from .choices import UpdateMode
from .compiled import copy_text
from .models import DatasetRow, StagedRow

ROW_TABLE = DatasetRow._meta.db_table
STAGE_TABLE = StagedRow._meta.db_table

UPSERT = (
    f"INSERT INTO {ROW_TABLE} (dataset_code, key, data, batch_id, created_at, updated_at) "
    "SELECT %s, key, data, %s, %s, %s FROM ({source}) AS staged "
    "ON CONFLICT (dataset_code, key) DO UPDATE SET data = EXCLUDED.data, "
    "batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at"
)


def _json_dumps():
    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _upsert_postgres(cursor, table: str, dataset_code: str, batch_id: int, now) -> None:
    """Upsert every row of ``table`` into the dataset; a key staged twice keeps its last line."""
    params = [dataset_code, batch_id, now, now]
    # Most chunks have unique keys; only when one does not is the sort that keeps the last line paid for.
    try:
        with transaction.atomic():
            cursor.execute(UPSERT.format(source=f"SELECT key, data FROM {table}"), params)
    except DatabaseError as error:
        if getattr(error.__cause__, "sqlstate", None) != "21000":  # cardinality_violation: a key twice
            raise
        deduplicated = f"SELECT DISTINCT ON (key) key, data FROM {table} ORDER BY key, line DESC"
        cursor.execute(UPSERT.format(source=deduplicated), params)


def _remove_rows_of_other_batches(cursor, dataset_code: str, batch_id: int) -> int:
    cursor.execute(f"DELETE FROM {ROW_TABLE} WHERE dataset_code = %s AND batch_id <> %s", [dataset_code, batch_id])
    return cursor.rowcount


class Stager:
    """Collect validated rows of one batch and write them to the staging table a chunk at a time."""

    def __init__(self, batch_id: int, chunk_rows: int = 20000):
        self.batch_id = batch_id
        self.chunk_rows = chunk_rows
        self.postgres = connection.vendor == "postgresql"
        self.takes_lines = self.postgres  # add_line() with ready COPY text is possible
        self.line_tail = None  # the lines are "line<TAB>key<TAB>data<NEWLINE>"
        self.pending: list = []
        self.staged = 0
        self.created = False
        self.dumps = _json_dumps()

    @property
    def stage_table(self) -> str:
        """On PostgreSQL each batch stages into its own unlogged table, without index, dropped at the end."""
        return f"datapool_stage_{int(self.batch_id)}"

    def _create_stage_table(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE UNLOGGED TABLE IF NOT EXISTS {self.stage_table} "
                           "(line bigint NOT NULL, key text NOT NULL, data jsonb NOT NULL)")
        self.created = True

    def add(self, line: int, key: str, values: dict) -> bool:
        """Queue one row; True when a chunk was written (the caller reports progress then)."""
        if self.postgres:
            return self.add_line(f"{line}\t{copy_text(key)}\t{copy_text(self.dumps(values))}\n")
        self.pending.append(StagedRow(batch_id=self.batch_id, line=line, key=key, data=values))
        if len(self.pending) >= self.chunk_rows:
            self.flush()
            return True
        return False

    def add_line(self, text: str) -> bool:
        """Queue one row given as its COPY line (PostgreSQL only); True when a chunk was written."""
        self.pending.append(text)
        if len(self.pending) >= self.chunk_rows:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.pending:
            return
        if self.postgres:
            if not self.created:
                self._create_stage_table()
            with connection.cursor() as cursor:
                sql = f"COPY {self.stage_table} (line, key, data) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    copy.write("".join(self.pending).encode("utf-8"))
        else:
            # One short transaction per 2,000 rows (outside a caller's transaction): on SQLite each holds the
            # database's one write lock, and other writers (logins, SMS codes) get in between them.
            for start in range(0, len(self.pending), 2000):
                StagedRow.objects.bulk_create(self.pending[start:start + 2000])
        self.staged += len(self.pending)
        self.pending = []

    def discard(self) -> None:
        self.pending = []
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {self.stage_table}")
        else:
            StagedRow.objects.filter(batch_id=self.batch_id).delete()

    def merge(self, dataset_code: str, update_mode: str, record=None) -> int:
        """Upsert the staged rows into the dataset, run ``record(removed)``, all in one transaction."""
        self.flush()
        with transaction.atomic():
            removed = self._merge(dataset_code, update_mode)
            if record is not None:
                record(removed)
        return removed

    def _merge(self, dataset_code: str, update_mode: str) -> int:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            if self.postgres:
                if self.created:
                    _upsert_postgres(cursor, self.stage_table, dataset_code, self.batch_id, now)
            else:
                cursor.execute(
                    f"INSERT INTO {ROW_TABLE} (dataset_code, key, data, batch_id, created_at, updated_at) "
                    f"SELECT %s, key, data, batch_id, %s, %s FROM {STAGE_TABLE} WHERE batch_id = %s ORDER BY line "
                    "ON CONFLICT (dataset_code, key) DO UPDATE SET data = excluded.data, "
                    "batch_id = excluded.batch_id, updated_at = excluded.updated_at",
                    [dataset_code, now, now, self.batch_id],
                )
            removed = 0
            if update_mode == UpdateMode.FULL:
                removed = _remove_rows_of_other_batches(cursor, dataset_code, self.batch_id)
            if self.postgres:
                cursor.execute(f"DROP TABLE IF EXISTS {self.stage_table}")
            else:
                cursor.execute(f"DELETE FROM {STAGE_TABLE} WHERE batch_id = %s", [self.batch_id])
        return removed


class _Finish:
    """The last message to the writer thread: commit with ``record`` run in the transaction, or roll back."""

    def __init__(self, dataset_code: str = "", update_mode: str = "", record=None, commit: bool = False):
        self.dataset_code = dataset_code
        self.update_mode = update_mode
        self.record = record
        self.commit = commit


class _RollBack(Exception):
    """Raised inside the writer's transaction to undo everything the batch wrote."""


class PipelinedStager:
    """Copy and upsert each chunk on a second connection while the caller checks the next one.

    Everything the writer does is in one transaction on its own connection, committed by ``merge`` or
    rolled back by ``discard``; other sessions never see a half-loaded batch. Only for PostgreSQL and only
    outside a caller's transaction (the writer could not see uncommitted rows of the caller).

    A chunk is first COPYed straight into the dataset's table under a savepoint: when its keys are all new
    (a first load, or new records of an incremental dataset) that is the cheapest way in. The first key
    that already exists (or repeats inside the batch) rolls that chunk back, and from then on every chunk
    goes through a temporary table and ``INSERT ... ON CONFLICT``. Lines are therefore complete rows of
    the dataset table: ``key, data`` and a tail with the dataset, batch and time.
    """

    QUEUED_CHUNKS = 2
    takes_lines = True
    COLUMNS = "key, data, dataset_code, batch_id, created_at, updated_at"

    def __init__(self, batch_id: int, dataset_code: str, chunk_rows: int = 50000):
        self.batch_id = batch_id
        self.dataset_code = dataset_code
        self.chunk_rows = chunk_rows
        now = timezone.now().isoformat()
        self.line_tail = f"\t{copy_text(dataset_code)}\t{int(batch_id)}\t{now}\t{now}\n"
        self.pending: list[str] = []
        self.staged = 0
        self.direct_chunks = 0
        self.dumps = _json_dumps()
        self.chunks: queue.Queue = queue.Queue(maxsize=self.QUEUED_CHUNKS)
        self.failure: BaseException | None = None
        self.removed = 0
        self.thread: threading.Thread | None = None

    @property
    def chunk_table(self) -> str:
        return f"datapool_chunk_{int(self.batch_id)}"

    def add(self, line: int, key: str, values: dict) -> bool:
        return self.add_line(f"{copy_text(key)}\t{copy_text(self.dumps(values))}{self.line_tail}")

    def add_line(self, text: str) -> bool:
        self.pending.append(text)
        if len(self.pending) >= self.chunk_rows:
            self.flush()
            return True
        return False

    def flush(self) -> None:
        if not self.pending:
            return
        self._raise_failure()
        self._start()
        self.chunks.put("".join(self.pending).encode("utf-8"))
        self.staged += len(self.pending)
        self.pending = []

    def discard(self) -> None:
        self.pending = []
        self._finish(_Finish())

    def merge(self, dataset_code: str, update_mode: str, record=None) -> int:
        """Commit the writer's transaction after the full-snapshot clean-up and ``record(removed)``."""
        self.flush()
        self._start()
        self._finish(_Finish(dataset_code, update_mode, record, commit=True))
        self._raise_failure()
        return self.removed

    def _raise_failure(self) -> None:
        if self.failure is not None:
            raise RuntimeError("datapool writer failed") from self.failure

    def _start(self) -> None:
        if self.thread is None:
            context = contextvars.copy_context()  # audit's request context goes along
            self.thread = threading.Thread(target=context.run, args=(self._write,), daemon=True,
                                           name=f"datapool-writer-{self.batch_id}")
            self.thread.start()

    def _finish(self, message: _Finish) -> None:
        if self.thread is None:
            return
        if self.thread.is_alive():
            self.chunks.put(message)
        self.thread.join()
        self.thread = None

    def _write(self) -> None:
        finished = False
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # Before the first temporary table of this new session: let a whole chunk stay in memory.
                cursor.execute("SET LOCAL temp_buffers = '64MB'")
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute(f"CREATE TEMPORARY TABLE {self.chunk_table} (line bigint GENERATED ALWAYS AS "
                               "IDENTITY, key text NOT NULL, data jsonb NOT NULL, dataset_code text NOT NULL, "
                               "batch_id bigint NOT NULL, created_at timestamptz NOT NULL, "
                               "updated_at timestamptz NOT NULL) ON COMMIT DROP")
                direct = True
                while True:
                    item = self.chunks.get()
                    if isinstance(item, _Finish):
                        finished = True
                        break
                    if direct:
                        direct = self._copy_direct(cursor, item)
                        if direct:
                            continue
                    self._copy_and_upsert(cursor, item)
                if not item.commit:
                    raise _RollBack
                if item.update_mode == UpdateMode.FULL:
                    self.removed = _remove_rows_of_other_batches(cursor, item.dataset_code, self.batch_id)
                if item.record is not None:
                    item.record(self.removed)
        except _RollBack:
            pass
        except BaseException as error:  # handed to the caller's thread, which fails the batch
            self.failure = error
            while not finished:  # keep the caller from blocking on a full queue
                finished = isinstance(self.chunks.get(), _Finish)
        finally:
            connection.close()

    def _copy_direct(self, cursor, chunk: bytes) -> bool:
        """COPY the chunk into the dataset table; False (and nothing written) if a key was there already."""
        try:
            with transaction.atomic(), cursor.cursor.copy(f"COPY {ROW_TABLE} ({self.COLUMNS}) FROM STDIN") as copy:
                copy.write(chunk)
        except UniqueViolation:
            return False
        self.direct_chunks += 1
        return True

    def _copy_and_upsert(self, cursor, chunk: bytes) -> None:
        with cursor.cursor.copy(f"COPY {self.chunk_table} ({self.COLUMNS}) FROM STDIN") as copy:
            copy.write(chunk)
        upsert = (
            f"INSERT INTO {ROW_TABLE} ({self.COLUMNS}) SELECT {self.COLUMNS} FROM ({{source}}) AS staged "
            "ON CONFLICT (dataset_code, key) DO UPDATE SET data = EXCLUDED.data, "
            "batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at"
        )
        try:
            with transaction.atomic():
                cursor.execute(upsert.format(source=f"SELECT * FROM {self.chunk_table}"))
        except DatabaseError as error:
            if getattr(error.__cause__, "sqlstate", None) != "21000":  # cardinality_violation: a key twice
                raise
            cursor.execute(upsert.format(
                source=f"SELECT DISTINCT ON (key) * FROM {self.chunk_table} ORDER BY key, line DESC"))
        cursor.execute(f"TRUNCATE {self.chunk_table}")
