"""Benchmark: the labor-risk indicator system over synthetic department data; print JSON figures.

    python bench/labor_risk.py --quick            # 35,834 enterprises (九龙坡)
    python bench/labor_risk.py --enterprises N
    python bench/labor_risk.py --province         # 2,200,000 enterprises, ~150 million records, DuckDB only
    python bench/labor_risk.py --province --data DIR   # reuse files written by `zhili synth_labor_risk --out DIR`

Steps (only the evaluations are the headline figures):
1. ``synth`` writes the departments' CSV files and the truth file (not timed in the ratio).
2. Every file is loaded through ``core.datapool.ingest_file`` into a scratch PostgreSQL database
   (``zhili_bench_labor_risk`` unless ``--database-url`` names one): ``ingest_s``.
3. ``evaluate_s_postgres``: the whole system (one Ibis query, scoring, evidence rows) on PostgreSQL.
4. The data pool's Parquet snapshots are written (``snapshot_s``), then ``evaluate_s_duckdb``: the same
   definition on DuckDB over them.
   Evidence (the source-row keys) is attached for red and orange enterprises, the warnings that open cases;
   core's ``attach_evidence`` for every enterprise with any fired indicator is not in these figures.
5. ``baseline_s``: a pandas evaluation of the same declaration that loops over enterprises, each with its own
   frames; timed on a sample of ``--baseline-sample`` enterprises in the same run and scaled linearly to all of
   them (``baseline_measured_s`` is the unscaled time). Its levels are checked against the engine's.
6. ``precision``/``recall``: red and orange enterprises on DuckDB against the planted truth.
``peak_mb`` is the process's maximum resident set size.

``--province`` (the 安薪 scale: 2.2 million enterprises, 11 months of monthly records each, about 150 million
records) skips the database: each department file goes straight to a typed Parquet snapshot through
``core.datapool.snapshot_from_csv`` (``snapshot_s``), and ``evaluate_s_duckdb`` is the same evaluation as above
(query, scoring, evidence for red and orange) over those snapshots, with DuckDB limited to ``--memory-limit``.
The pandas baseline is not run there (its frames alone would not fit); its ratio is the 九龙坡 run's.
"""

