"""Benchmark: ingest a large CSV into a dataset on PostgreSQL; print JSON figures.

    python bench/engines.py [--quick] [--rows N] [--database-url postgresql://...]

Default 10,000,000 rows (``--quick``: 1,000,000). The CSV is generated first (not timed), then loaded with
``datapool.services.ingest_file`` — streamed validation by a function compiled from the schema, while a second
connection COPYs each chunk (straight into the dataset table while keys are new, else through a temporary
table and ``INSERT ... ON CONFLICT``), all in one transaction committed at the end — into the
test dataset ``dummy_wage_payments`` of a scratch database (``zhili_bench`` unless named). The baseline is the
naive per-row path (validate, then ORM ``update_or_create``) measured on a small sample in the same run.
Peak memory is the process's maximum resident set size (``ru_maxrss``). Because the machine may be shared,
the JSON also gives the CPU seconds this process spent ingesting and the load average before and after.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_ROWS = 2000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000,000 rows instead of 10,000,000")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL URL of a scratch database (default: ZHILI_DATABASE_URL's server, zhili_bench)")
    return parser.parse_args()


def scratch_database_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    server = os.environ.get("ZHILI_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return server.rsplit("/", 1)[0] + "/zhili_bench"


def ensure_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as con:
        if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            con.execute(f'CREATE DATABASE "{name}"')


def generate_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("payment_id,uscc,paid_on,amount,status,workers\n")
        statuses = ("paid", "paid", "paid", "late", "unpaid")
        block = []
        for i in range(rows):
            block.append(f"P{i:09d},91330100MA{i % 100000:08d},2025-{1 + i % 12:02d}-{1 + i % 28:02d},"
                         f"{1000 + i % 50000}.{i % 100:02d},{statuses[i % 5]},{i % 300}\n")
            if len(block) == 100000:
                handle.write("".join(block))
                block = []
        handle.write("".join(block))


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    args = parse_args()
    rows = args.rows or (1_000_000 if args.quick else 10_000_000)
    url = scratch_database_url(args.database_url)
    ensure_database(url)
    os.environ["ZHILI_DATABASE_URL"] = url
    os.environ["ZHILI_TESTING"] = "1"  # installs the test scene whose dataset the benchmark loads
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from zhili.core.datapool.models import Batch, DatasetRow
    from zhili.core.datapool.registry import get_dataset
    from zhili.core.datapool.services import ingest_file
    from zhili.core.datapool.validation import RowValidator

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE datapool_datasetrow, datapool_stagedrow")

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "payments.csv"
        generate_csv(path, rows)
        size = path.stat().st_size

        load_before = os.getloadavg()[0]
        cpu_before = _cpu_s()
        started = time.perf_counter()
        batch = ingest_file("dummy_wage_payments", path, actor="bench", chunk_rows=50000)
        ingest_s = time.perf_counter() - started
        ingest_cpu_s = _cpu_s() - cpu_before
        load_after = os.getloadavg()[0]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if batch.status != "succeeded":
            raise SystemExit(f"batch failed: {batch.failure_reason}")
        stored = DatasetRow.objects.filter(dataset_code="dummy_wage_payments").count()

        import csv

        dataset = get_dataset("dummy_wage_payments")
        validator = RowValidator(dataset)
        with open(path, encoding="utf-8") as handle:
            sample = [row for _, row in zip(range(BASELINE_ROWS), csv.DictReader(handle), strict=False)]
        started = time.perf_counter()
        for row in sample:
            key, values, problems = validator.validate(row)
            DatasetRow.objects.update_or_create(dataset_code=dataset.code, key=f"baseline-{key}",
                                                defaults={"data": values, "batch": batch})
        baseline_s = time.perf_counter() - started
        DatasetRow.objects.filter(key__startswith="baseline-").delete()

    ingest_rate = rows / ingest_s
    baseline_rate = len(sample) / baseline_s
    print(json.dumps({
        "rows": rows,
        "csv_mb": round(size / 2**20, 1),
        "ingest_s": round(ingest_s, 2),
        "ingest_rows_per_s": round(ingest_rate),
        "ingest_peak_mb": round(peak_mb, 1),
        "ingest_python_cpu_s": round(ingest_cpu_s, 2),
        "load_avg_1m_before_after": [round(load_before, 2), round(load_after, 2)],
        "rows_stored": stored,
        "rows_accepted": batch.rows_accepted,
        "baseline": "per-row ORM update_or_create",
        "baseline_rows": len(sample),
        "baseline_rows_per_s": round(baseline_rate),
        "ratio": round(ingest_rate / baseline_rate, 1),
        "database": connection.vendor,
        "batches_in_db": Batch.objects.count(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
