"""Read any dataset as an Ibis table: on DuckDB or PySpark over a Parquet snapshot, or on PostgreSQL directly.

Every engine sees the same columns: ``_key`` (the row key), ``_batch_id`` (the batch that last wrote the
row) and one typed column per declared field. Decimals are read as double precision for analytics; the
stored rows keep their exact text.
"""

import datetime as dt
import os
import re
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

from .choices import FieldType
from .declarations import Dataset
from .models import DatasetRow
from .registry import get_dataset

ENGINES = ("duckdb", "postgres", "pyspark")
SAFE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
IBIS_TYPES = {FieldType.STRING: "string", FieldType.INTEGER: "int64", FieldType.DECIMAL: "float64",
              FieldType.DATE: "date", FieldType.DATETIME: "timestamp", FieldType.BOOLEAN: "boolean"}
PG_CASTS = {FieldType.STRING: "text", FieldType.INTEGER: "bigint", FieldType.DECIMAL: "double precision",
            FieldType.DATE: "date", FieldType.DATETIME: "timestamp", FieldType.BOOLEAN: "boolean"}


def _arrow_schema(dataset: Dataset):
    import pyarrow as pa

    types = {FieldType.STRING: pa.string(), FieldType.INTEGER: pa.int64(), FieldType.DECIMAL: pa.float64(),
             FieldType.DATE: pa.date32(), FieldType.DATETIME: pa.timestamp("us"), FieldType.BOOLEAN: pa.bool_()}
    return pa.schema([("_key", pa.string()), ("_batch_id", pa.int64()),
                      *[(f.name, types[f.type]) for f in dataset.fields]])


def _to_date(text):
    return None if text is None else dt.date.fromisoformat(text)


def _to_datetime(text):
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def _to_float(text):
    return None if text is None else float(text)


CONVERT = {FieldType.DATE: _to_date, FieldType.DATETIME: _to_datetime, FieldType.DECIMAL: _to_float}


def snapshot_path(code: str) -> Path:
    return Path(settings.VAR_DIR) / "datapool" / "snapshots" / f"{code}.parquet"


def _partial(path: Path) -> Path:
    """Where a snapshot is written before it replaces ``path``: one file per writer (process and thread), so two
    writers of the same dataset never write into, or rename, each other's file."""
    return path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.partial")


