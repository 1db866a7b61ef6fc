"""Benchmark: ledger appends per second and inclusion-proof latency at a given size; print one JSON object.

    python bench/ledger_bench.py [--entries N] [--quick] [--keep] [--batch B] [--build-batch B]
                                 [--rate-entries R] [--proofs P] [--singles S] [--database-url URL]

The ledger is grown to ``--entries`` records (default 10,000,000, the size issue #3 names; ``--quick``
100,000) through the real write path, ``ledger.append_many`` (one transaction and one COPY per batch), in
batches of ``--build-batch``. Then ``--rate-entries`` more records are appended in batches of ``--batch``
and timed: that is ``appends_per_s``, measured on a ledger already at full size. Then ``--proofs``
inclusion proofs for random indexes are timed at the final size and each is checked against the root with
the RFC 9162 verifier, and ``--singles`` single ``ledger.append`` calls (one transaction each) are timed.

It runs in a scratch database, ``zhili_bench_ledger_<entries>`` on ZHILI_DATABASE_URL's server (or
``--database-url``; a ``sqlite:///`` URL works too). Without ``--keep`` it is dropped and recreated first
and dropped at the end. With ``--keep`` it is kept and reused: a rerun finds the ledger already built and
only appends the timed records, so building 10 million entries (minutes) happens once.
Targets (issue #3): ≥ 5,000 appends/s, inclusion proof ≤ 2 ms at 10 million entries.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_APPENDS_PER_S = 5000
TARGET_PROOF_MS = 2.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=None, help="ledger size to reach (default 10,000,000)")
    parser.add_argument("--quick", action="store_true", help="100,000 entries")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and reuse it on a rerun")
    parser.add_argument("--batch", type=int, default=5000, help="records per append_many call in the timed part")
    parser.add_argument("--build-batch", type=int, default=20_000, help="records per append_many call when building")
    parser.add_argument("--rate-entries", type=int, default=None, help="timed appends (default 50,000; quick 20,000)")
    parser.add_argument("--proofs", type=int, default=2000)
    parser.add_argument("--singles", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    args.entries = args.entries or (100_000 if args.quick else 10_000_000)
    args.rate_entries = args.rate_entries if args.rate_entries is not None else (20_000 if args.quick else 50_000)
    return args


def scratch_database_url(explicit: str | None, entries: int) -> str:
    if explicit:
        return explicit
    server = os.environ.get("ZHILI_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return server.rsplit("/", 1)[0] + f"/zhili_bench_ledger_{entries}"


def prepare(url: str, *, keep: bool) -> str:
    """Create the scratch database (dropping an old one unless ``keep``); return "postgresql" or "sqlite"."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        return "sqlite"
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return "postgresql"


def drop(url: str) -> None:
    from django.db import connections

    connections.close_all()
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url[len("sqlite:///"):] + suffix).unlink(missing_ok=True)
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["ZHILI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    os.environ.setdefault("ZHILI_LEDGER_CHECKPOINT_EVERY", "0")
    os.environ.setdefault("ZHILI_LOG_LEVEL", "ERROR")
    os.environ.setdefault("ZHILI_SCENES", "")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def records(start: int, count: int) -> list[dict]:
    return [{"kind": "bench.evidence", "subject": ("bench.document", str(i)),
             "digest": hashlib.sha256(str(i).encode()).hexdigest(), "data": {"n": i}}
            for i in range(start, start + count)]


def grow(target: int, batch: int, *, progress: bool = False) -> tuple[int, float]:
    """Append records until the ledger holds ``target``; return (appended, seconds spent in append_many)."""
    from zhili.core.ledger import api as ledger

    size = ledger.tree_size()
    appended, seconds, reported = 0, 0.0, size
    while size < target:
        count = min(batch, target - size)
        chunk = records(size, count)  # built outside the timing: the caller's cost, not the ledger's
        started = time.perf_counter()
        ledger.append_many(chunk)
        seconds += time.perf_counter() - started
        size += count
        appended += count
        if progress and size - reported >= 500_000:
            reported = size
            print(f"ledger: {size:,} entries ({appended / seconds:,.0f} appends/s)", file=sys.stderr, flush=True)
    return appended, seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(args) -> dict:
    """Build (if needed), time appends, proofs and single appends in the configured database."""
    from zhili.core.ledger import api as ledger

    before = ledger.tree_size()
    built, build_seconds = grow(max(args.entries - args.rate_entries, 0), args.build_batch, progress=True)
    size = ledger.tree_size()
    appended, append_seconds = grow(size + args.rate_entries, args.batch)

    size = ledger.tree_size()
    root = ledger.root(size)
    rng = random.Random(3)
    timings, cpu, verified = [], [], 0
    for _ in range(args.proofs):
        index = rng.randrange(size)
        started, started_cpu = time.perf_counter(), time.process_time()
        proof = ledger.inclusion_proof(index, size)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        verified += ledger.verify_inclusion(ledger.hash_leaf(ledger.entry(index).record.encode()), index, size,
                                            proof, root)

    single_seconds = 0.0
    for i in range(args.singles):
        record = records(size + i, 1)[0]
        started = time.perf_counter()
        ledger.append(**record)
        single_seconds += time.perf_counter() - started

    appends_per_s = appended / append_seconds if append_seconds else None
    proof_median = statistics.median(timings) if timings else None
    return {
        "entries": size,
        "entries_before_run": before,
        "built_this_run": built,
        "build_appends_per_s": round(built / build_seconds) if built else None,
        "build_s": round(build_seconds, 1),
        "batch": args.batch,
        "appended_timed": appended,
        "appends_per_s": round(appends_per_s) if appends_per_s else None,
        "single_appends_per_s": round(args.singles / single_seconds) if args.singles else None,
        "proof_median_ms": round(proof_median, 3) if proof_median is not None else None,
        "proof_p95_ms": round(percentile(timings, 0.95), 3) if timings else None,
        "proof_median_cpu_ms": round(statistics.median(cpu), 3) if cpu else None,
        "proofs": len(timings),
        "proofs_verified": verified,
        "ratio_appends_vs_target": round(appends_per_s / TARGET_APPENDS_PER_S, 2) if appends_per_s else None,
        "ratio_proof_median_vs_target": round(proof_median / TARGET_PROOF_MS, 3) if proof_median else None,
    }


def main(argv=None) -> None:
    args = parse_args(argv)
    url = scratch_database_url(args.database_url, args.entries)
    kind = prepare(url, keep=args.keep)
    setup_django(url)
    try:
        result = measure(args)
    finally:
        if not args.keep:
            drop(url)
    result.update({
        "database": kind,
        "database_kept": args.keep,
        "cpu_affinity": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "targets": {"appends_per_s": TARGET_APPENDS_PER_S, "proof_ms_at_10m": TARGET_PROOF_MS},
    })
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
