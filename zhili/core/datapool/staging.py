"""Move validated rows into the staging area in chunks, then merge a whole batch in one statement.

On PostgreSQL the chunks go in with COPY and the merge is one ``INSERT ... SELECT ... ON CONFLICT``;
elsewhere (SQLite) the chunks go in with ``bulk_create``. Duplicate keys inside one batch: the last
line wins.
"""

import json

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .choices import UpdateMode
from .models import DatasetRow, StagedRow

ROW_TABLE = DatasetRow._meta.db_table
STAGE_TABLE = StagedRow._meta.db_table


def _copy_text(value: str) -> str:
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


class Stager:
    """Collect validated rows of one batch and write them to the staging table a chunk at a time."""

    def __init__(self, batch_id: int, chunk_rows: int = 20000):
        self.batch_id = batch_id
        self.chunk_rows = chunk_rows
        self.postgres = connection.vendor == "postgresql"
        self.pending: list = []
        self.staged = 0
        self.created = False
        self.dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

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
            self.pending.append(f"{line}\t{_copy_text(key)}\t{_copy_text(self.dumps(values))}\n")
        else:
            self.pending.append(StagedRow(batch_id=self.batch_id, line=line, key=key, data=values))
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
            StagedRow.objects.bulk_create(self.pending, batch_size=2000)
        self.staged += len(self.pending)
        self.pending = []

    def discard(self) -> None:
        self.pending = []
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {self.stage_table}")
        else:
            StagedRow.objects.filter(batch_id=self.batch_id).delete()

    def merge(self, dataset_code: str, update_mode: str) -> int:
        """Upsert the staged rows into the dataset (inside the caller's transaction) and empty the stage."""
        self.flush()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            if self.postgres:
                self._merge_postgres(cursor, dataset_code, now)
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
                cursor.execute(f"DELETE FROM {ROW_TABLE} WHERE dataset_code = %s AND batch_id <> %s",
                               [dataset_code, self.batch_id])
                removed = cursor.rowcount
            if self.postgres:
                cursor.execute(f"DROP TABLE IF EXISTS {self.stage_table}")
            else:
                cursor.execute(f"DELETE FROM {STAGE_TABLE} WHERE batch_id = %s", [self.batch_id])
        return removed

    def _merge_postgres(self, cursor, dataset_code: str, now) -> None:
        upsert = (
            f"INSERT INTO {ROW_TABLE} (dataset_code, key, data, batch_id, created_at, updated_at) "
            "SELECT %s, key, data, %s, %s, %s FROM ({source}) AS staged "
            "ON CONFLICT (dataset_code, key) DO UPDATE SET data = EXCLUDED.data, "
            "batch_id = EXCLUDED.batch_id, updated_at = EXCLUDED.updated_at"
        )
        plain = f"SELECT key, data FROM {self.stage_table}"
        # Most batches have unique keys; only when one does not is the sort that keeps the last line paid for.
        try:
            with transaction.atomic():
                cursor.execute(upsert.format(source=plain), [dataset_code, self.batch_id, now, now])
        except DatabaseError as error:
            if getattr(error.__cause__, "sqlstate", None) != "21000":  # cardinality_violation: a key twice
                raise
            deduplicated = f"SELECT DISTINCT ON (key) key, data FROM {self.stage_table} ORDER BY key, line DESC"
            cursor.execute(upsert.format(source=deduplicated), [dataset_code, self.batch_id, now, now])
