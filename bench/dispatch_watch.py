"""Benchmark: every host-employer and agency check of dispatch_watch over a province's roster; print JSON.

    python bench/dispatch_watch.py                       # 10,000 agencies, 1,000,000 dispatched workers
    python bench/dispatch_watch.py --agencies 155 --workers 20000 --baseline-sample 155
    python bench/dispatch_watch.py --data DIR            # reuse files written by `synth_dispatch_watch --province DIR`

Steps:
1. ``synth.generate_province`` writes the roster, the hosts' workforce and outsourcing figures and the agencies
   as Parquet, with ``truth.csv`` naming each planted violation (not timed).
2. ``check_s``: DuckDB runs the scene's own statements (``services.checks.FACTS_SQL`` for every host,
   ``AGENCY_SQL`` for every agency) over the Parquet files, and flags each host (the 10 % cap, a main-business
   post, a temporary post over six months, a contract under two years, no insurance, insured elsewhere, pay under
   the equal-pay mark, false outsourcing) and each agency (licence not valid, capital under the minimum, a
   worker listed by another agency at once, contracts under two years). DuckDB is limited to ``--memory-limit``.
3. ``baseline_s``: the same checks as a per-agency Python loop (each agency's workers taken from the roster and
   walked row by row), timed on ``--baseline-sample`` agencies and scaled linearly to all of them
   (``baseline_measured_s`` is the unscaled time); its flags on the sample are compared with DuckDB's.
4. ``precision``/``recall``: flagged hosts and agencies against the planted truth. ``peak_mb``: the process's
   maximum resident set size.
"""

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 6, 30)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, help="a directory of files already written (skips step 1)")
    parser.add_argument("--baseline-sample", type=int, default=300, help="agencies the Python loop is timed on")
    parser.add_argument("--memory-limit", default="1500MB")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=26)
    return parser.parse_args()


def duckdb_checks(con, params, cap, agency_params):
    from zhili.scenes.dispatch_watch.services.checks import AGENCY_SQL, FACTS_SQL

    facts = con.execute(FACTS_SQL, params).fetchall()
    hosts = set()
    for row in facts:
        uscc, workforce, dispatched, *counts = row
        if (workforce and dispatched / workforce > cap) or any(c > 0 for c in counts):
            hosts.add(uscc)
    agencies = {row[0] for row in con.execute(AGENCY_SQL, agency_params).fetchall() if any(row[1:])}
    return hosts, agencies


def python_baseline(workers, hosts, agencies, sample, params, agency_params):
    """The per-agency loop: each sampled agency's rows taken from the roster, then walked one by one."""
    import pyarrow.compute as pc

    from zhili.scenes.dispatch_watch.rules import add_months, add_years

    day, cap = params["day"], params["cap"]
    host_info = {h["host_uscc"]: h for h in hosts.to_pylist()}
    agency_info = {a["agency_uscc"]: a for a in agencies.to_pylist()}
    active = workers.filter(pc.and_(pc.less_equal(workers["dispatch_start"], day),
                                    pc.greater_equal(workers["dispatch_end"], day)))
    flagged_hosts, flagged_agencies, host_counts = set(), set(), {}
    seen_keys: dict[str, set] = {}
    for agency in sample:
        rows = active.filter(pc.equal(active["agency_uscc"], agency)).to_pylist()
        info, short = agency_info[agency], 0
        for w in rows:
            seen_keys.setdefault(w["id_key"], set()).add(agency)
            h = host_counts.setdefault(w["host_uscc"], [0] * 8)
            h[0] += 1
            h[1] += w["post_nature"] == "other"
            h[2] += w["post_nature"] == "temporary" and w["dispatch_end"] > add_months(w["dispatch_start"],
                                                                                       params["temp_months"])
            is_short = w["contract_end"] < add_years(w["contract_start"], params["contract_years"]) - dt.timedelta(1)
            h[3] += is_short
            short += is_short
            h[4] += w["insurance_status"] != "paid"
            h[5] += w["work_county"] != w["insurance_county"]
            avg = host_info[w["host_uscc"]]["direct_avg_wage"]
            h[6] += avg > 0 and w["wage"] < params["pay_ratio"] * avg
        if (info["licence_expires_on"] < day or info["licence_status"] != "valid"
                or info["registered_capital"] < agency_params["capital_min"] or short):
            flagged_agencies.add(agency)
    for uscc, h in host_counts.items():
        info = host_info[uscc]
        workforce = info["direct_employees"] + h[0]
        payroll = info["outsourced_on_payroll"] if info["outsourcing_contract"] else 0
        if h[0] / workforce > cap or any(h[1:7]) or payroll > 0:
            flagged_hosts.add(uscc)
    flagged_agencies |= {a for agencies_of in seen_keys.values() if len(agencies_of) > 1 for a in agencies_of}
    return flagged_hosts, flagged_agencies


