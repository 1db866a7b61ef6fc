"""Declared fact tables: one de-identified row per source record, stored as Parquet (DuckDB) and mirrored on PostgreSQL.

A scene declares a ``FactTable`` in its ``dashboards.py``: a code, an Arrow-typed schema, the key column and a
``build(since)`` function that returns the rows of the source records changed since ``since`` (all rows when
``since`` is None) as a ``pyarrow.Table``. ``services.refresh_facts`` merges those rows into the stored table by
key. Analyses read the table with ``fact_table(code)`` as an Ibis table on DuckDB (default) or PostgreSQL.
"""

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from zhili.core.foundation.registry import Registry

fact_tables = Registry("fact tables")
SAFE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
ENGINES = ("duckdb", "postgres")
PG_TYPES = {"string": "text", "int64": "bigint", "int32": "integer", "float64": "double precision",
            "bool": "boolean", "date32[day]": "date", "timestamp[us]": "timestamp"}


@dataclass(frozen=True)
class FactTable:
    """A fact table's declaration: ``columns`` maps names to Arrow type names (string, int64, float64, bool,
    date32[day], timestamp[us]); ``build(since)`` returns a ``pyarrow.Table`` with exactly those columns."""

    code: str
    columns: dict[str, str]
    key: str
    build: Callable[[dt.datetime | None], object]
    label: str = ""
    after_refresh: Callable[[int], None] | None = None
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The SQL-safe name of the table (``labor_contract.contracts`` → ``labor_contract_contracts``)."""
        name = self.code.replace(".", "_")
        if not SAFE_NAME.match(name):
            raise ValueError(f"unsafe fact table code {self.code!r}")
        return name

    def arrow_schema(self):
        import pyarrow as pa

        return pa.schema([(name, pa.type_for_alias(kind)) for name, kind in self.columns.items()])

    def empty(self):
        return self.arrow_schema().empty_table()


def register_fact_table(table: FactTable) -> FactTable:
    """Declare ``table`` (call from a scene's ``dashboards.py``)."""
    table.name  # noqa: B018  (validates the code)
    return fact_tables.register(table.code, table)


def get_fact_table(code_or_table) -> FactTable:
    return code_or_table if isinstance(code_or_table, FactTable) else fact_tables[code_or_table]


def parquet_path(table: FactTable) -> Path:
    return Path(settings.VAR_DIR) / "dashboards" / "facts" / f"{table.name}.parquet"


def postgres_table_name(table: FactTable) -> str:
    return f"dashboards_facts_{table.name}"


def read_stored(table: FactTable):
    """The stored facts as a ``pyarrow.Table`` (empty when never refreshed)."""
    import pyarrow.parquet as pq

    path = parquet_path(table)
    return pq.read_table(path) if path.exists() else table.empty()


def merge(table: FactTable, stored, changed):
    """``stored`` with every row whose key is in ``changed`` replaced by the changed row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if changed.num_rows == 0:
        return stored
    keep = pc.invert(pc.is_in(stored[table.key], value_set=changed[table.key]))
    return pa.concat_tables([stored.filter(keep), changed.cast(stored.schema)])


def write_stored(table: FactTable, facts) -> None:
    """Replace the stored Parquet file atomically, and the PostgreSQL mirror when the database is PostgreSQL."""
    import pyarrow.parquet as pq

    path = parquet_path(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.partial")
    pq.write_table(facts.cast(table.arrow_schema()), partial, row_group_size=256_000)
    partial.replace(path)
    if connection.vendor == "postgresql":
        write_postgres_mirror(table, facts)


def write_postgres_mirror(table: FactTable, facts, *, con=None) -> None:
    """Rewrite the mirror table with COPY (in the caller's transaction when ``con`` is Django's connection)."""
    name = postgres_table_name(table)
    columns = ", ".join(f'"{c}" {PG_TYPES[kind]}' for c, kind in table.columns.items())
    con = con or connection
    with con.cursor() as cursor:
        cursor.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})')
        cursor.execute(f'TRUNCATE "{name}"')
        raw = getattr(cursor, "cursor", cursor)
        names = list(table.columns)
        with raw.copy(f'COPY "{name}" ({", ".join(chr(34) + c + chr(34) for c in names)}) FROM STDIN') as copy:
            for batch in facts.to_batches(max_chunksize=50_000):
                data = batch.to_pydict()
                for row in zip(*(data[c] for c in names), strict=True):
                    copy.write_row(row)


_local = threading.local()


def duckdb_connection():
    """An Ibis DuckDB connection kept per thread (DuckDB connections are not shared between threads)."""
    import ibis

    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = ibis.duckdb.connect()
    return con


def fact_table(code_or_table, engine: str = "duckdb", *, con=None):
    """The stored facts as an Ibis table on ``engine`` (duckdb over the Parquet file, or the PostgreSQL mirror)."""
    table = get_fact_table(code_or_table)
    if engine == "duckdb":
        con = con or duckdb_connection()
        path = parquet_path(table)
        if not path.exists():
            import ibis

            return ibis.memtable(table.empty())
        stat = path.stat()
        stamp = (str(path), stat.st_mtime_ns, stat.st_size)
        cache = getattr(_local, "tables", None)
        if cache is None:
            cache = _local.tables = {}
        key = (id(con), table.code)
        if key not in cache or cache[key][0] != stamp:
            # A native DuckDB table: the facts are read from Parquet once per refresh, not once per query.
            name = f"facts_{table.name}"
            con.raw_sql(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_parquet('{path}')")
            cache[key] = (stamp, con.table(name))
        return cache[key][1]
    if engine == "postgres":
        from zhili.core.datapool.api import postgres_connection

        con = con or postgres_connection()
        return con.table(postgres_table_name(table))
    raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
