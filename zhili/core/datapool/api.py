"""What other packages may call in the data pool."""

from .analytics import (
    ENGINES,
    connect,
    ibis_table,
    postgres_connection,
    pyspark_connection,
    snapshot_dataset,
    snapshot_from_csv,
)
from .declarations import Dataset, Field
from .registry import datasets, get_dataset, register_module
from .services import ingest_file, ingest_upload, pull_from_url

__all__ = ["ENGINES", "Dataset", "Field", "connect", "datasets", "get_dataset", "ibis_table", "ingest_file",
           "ingest_upload", "postgres_connection", "pull_from_url", "pyspark_connection", "register_module",
           "snapshot_dataset", "snapshot_from_csv"]
