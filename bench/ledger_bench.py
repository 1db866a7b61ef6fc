"""Benchmark: ledger appends per second and inclusion-proof latency on PostgreSQL; print JSON figures.

    python bench/ledger_bench.py [--entries N] [--batch B] [--proofs P] [--database-url postgresql://...]

Appends ``--entries`` records (default 200,000; the issue's case is ``--entries 10000000``) with
``ledger.append_many`` in batches of ``--batch``, then times ``--proofs`` inclusion proofs for random indexes at
the final tree size, and a few hundred single ``ledger.append`` calls (one transaction each). It runs in a
scratch database (``zhili_bench_ledger`` on ZHILI_DATABASE_URL's server unless named), dropped and recreated
first. Targets from issue #3: ≥ 5,000 appends/s, inclusion proof ≤ 2 ms at 10 million entries.
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--proofs", type=int, default=2000)
    parser.add_argument("--singles", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    return parser.parse_args()


def scratch_database_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    server = os.environ.get("ZHILI_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return server.rsplit("/", 1)[0] + "/zhili_bench_ledger"


def recreate(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def records(start: int, count: int) -> list[dict]:
    return [{"kind": "bench.evidence", "subject": ("bench.document", str(i)),
             "digest": hashlib.sha256(str(i).encode()).hexdigest(), "data": {"n": i}}
            for i in range(start, start + count)]


def main() -> None:
    args = parse_args()
    url = scratch_database_url(args.database_url)
    recreate(url)
    os.environ["ZHILI_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    os.environ.setdefault("ZHILI_LEDGER_CHECKPOINT_EVERY", "0")
    os.environ.setdefault("ZHILI_LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from zhili.core.ledger import api as ledger

    append_seconds = 0.0
    done = 0
    while done < args.entries:
        count = min(args.batch, args.entries - done)
        batch = records(done, count)  # built outside the timing: the caller's cost, not the ledger's
        started = time.perf_counter()
        ledger.append_many(batch)
        append_seconds += time.perf_counter() - started
        done += count

    size = ledger.tree_size()
    root = ledger.root(size)
    rng = random.Random(3)
    timings, verified = [], 0
    for _ in range(args.proofs):
        index = rng.randrange(size)
        started = time.perf_counter()
        proof = ledger.inclusion_proof(index, size)
        timings.append((time.perf_counter() - started) * 1000)
        leaf = hashlib.sha256(b"\x00" + ledger.entry(index).record.encode()).digest()
        verified += ledger.verify_inclusion(leaf, index, size, proof, root)

    started = time.perf_counter()
    for i in range(args.singles):
        ledger.append(**records(size + i, 1)[0])
    single_seconds = time.perf_counter() - started

    timings.sort()
    appends_per_s = args.entries / append_seconds
    proof_median = statistics.median(timings)
    print(json.dumps({
        "entries": size,
        "batch": args.batch,
        "appends_per_s": round(appends_per_s),
        "single_appends_per_s": round(args.singles / single_seconds) if args.singles else None,
        f"proof_ms_at_{size}": {"median": round(proof_median, 3), "p95": round(timings[int(len(timings) * 0.95)], 3),
                                "samples": len(timings), "verified": verified},
        "ratio_appends_vs_target": round(appends_per_s / TARGET_APPENDS_PER_S, 2),
        "ratio_proof_median_vs_target": round(proof_median / TARGET_PROOF_MS, 3),
    }, indent=2))


if __name__ == "__main__":
    main()
