"""Load test (issue #21): other writes during a large contract import on SQLite; print one JSON object.

    python bench/import_lock.py [--quick] [--rows N] [--writers N]

On a scratch SQLite file (WAL, IMMEDIATE transactions, 20 s busy timeout: the deployed settings), HR imports
``--rows`` new contracts (5,000; ``--quick`` 1,000) with ``services.import_contract_batch`` while ``--writers``
(20) threads, started at even intervals over the import, each ask for an SMS login code
(``identity.services.request_login_code``: a challenge row, an SMS in the outbox, an audit entry), as workers
logging in at that moment would. ``errors`` counts the writes that failed ("database is locked");
``write_p95_ms`` is the 95th percentile of their times.

Baseline, same run: the same import inside one transaction, as the import ran before (``baseline_*``); the
writers there wait for the whole import and fail when it outlasts the busy timeout. Target: 0 errors.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contracts import cast, id_number, setup_django, sqlite_url  # noqa: E402
from runenv import production_mode  # noqa: E402

production_mode()


def new_sheet(rows: int, offset: int) -> bytes:
    """An XLSX of ``rows`` new hires whose ID numbers start at sequence ``offset`` (distinct per run)."""
    import io

    from openpyxl import Workbook

    from zhili.scenes.labor_contract import importing

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("新签合同")
    sheet.append([h for h, _n, _r in importing.NEW_CONTRACT_COLUMNS])
    for i in range(offset, offset + rows):
        sheet.append([f"新员工{i:06d}", id_number(600_000 + i), f"137{i:08d}", "操作工", "建德市新安江街道",
                      "固定期限", "2026-03-01", "2029-02-28", "", "3", "标准工时制", "5000", "4000"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _writer(phone: str, delay: float, outcomes: list, stop: threading.Event) -> None:
    from django.db import close_old_connections

    from zhili.core.identity import services as identity

    if stop.wait(delay):
        return
    started = time.perf_counter()
    try:
        identity.request_login_code(phone, ip_address="127.0.{}.{}".format(*divmod(int(phone[-4:]), 250)))
        outcomes.append(("ok", time.perf_counter() - started, ""))
    except Exception as exc:  # noqa: BLE001 - every failure is what this bench counts
        outcomes.append(("error", time.perf_counter() - started, f"{exc.__class__.__name__}: {exc}"))
    finally:
        close_old_connections()


def run(rows: int, writers: int, *, one_transaction: bool, spread_s: float, employer, hr, offset: int,
        run_index: int) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from zhili.scenes.labor_contract import services

    upload = SimpleUploadedFile("new.xlsx", new_sheet(rows, offset))
    outcomes: list = []
    stop = threading.Event()
    threads = [threading.Thread(target=_writer, args=(f"1390{run_index:03d}{i:04d}", 0.2 + spread_s * i / writers,
                                                      outcomes, stop))
               for i in range(writers)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    if one_transaction:
        with transaction.atomic():
            result = services.import_contract_batch(upload, employer=employer, actor=hr)
    else:
        result = services.import_contract_batch(upload, employer=employer, actor=hr)
    import_s = time.perf_counter() - started
    for thread in threads:
        thread.join()
    times = sorted(t for _status, t, _e in outcomes)
    errors = [e for status, _t, e in outcomes if status == "error"]
    return {"import_s": round(import_s, 2), "created": result.batch.created_count, "writes": len(outcomes),
            "errors": len(errors), "error_sample": errors[:1],
            "write_p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1) if times else None,
            "write_median_ms": round(statistics.median(times) * 1000, 1) if times else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    rows = args.rows or (1_000 if args.quick else 5_000)
    with tempfile.TemporaryDirectory(prefix="zhili-import-lock-") as folder:
        os.environ["ZHILI_SCENES"] = "labor_contract"
        setup_django(sqlite_url(folder, "bench.sqlite3"), folder)
        employer, hr = cast()
        # A warm-up import (template, rule data, caches), which also tells how long the timed import takes, so
        # that the writers are spread over the whole of it.
        warm = run(200, 0, one_transaction=False, spread_s=0, employer=employer, hr=hr, offset=900_000, run_index=0)
        spread = max(1.0, warm["import_s"] * rows / 200 * 0.8)
        current = run(rows, args.writers, one_transaction=False, spread_s=spread, employer=employer, hr=hr,
                      offset=0, run_index=1)
        baseline = None
        if not args.no_baseline:
            baseline = run(rows, args.writers, one_transaction=True, spread_s=spread, employer=employer, hr=hr,
                           offset=rows, run_index=2)
    result = {"bench": "import_lock", "database": "sqlite", "rows": rows, "writers": args.writers,
              "target_errors": 0, **current, "meets_target": current["errors"] == 0 and current["writes"] == args.writers}
    if baseline is not None:
        result.update({f"baseline_{k}": v for k, v in baseline.items() if k != "created"})
        result["errors_vs_baseline"] = f"{current['errors']}/{baseline['errors']}"
        if current["write_p95_ms"] and baseline["write_p95_ms"]:
            result["write_p95_ratio_vs_baseline"] = round(current["write_p95_ms"] / baseline["write_p95_ms"], 3)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
