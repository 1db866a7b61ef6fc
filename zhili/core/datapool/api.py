"""What scenes and other core packages may use from core.datapool (数据归集).

Declaring a scene's ``datasets.py`` (``DATASETS = [...]``): ``Dataset``, ``Field``; ``datasets``, ``get_dataset``.
Ingesting (validated rows with a report and lineage): ``ingest_file``, ``ingest_upload``, ``pull_from_url``.
Analytics on Ibis: ``ibis_table``, ``connect``, ``ENGINES``, ``postgres_connection``, ``pyspark_connection``;
    Parquet snapshots for province-scale files: ``snapshot_dataset``, ``snapshot_from_csv``.
"""

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
from .registry import datasets, get_dataset
from .services import ingest_file, ingest_upload, pull_from_url

__all__ = ["ENGINES", "Dataset", "Field", "connect", "datasets", "get_dataset", "ibis_table", "ingest_file",
           "ingest_upload", "postgres_connection", "pull_from_url", "pyspark_connection",
           "snapshot_dataset", "snapshot_from_csv"]