def main():  # noqa: PLR0915
    args = parse_args()
    os.environ["ZHILI_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import duckdb
    import pyarrow.parquet as pq

    from zhili.scenes.dispatch_watch.rules import rule
    from zhili.scenes.dispatch_watch.services.checks import fact_parameters
    from zhili.scenes.dispatch_watch.synth import generate_province

    with tempfile.TemporaryDirectory(prefix="zhili-bench-dispatch-") as scratch:
        data = args.data or Path(scratch)
        figures = None
        if args.data is None:
            started = time.perf_counter()
            figures = generate_province(data, agencies=args.agencies, workers=args.workers, day=DAY, seed=args.seed)
            synth_s = time.perf_counter() - started
        params = {**fact_parameters(DAY), "cap": float(rule("dispatch_cap", DAY).value)}
        agency_params = {"day": DAY, "capital_min": float(rule("registered_capital_min", DAY).value),
                         "contract_years": params["contract_years"]}
        con = duckdb.connect()
        con.execute(f"SET memory_limit = '{args.memory_limit}'")
        con.execute(f"SET threads = {args.threads}")
        started = time.perf_counter()
        for name in ("workers", "hosts", "agencies"):
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{data / (name + '.parquet')}')")
        sql_params = {k: v for k, v in params.items() if k != "cap"}
        hosts, agencies = duckdb_checks(con, sql_params, params["cap"], agency_params)
        check_s = time.perf_counter() - started

        with open(data / "truth.csv", encoding="utf-8") as handle:
            truth = list(csv.DictReader(handle))
        planted_hosts = {r["key"] for r in truth if r["kind"] == "host"}
        planted_agencies = {r["key"] for r in truth if r["kind"] == "agency"}
        flagged = {("host", h) for h in hosts} | {("agency", a) for a in agencies}
        planted = {("host", h) for h in planted_hosts} | {("agency", a) for a in planted_agencies}
        hit = len(flagged & planted)

        workers_t, hosts_t, agencies_t = (pq.read_table(data / f"{n}.parquet") for n in ("workers", "hosts", "agencies"))
        all_agencies = agencies_t["agency_uscc"].to_pylist()
        sample = random.Random(args.seed).sample(all_agencies, min(args.baseline_sample, len(all_agencies)))
        started = time.perf_counter()
        base_hosts, base_agencies = python_baseline(workers_t, hosts_t, agencies_t, sample, params, agency_params)
        baseline_measured_s = time.perf_counter() - started
        baseline_s = baseline_measured_s * len(all_agencies) / len(sample)
        # On the sample, the loop must flag the agencies DuckDB flags (listed-twice needs the whole roster).
        sample_set = set(sample)
        agree = {a for a in base_agencies if a in sample_set} >= {a for a in agencies if a in sample_set} - {
            r["key"] for r in truth if r["violation"] == "listed_twice"}

    result = {
        "agencies": len(all_agencies), "dispatched": workers_t.num_rows, "hosts": hosts_t.num_rows,
        "check_s": round(check_s, 2), "baseline_s": round(baseline_s, 2),
        "baseline_measured_s": round(baseline_measured_s, 2), "baseline_sample": len(sample),
        "ratio": round(baseline_s / check_s, 1) if check_s else None,
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "precision": round(hit / len(flagged), 4) if flagged else None,
        "recall": round(hit / len(planted), 4) if planted else None,
        "flagged_hosts": len(hosts), "flagged_agencies": len(agencies),
        "planted_hosts": len(planted_hosts), "planted_agencies": len(planted_agencies),
        "baseline_agrees_on_sample": agree, "engine": "duckdb", "threads": args.threads,
        "memory_limit": args.memory_limit,
    }
    if figures is not None:
        result["synth_s"] = round(synth_s, 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