import argparse
import csv
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIULONGPO = 35_834
PROVINCE = 2_200_000
PERIOD_END = dt.date(2025, 6, 30)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="35,834 enterprises")
    parser.add_argument("--province", action="store_true", help="2,200,000 enterprises, DuckDB on the files only")
    parser.add_argument("--enterprises", type=int, default=None)
    parser.add_argument("--baseline-sample", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep", default=None, help="write the synthetic files here and keep them")
    parser.add_argument("--data", default=None, help="reuse the synthetic files in this folder (summary.json)")
    parser.add_argument("--months", type=int, default=None, help="months of monthly records (province: 11)")
    parser.add_argument("--memory-limit", default="12GB", help="DuckDB memory limit for --province")
    return parser.parse_args()


def scratch_database_url(explicit):
    if explicit:
        return explicit
    server = os.environ.get("ZHILI_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    return server.rsplit("/", 1)[0] + "/zhili_bench_labor_risk"


def ensure_database(url):
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as con:
        if not con.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            con.execute(f'CREATE DATABASE "{name}"')


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def read_truth(folder):
    with open(folder / "truth.csv", encoding="utf-8") as handle:
        return {row["uscc"] for row in csv.DictReader(handle)}


def precision_recall(results, truth):
    flagged = {r.entity for r in results if r.level in ("orange", "red")}
    hits = len(flagged & truth)
    return (round(hits / len(flagged), 4) if flagged else 0.0), (round(hits / len(truth), 4) if truth else 0.0)


def _levels_and_accuracy(results, truth):
    levels = {}
    for r in results:
        levels[r.level] = levels.get(r.level, 0) + 1
    precision, recall = precision_recall(results, truth)
    return {"precision": precision, "recall": recall, "levels": levels}


def evaluate_tables(system, tables, evidence=True):
    """Compile, run and score; then the source rows behind the red and orange warnings (those open cases).

    Returns the results and the seconds of each stage."""
    from zhili.core.indicators.compiler import attach_evidence, compile_system, score_rows

    stages = {}
    started = time.perf_counter()
    query = compile_system(system, tables, PERIOD_END)
    rows = query.to_pyarrow()
    stages["query_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    results = score_rows(system, rows)
    stages["scoring_s"] = round(time.perf_counter() - started, 2)
    if evidence:
        started = time.perf_counter()
        attach_evidence(system, [r for r in results if r.level in ("orange", "red")], tables, PERIOD_END)
        stages["evidence_s"] = round(time.perf_counter() - started, 2)
    return results, stages


# --- the pandas baseline: the same declaration, interpreted enterprise by enterprise -------------------------

def load_frames(folder, system):
    import pandas as pd

    from zhili.core.datapool.api import get_dataset

    frames = {}
    for code in system.datasets():
        dataset = get_dataset(code)
        types = {f.name: f.type for f in dataset.fields}
        frame = pd.read_csv(folder / f"{code}.csv", dtype={"uscc": str, "record_id": str})
        for name, kind in types.items():
            if kind == "date":
                frame[name] = pd.to_datetime(frame[name]).dt.date
            elif kind == "boolean":
                frame[name] = frame[name].astype(str).str.lower().isin(("true", "1"))
        frames[code] = frame
    return frames


def _baseline_term(term, frame, shift):
    from zhili.core.indicators.declarations import OPERATORS, Sum

    if frame is None or frame.empty:
        return 0.0
    end = PERIOD_END - dt.timedelta(days=term.window_days * shift)
    start = end - dt.timedelta(days=term.window_days - 1)
    day = frame[term.date_field]
    mask = (day >= start) & (day <= end)
    for where in term.where:
        column = frame[where.field]
        if where.op == "in":
            mask &= column.isin(list(where.value))
        elif where.op == "not in":
            mask &= ~column.isin(list(where.value))
        else:
            mask &= OPERATORS[where.op](column, where.value)
    rows = frame[mask]
    return float(rows[term.field].sum()) if isinstance(term, Sum) else float(len(rows))


def _baseline_value(expression, frames, shift=0):
    from zhili.core.indicators.declarations import Change, Count, Flag, Ratio, Sum

    if isinstance(expression, Flag):
        return 1.0 if _baseline_term(expression, frames.get(expression.dataset), shift) > 0 else 0.0
    if isinstance(expression, Count | Sum):
        return _baseline_term(expression, frames.get(expression.dataset), shift)
    if isinstance(expression, Ratio):
        denominator = _baseline_value(expression.denominator, frames, shift)
        return 0.0 if denominator == 0 else _baseline_value(expression.numerator, frames, shift) / denominator
    if isinstance(expression, Change):
        current = _baseline_value(expression.expression, frames, shift)
        previous = _baseline_value(expression.expression, frames, shift + 1)
        if not expression.relative:
            return current - previous
        return 0.0 if previous == 0 else (current - previous) / previous
    raise TypeError(expression)


def baseline(system, frames, sample):
    """Loop over enterprises: each one's rows, then each indicator, then the same scoring."""
    from zhili.core.indicators.compiler import score_rows

    wanted = set(sample)
    grouped = {code: {k: g for k, g in frame[frame["uscc"].isin(wanted)].groupby("uscc")}
               for code, frame in frames.items()}
    rows = []
    for entity in sample:
        own = {code: groups.get(entity) for code, groups in grouped.items()}
        rows.append({"entity": entity, **{i.code: _baseline_value(i.expression, own) for i in system.indicators}})
    return score_rows(system, rows)


def main():  # noqa: PLR0915
    args = parse_args()
    enterprises = args.enterprises or (PROVINCE if args.province else JIULONGPO)
    os.environ["ZHILI_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    url = None
    if not args.province:
        url = scratch_database_url(args.database_url)
        ensure_database(url)
        os.environ["ZHILI_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from zhili.scenes.labor_risk.indicators import LABOR_RISK
    from zhili.scenes.labor_risk.synth import generate

    figures = {"enterprises": enterprises}
    scratch = tempfile.TemporaryDirectory()
    months = args.months or (11 if args.province else 6)
    if args.data:
        folder = Path(args.data)
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        figures.update(enterprises=summary["enterprises"], synth_s=None)
    else:
        folder = Path(args.keep or scratch.name)
        started = time.perf_counter()
        summary = generate(folder, enterprises=enterprises, period_end=PERIOD_END, months=months)
        figures["synth_s"] = round(time.perf_counter() - started, 2)
    figures.update(records=summary["records"], planted=summary["planted"], months=months)
    truth = read_truth(folder)

    if args.province:
        import ibis

        from zhili.core.datapool.api import snapshot_from_csv

        snapshots = Path(scratch.name) / "snapshots"
        started = time.perf_counter()
        paths = {code: snapshot_from_csv(code, folder / f"{code}.csv", snapshots / f"{code}.parquet",
                                         memory_limit=args.memory_limit) for code in LABOR_RISK.datasets()}
        figures["snapshot_s"] = round(time.perf_counter() - started, 2)
        con = ibis.duckdb.connect()
        con.raw_sql(f"SET memory_limit = '{args.memory_limit}'")
        started = time.perf_counter()
        tables = {code: con.read_parquet(str(path), table_name=f"dataset_{code}") for code, path in paths.items()}
        results, figures["duckdb_stages"] = evaluate_tables(LABOR_RISK, tables)
        figures["evaluate_s_duckdb"] = round(time.perf_counter() - started, 2)
        figures["evaluate_s_postgres"] = None
        figures["memory_limit"] = args.memory_limit
        figures.update(_levels_and_accuracy(results, truth), peak_mb=peak_mb(), database="none",
                       baseline_s=None, ratio=None, load_average=round(os.getloadavg()[0], 2),
                       baseline="not run at province scale (see --quick for the ratio)")
        print(json.dumps(figures, ensure_ascii=False))
        scratch.cleanup()
        return
    from zhili.core.datapool.api import connect, ibis_table, ingest_file, snapshot_dataset

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM datapool_datasetrow WHERE dataset_code LIKE 'lr\\_%'")
    started = time.perf_counter()
    for code in LABOR_RISK.datasets():
        batch = ingest_file(code, folder / f"{code}.csv", actor="bench", chunk_rows=50000)
        if batch.status != "succeeded":
            raise SystemExit(f"{code}: {batch.failure_reason}")
    figures["ingest_s"] = round(time.perf_counter() - started, 2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE datapool_datasetrow")

    pg = connect("postgres")
    started = time.perf_counter()
    pg_results, figures["postgres_stages"] = evaluate_tables(
        LABOR_RISK, {c: ibis_table(c, "postgres", con=pg) for c in LABOR_RISK.datasets()})
    figures["evaluate_s_postgres"] = round(time.perf_counter() - started, 2)
    pg.disconnect()

    started = time.perf_counter()
    for code in LABOR_RISK.datasets():
        snapshot_dataset(code)
    figures["snapshot_s"] = round(time.perf_counter() - started, 2)
    duck = connect("duckdb")
    started = time.perf_counter()
    tables = {c: ibis_table(c, "duckdb", con=duck, refresh=False) for c in LABOR_RISK.datasets()}
    results, figures["duckdb_stages"] = evaluate_tables(LABOR_RISK, tables)
    figures["evaluate_s_duckdb"] = round(time.perf_counter() - started, 2)
    figures["engines_agree"] = ([(r.entity, r.level, r.score) for r in pg_results]
                                == [(r.entity, r.level, r.score) for r in results])

    frames = load_frames(folder, LABOR_RISK)
    sample = sorted(r.entity for r in results)[: args.baseline_sample]
    started = time.perf_counter()
    base = baseline(LABOR_RISK, frames, sample)
    measured = time.perf_counter() - started
    by_entity = {r.entity: (r.level, r.score) for r in results}
    figures["baseline"] = "pandas, loop over enterprises, same declaration (timed on a sample, scaled linearly)"
    figures["baseline_sample"] = len(sample)
    figures["baseline_measured_s"] = round(measured, 2)
    figures["baseline_s"] = round(measured * len(results) / len(sample), 2)
    figures["baseline_agrees"] = all(by_entity[r.entity] == (r.level, r.score) for r in base)
    figures["ratio"] = round(figures["baseline_s"] / figures["evaluate_s_duckdb"], 1)
    if figures.get("evaluate_s_postgres"):
        figures["ratio_postgres"] = round(figures["baseline_s"] / figures["evaluate_s_postgres"], 1)
    figures.update(_levels_and_accuracy(results, truth))
    figures["peak_mb"] = peak_mb()
    figures["database"] = connection.vendor if url else "none"
    figures["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(figures, ensure_ascii=False))
    scratch.cleanup()


if __name__ == "__main__":
    main()