def snapshot_dataset(code: str, *, chunk_rows: int = 50000) -> Path:
    """Write the dataset's stored rows, typed by its schema, to a Parquet file and return its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    dataset = get_dataset(code)
    schema = _arrow_schema(dataset)
    path = snapshot_path(code)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    converters = [(f.name, CONVERT.get(f.type)) for f in dataset.fields]
    rows = (DatasetRow.objects.filter(dataset_code=code).order_by("id")
            .values_list("key", "batch_id", "data").iterator(chunk_size=chunk_rows))
    with pq.ParquetWriter(partial, schema) as writer:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= chunk_rows:
                writer.write_batch(_record_batch(chunk, converters, schema, pa))
                chunk = []
        writer.write_batch(_record_batch(chunk, converters, schema, pa))
    partial.replace(path)
    return path


DUCKDB_TYPES = {FieldType.STRING: "VARCHAR", FieldType.INTEGER: "BIGINT", FieldType.DECIMAL: "DOUBLE",
                FieldType.DATE: "DATE", FieldType.DATETIME: "TIMESTAMP", FieldType.BOOLEAN: "BOOLEAN"}


def snapshot_from_csv(code: str, source: Path, target: Path | None = None, *, memory_limit: str = "8GB") -> Path:
    """Write a department's CSV file (header row, the dataset's columns) straight to a typed Parquet snapshot.

    The bulk lane for province-scale files (hundreds of millions of rows), where storing every row in the
    database first would take hours: DuckDB parses and types the file by the dataset's schema and writes the
    same columns as ``snapshot_dataset`` (``_key`` from the key fields, ``_batch_id`` 0). A value that does not
    parse as its declared type fails the whole file with DuckDB's message (line and column); nothing is
    written then. Returns the Parquet path (``target``, or the dataset's snapshot path).
    """
    import duckdb

    dataset = get_dataset(code)
    for name in dataset.field_names:
        if not SAFE_NAME.match(name):
            raise ValueError(f"unsafe name {name!r} in dataset {dataset.code!r}")
    target = Path(target) if target else snapshot_path(code)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(target)
    columns = ", ".join(f"'{f.name}': '{DUCKDB_TYPES[f.type]}'" for f in dataset.fields)
    key = "concat_ws(chr(31), " + ", ".join(f'CAST("{name}" AS VARCHAR)' for name in dataset.key) + ")"
    fields = ", ".join(f'"{name}"' for name in dataset.field_names)
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"COPY (SELECT {key} AS _key, CAST(0 AS BIGINT) AS _batch_id, {fields} "
                    f"FROM read_csv(?, header = true, columns = {{{columns}}})) TO '{partial}' (FORMAT parquet)",
                    [str(source)])
    finally:
        con.close()
    partial.replace(target)
    return target


def _record_batch(chunk, converters, schema, pa):
    columns = [[key for key, _, _ in chunk], [batch for _, batch, _ in chunk]]
    for name, convert in converters:
        values = [data.get(name) for _, _, data in chunk]
        columns.append([convert(v) for v in values] if convert else values)
    return pa.record_batch(columns, schema=schema)


def ibis_schema(dataset: Dataset) -> dict[str, str]:
    return {"_key": "string", "_batch_id": "int64", **{f.name: IBIS_TYPES[f.type] for f in dataset.fields}}


def postgres_query(dataset: Dataset) -> str:
    """SQL that presents the dataset's JSON rows as typed columns on PostgreSQL."""
    for name in [dataset.code, *dataset.field_names]:
        if not SAFE_NAME.match(name):
            raise ValueError(f"unsafe name {name!r} in dataset {dataset.code!r}")
    columns = ", ".join(f"(data->>'{f.name}')::{PG_CASTS[f.type]} AS \"{f.name}\"" for f in dataset.fields)
    return (f"SELECT key AS _key, batch_id AS _batch_id, {columns} FROM {DatasetRow._meta.db_table} "
            f"WHERE dataset_code = '{dataset.code}'")


def postgres_connection():
    """An Ibis PostgreSQL connection to the Django database (which must be PostgreSQL)."""
    import ibis

    if connection.vendor != "postgresql":
        raise RuntimeError("the Django database is not PostgreSQL")
    params = connection.settings_dict
    return ibis.postgres.connect(host=params["HOST"] or "127.0.0.1", port=int(params["PORT"] or 5432),
                                 user=params["USER"] or None, password=params["PASSWORD"] or None,
                                 database=params["NAME"])


_spark_session = None


def pyspark_connection():
    """An Ibis connection to one local PySpark session, started on first use and kept for the process."""
    global _spark_session
    import ibis
    from django.core.exceptions import ImproperlyConfigured

    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ImproperlyConfigured("PySpark 引擎未安装：它是可选组件，请安装 zhili[spark]（pip install 'zhili[spark]'）"
                                   "或改用 duckdb / postgres 引擎") from exc

    if _spark_session is None:
        _spark_session = (SparkSession.builder.master("local[1]").appName("zhili-indicators")
                          .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                          .config("spark.sql.session.timeZone", "UTC").getOrCreate())
        _spark_session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(_spark_session)


def connect(engine: str):
    """A fresh Ibis connection for ``engine`` (duckdb, postgres or pyspark)."""
    import ibis

    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "postgres":
        return postgres_connection()
    if engine == "pyspark":
        return pyspark_connection()
    raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")


def ibis_table(code: str, engine: str = "duckdb", *, con=None, refresh: bool = True):
    """The dataset ``code`` as an Ibis table on ``engine`` (a connection may be passed in to share it)."""
    dataset = get_dataset(code)
    con = con if con is not None else connect(engine)
    if engine == "postgres":
        return con.sql(postgres_query(dataset), schema=ibis_schema(dataset))
    path = snapshot_dataset(code) if refresh or not snapshot_path(code).exists() else snapshot_path(code)
    return con.read_parquet(str(path), table_name=f"dataset_{code}")
