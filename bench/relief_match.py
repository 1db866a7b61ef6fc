"""Benchmark: 助共体 discovery and matching of every help policy for a county; print JSON figures.

    python bench/relief_match.py --quick            # 20,000 persons
    python bench/relief_match.py                    # 450,000 persons, ~13 million records (issue #23)
    python bench/relief_match.py --data DIR         # reuse files written by `zhili synth_relief_match --out DIR`

Steps:
1. ``synth`` writes the departments' CSV files and the planted truth (``synth_s``, not in the ratio).
2. Each file goes to a typed Parquet snapshot through ``core.datapool.snapshot_from_csv`` (``snapshot_s``: the
   data pool's bulk lane for county-scale files).
3. ``discover_s``: facts from the 18 datasets (one Ibis query, materialised in DuckDB) plus the discovery rules
   for every household; ``match_s``: the 46 help policies for every household (one query). Both on DuckDB
   (``facts_s`` is the facts' part of ``discover_s``).
4. ``explain_p95_ms``: one household's explanation (its kept facts read by key from the sorted Parquet file,
   then all 46 policies decided with every condition explained) for ``--explain-sample`` random households.
5. ``baseline_s``: household by household in Python: each household's facts computed from its own records
   (``facts.facts_from_records``) and every discovery rule and help policy decided (``decide_all``). Timed on
   ``--baseline-sample`` households whose records were read beforehand (reading is not timed: the baseline is
   given its data for free), scaled linearly to all households; ``baseline_measured_s`` is the unscaled time.
   The baseline's decisions are checked equal to the engine's on the sample (``baseline_agrees``).
6. ``precision``/``recall``: the (household, rule) warnings found against the planted truth.
``peak_mb`` is the process's maximum resident set size (DuckDB's memory included).
"""

import argparse
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
COUNTY = 450_000
QUICK = 20_000
ON = dt.date(2025, 12, 31)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 persons")
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument("--baseline-sample", type=int, default=2000)
    parser.add_argument("--explain-sample", type=int, default=200)
    parser.add_argument("--keep", default=None, help="write the synthetic files here and keep them")
    parser.add_argument("--data", default=None, help="reuse the synthetic files in this folder (summary.json)")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit")
    return parser.parse_args()


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def precision_recall(run, truth):
    flagged, planted = set(), set()
    keys = run.warnings.keys()
    for policy in run.warnings.policies:
        flagged |= {(k, policy.code) for k, s in zip(keys, run.warnings.statuses(policy.code), strict=True)
                    if s == "eligible"}
        planted |= {(k, policy.code) for k in truth.get(policy.code, ())}
    hits = len(flagged & planted)
    return (round(hits / len(flagged), 4) if flagged else 0.0), (round(hits / len(planted), 4) if planted else 0.0), \
        len(flagged), len(planted)


def main():  # noqa: PLR0915
    args = parse_args()
    persons = args.persons or (QUICK if args.quick else COUNTY)
    os.environ["ZHILI_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.TemporaryDirectory()
    os.environ["ZHILI_VAR_DIR"] = str(Path(scratch.name) / "var")
    import django

    django.setup()
    import duckdb
    import ibis
    import ibis.backends.duckdb.converter  # noqa: F401 (imports pandas: process start-up, not the run)

    from zhili.core.datapool.api import snapshot_from_csv
    from zhili.core.policy.api import decide_all, get_domain
    from zhili.scenes.relief_match.engine import FactReader, explain, help_policies, run_county, warning_rules
    from zhili.scenes.relief_match.facts import DATASET_CODES, facts_from_records, records_of
    from zhili.scenes.relief_match.synth import generate

    figures = {"persons": persons}
    if args.data:
        folder = Path(args.data)
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        figures["synth_s"] = None
    else:
        folder = Path(args.keep or scratch.name)
        started = time.perf_counter()
        summary = generate(folder, persons=persons, on=ON)
        (folder / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
        figures["synth_s"] = round(time.perf_counter() - started, 2)
    figures.update(persons=summary["persons"], households=summary["households"], records=summary["records"])
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["truth"]

    from zhili.core.datapool.analytics import snapshot_path

    started = time.perf_counter()
    for code in DATASET_CODES:
        snapshot_from_csv(code, folder / f"{code}.csv", memory_limit=args.memory_limit)
    figures["snapshot_s"] = round(time.perf_counter() - started, 2)
    snapshots = snapshot_path("rm_persons").parent

    domain = get_domain("relief_match")
    con = ibis.duckdb.connect()
    con.raw_sql(f"SET memory_limit = '{args.memory_limit}'")
    started = time.perf_counter()
    run = run_county(domain, ON, con=con)
    total = time.perf_counter() - started
    figures["facts_s"] = round(run.timings["facts_s"], 2)
    figures["discover_s"] = round(run.timings["facts_s"] + run.timings["discover_s"], 2)
    figures["match_s"] = round(run.timings["match_s"], 2)
    figures["engine_s"] = round(figures["discover_s"] + figures["match_s"], 2)
    t = run.timings
    figures["discover_cpu_s"] = round(t["facts_cpu_s"] + t["discover_cpu_s"], 2)
    figures["match_cpu_s"] = round(t["match_cpu_s"], 2)
    figures["keep_facts_s"] = round(run.timings.get("keep_facts_s", 0.0), 2)
    figures["run_s"] = round(total, 2)
    figures["policies"] = len(help_policies(domain, ON))
    figures["matches"] = sum(c["eligible"] for c in run.matches.counts().values())
    precision, recall, flagged, planted = precision_recall(run, truth)
    figures.update(precision=precision, recall=recall, warnings=flagged, planted=planted)

    # One household's explanation, read by key from the kept facts.
    rng = random.Random(23)
    keys = run.matches.keys()
    reader = FactReader(run.facts_path)
    durations, cpu = [], []
    for key in rng.sample(keys, min(args.explain_sample, len(keys))):
        started, started_cpu = time.perf_counter(), time.process_time()
        facts, members = reader.household(key)
        explain(domain, facts, members, ON)
        durations.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    reader.close()
    durations.sort()
    cpu.sort()
    figures["explain_p50_ms"] = round(durations[len(durations) // 2], 2)
    figures["explain_p95_ms"] = round(durations[int(len(durations) * 0.95) - 1], 2)
    figures["explain_p95_cpu_ms"] = round(cpu[int(len(cpu) * 0.95) - 1], 2)

    # The per-household Python baseline on a sample, scaled to the county.
    sample = rng.sample(keys, min(args.baseline_sample, len(keys)))
    raw = duckdb.connect()
    records = records_of(raw, snapshots, sample)
    raw.close()
    policies = warning_rules(domain, ON) + help_policies(domain, ON)
    decided = {}
    started = time.perf_counter()
    for key in sample:
        facts, members = facts_from_records(records[key], ON)
        decided[key] = decide_all(domain, facts, members, ON, policies=policies, explain=False)
    measured = time.perf_counter() - started
    index = {k: i for i, k in enumerate(keys)}
    disagreements = []
    for key, decisions in decided.items():
        engine = {**run.warnings.outcome(index[key]), **run.matches.outcome(index[key])}
        for decision in decisions:
            mine = (str(decision.status), decision.amount)
            if engine[decision.policy.code] != mine:
                disagreements.append([key, decision.policy.code, str(engine[decision.policy.code]), str(mine)])
    agrees = not disagreements
    if disagreements:
        figures["disagreements"] = disagreements[:5]
    figures["baseline_measured_s"] = round(measured, 3)
    figures["baseline_sample"] = len(sample)
    figures["baseline_s"] = round(measured * len(keys) / len(sample), 2)
    figures["baseline_agrees"] = agrees
    figures["ratio"] = round(figures["baseline_s"] / figures["engine_s"], 1)
    figures["peak_mb"] = peak_mb()
    figures["memory_limit"] = args.memory_limit
    figures["load_average"] = round(os.getloadavg()[0], 2)
    figures["on"] = ON.isoformat()
    print(json.dumps(figures, ensure_ascii=False))
    scratch.cleanup()


if __name__ == "__main__":
    main()
