"""Benchmark of the 碳效码 scene at the province's scale; prints one JSON object.

    python bench/carbon_code.py --quick     # 831 enterprises × 12 months (the seed: 长兴县)
    python bench/carbon_code.py             # 50,000 enterprises × 12 months × 6 energy kinds (issue #30)

1. ``synth``: DuckDB writes the province (38 industry divisions, 11 cities, 90 counties) to Parquet: every
   enterprise's monthly energy by kind and value added, with planted flaws (negative readings, MWh for kWh,
   thirty-fold readings, months without value added). Not timed in the ratio.
2. ``evaluate_s``: the scene's one statement (``engine.evaluation_sql``: checks, emissions, L, industry means, K,
   grades, levels, neutrality) plus the region indices (``engine.region_indices``) on DuckDB, for the year.
3. ``baseline_s``: a pandas per-enterprise loop computing the same figures (one enterprise's rows filtered, checked
   and summed at a time) on ``--baseline-sample`` enterprises, scaled to all; ``baseline_measured_s`` unscaled;
   ``baseline_agrees``: the loop's L equals DuckDB's for the sample. ``ratio`` = baseline_s / evaluate_s.
4. ``recall``: planted firms flagged / planted; ``precision``: planted among flagged.
5. ``bill_ms``: a new year's carbon bill rendered and sealed by the platform, as ``services.issue_bill`` does
   (on a fresh test database; parts in ``bill_render_ms``, ``bill_seal_ms``; ``bill_cached_ms`` the same bill
   issued again, the render cache hit). See ``bill_figures``.
``peak_mb`` is the process's maximum resident set size (DuckDB included; taken after the bill).
"""

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
os.environ.setdefault("ZHILI_TSA_URL", "")  # the platform's own time-stamp: the seal is timed without a network call

YEAR = 2025


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def synth(con, folder: Path, count: int, seed: float = 0.3) -> None:
    """The province as three Parquet files; ``planted`` marks the firms with a flaw (about 1 in 200)."""
    con.execute(f"SELECT setseed({seed})")
    con.execute(f"""
        CREATE TABLE enterprises AS
        SELECT 'E' || lpad(CAST(i AS VARCHAR), 8, '0') AS uscc,
               CAST(13 + (i % 38) AS VARCHAR) AS industry,
               '33' || lpad(CAST(1 + (i % 90) % 11 AS VARCHAR), 2, '0')
                   || lpad(CAST(1 + (i % 90) // 11 AS VARCHAR), 2, '0') AS region,
               exp(0.45 * sqrt(-2 * ln(random())) * cos(2 * pi() * random())) AS efficiency,
               150 + random() * 2850 AS monthly_va,
               CASE WHEN random() < 0.3 THEN 0.05 + random() * 0.2 ELSE 0 END AS pv_share,
               CASE WHEN random() < 0.005 THEN ['negative', 'unit', 'outlier', 'missing_va'][1 + (i % 4)]
                    ELSE NULL END AS planted,
               2 + (i % 10) AS bad_month
        FROM range({count}) t(i)""")
    con.execute("""
        CREATE TABLE mix AS SELECT * FROM (VALUES
            ('grid_electricity', 'kWh', 300.0, 1500.0), ('natural_gas', 'm3', 0.0, 150.0), ('coal', 't', 0.0, 0.8),
            ('oil', 't', 0.0, 0.01), ('heat', 'GJ', 0.0, 3.0)) m(kind, unit, lo, hi)""")
    con.execute("""
        CREATE TABLE profile AS SELECT DISTINCT e.industry, m.kind, m.unit,
            m.lo + (m.hi - m.lo) * ((hash(e.industry || m.kind) % 1000) / 1000.0) AS per_va
        FROM enterprises e CROSS JOIN mix m""")
    con.execute(f"""
        CREATE TABLE value_added AS
        SELECT e.uscc, make_date({YEAR}, m, 1) AS month, round(e.monthly_va * (0.85 + random() * 0.3), 2) AS value_added
        FROM enterprises e CROSS JOIN range(1, 13) r(m)
        WHERE NOT (e.planted = 'missing_va' AND m = e.bad_month)""")
    con.execute("""
        CREATE TABLE energy AS
        WITH base AS (
            SELECT e.uscc, v.month, p.kind, p.unit, e.planted, e.bad_month, e.pv_share,
                   p.per_va * v.value_added * e.efficiency * (0.9 + random() * 0.2) AS q
            FROM enterprises e JOIN value_added v ON v.uscc = e.uscc JOIN profile p ON p.industry = e.industry
            UNION ALL  -- the planted month without value added still has its energy
            SELECT e.uscc, make_date(2025, e.bad_month, 1), p.kind, p.unit, e.planted, e.bad_month, e.pv_share,
                   p.per_va * e.monthly_va * e.efficiency
            FROM enterprises e JOIN profile p ON p.industry = e.industry WHERE e.planted = 'missing_va')
        SELECT uscc, month, kind,
               CASE WHEN kind = 'grid_electricity' AND month(month) = bad_month AND planted = 'negative' THEN -q
                    WHEN kind = 'grid_electricity' AND month(month) = bad_month AND planted = 'unit' THEN q / 1000
                    WHEN kind = 'grid_electricity' AND month(month) = bad_month AND planted = 'outlier' THEN q * 30
                    WHEN kind = 'grid_electricity' THEN q * (1 - pv_share) ELSE q END AS quantity,
               CASE WHEN kind = 'grid_electricity' AND month(month) = bad_month AND planted = 'unit' THEN 'MWh'
                    ELSE unit END AS unit
        FROM base WHERE q > 0
        UNION ALL
        SELECT uscc, month, 'own_generation', q * pv_share, 'kWh' FROM base
        WHERE kind = 'grid_electricity' AND pv_share > 0""")
    for name in ("enterprises", "energy", "value_added"):
        con.execute(f"COPY {name} TO '{folder}/{name}.parquet' (FORMAT parquet)")


def baseline(folder: Path, sample: list[str], factors, bounds) -> tuple[float, dict]:
    """The pandas per-enterprise loop: each enterprise's rows filtered, checked and summed one at a time."""
    import pandas as pd

    energy = pd.read_parquet(folder / "energy.parquet")
    va = pd.read_parquet(folder / "value_added.parquet")
    ent = pd.read_parquet(folder / "enterprises.parquet")
    energy = energy[energy.uscc.isin(sample)]
    va = va[va.uscc.isin(sample)]
    ent = ent[ent.uscc.isin(sample)]
    factor = {k: (f.unit, float(f.t_co2_per_unit), f.offset) for k, f in factors.items()}
    started = time.perf_counter()
    per = {}
    for uscc in ent.uscc:
        rows = energy[energy.uscc == uscc]
        months = va[va.uscc == uscc]
        bad = False
        gross = offset = 0.0
        for kind, group in rows.groupby("kind"):
            unit, f, is_offset = factor[kind]
            positive = group.quantity[group.quantity > 0]
            med = positive.median() if len(positive) >= 3 else None
            for q, u in zip(group.quantity, group.unit, strict=True):
                if u != unit or q < 0 or (med and q > 0 and (q > med * bounds.outlier_ratio
                                                             or q * bounds.outlier_ratio < med)):
                    bad = True
                    continue
                gross += q * f
                offset += q * f if is_offset else 0.0
        if bad or set(rows.month) - set(months.month) or months.value_added.sum() <= 0:
            per[uscc] = None
            continue
        per[uscc] = ((gross - offset), months.value_added.sum())
    industry = {}
    for uscc, industry_code in zip(ent.uscc, ent.industry, strict=True):
        if per[uscc]:
            net, total = industry.get(industry_code, (0.0, 0.0))
            industry[industry_code] = (net + per[uscc][0], total + per[uscc][1])
    result = {}
    for uscc, industry_code in zip(ent.uscc, ent.industry, strict=True):
        if per[uscc]:
            intensity = round(per[uscc][0] / per[uscc][1], 4)
            mean = round(industry[industry_code][0] / industry[industry_code][1], 4)
            result[uscc] = (intensity, round(intensity / mean, 4))
        else:
            result[uscc] = None
    return time.perf_counter() - started, result


def bill_figures(factors, runs: int = 10) -> dict:
    """A year's carbon bill as ``services.issue_bill`` makes it, on a fresh test database (SQLite unless
    ZHILI_DATABASE_URL names PostgreSQL), timed in its parts (medians over ``runs``, milliseconds):

    - ``bill_ms``: a bill never rendered before (new figures each run, so the render cache misses): the context
      from the database (industry position, months), the HTML, WeasyPrint's layout and PDF with the CJK font
      subset embedded, then the platform's PAdES seal (certificate, signature, visible stamp; no time-stamp
      authority on the network: ``ZHILI_TSA_URL`` empty, so the platform's own time-stamp). The row, audit entry and
      ledger record are not timed.
    - ``bill_render_ms`` and ``bill_seal_ms``: the two halves of ``bill_ms``;
    - ``bill_cached_ms``: the same bill issued again (the page unchanged): render cache hit, then a new seal.
    """
    import statistics
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from zhili.core.esign.api import platform_seal_pdf
        from zhili.core.testing.api import EnterpriseFactory, RegionFactory, make_uscc
        from zhili.scenes.carbon_code.bills import render_bill
        from zhili.scenes.carbon_code.models import CarbonResult, Evaluation

        region = RegionFactory(code="330182", name="建德市")
        enterprise = EnterpriseFactory(name="甲机械有限公司", uscc=make_uscc(sequence=1), region=region, industry=None)
        evaluation = Evaluation.objects.create(
            period=str(YEAR), start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31),
            factors={k: {"unit": f.unit, "t_co2_per_unit": str(f.t_co2_per_unit), "reference": f.reference}
                     for k, f in factors.items()})
        result = CarbonResult.objects.create(
            evaluation=evaluation, enterprise=enterprise, region=region, industry_code="34", period=str(YEAR),
            status="graded", quantities={"grid_electricity": 1200000, "own_generation": 240000, "natural_gas": 120000},
            gross_t=Decimal("1051.463"), offset_t=Decimal("132.000"), net_t=Decimal("919.463"),
            value_added=Decimal("1200.00"), intensity=Decimal("0.7662"), industry_intensity=Decimal("0.6221"),
            k_value=Decimal("1.2316"), grade="4", level="medium", neutrality=Decimal("0.1255"), problems=[])

        def seal(pdf):
            return platform_seal_pdf(pdf, subject=result, reason="碳账单", field_name="CarbonBillSeal")

        seal(render_bill(result))  # warm: fonts, templates, the platform's certificate issued on first use
        render, sealing, cached = [], [], []
        for run in range(runs):
            result.net_t = Decimal("919.463") + run + 1  # another bill: the page differs, the cache misses
            started = time.perf_counter()
            pdf = render_bill(result)
            rendered = time.perf_counter()
            seal(pdf)
            render.append((rendered - started) * 1000)
            sealing.append((time.perf_counter() - rendered) * 1000)
            started = time.perf_counter()
            seal(render_bill(result))
            cached.append((time.perf_counter() - started) * 1000)
        return {"bill_ms": round(statistics.median([r + s for r, s in zip(render, sealing, strict=True)]), 1),
                "bill_render_ms": round(statistics.median(render), 1),
                "bill_seal_ms": round(statistics.median(sealing), 1),
                "bill_cached_ms": round(statistics.median(cached), 1)}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--enterprises", type=int)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    args = parser.parse_args()
    count = args.enterprises or (831 if args.quick else 50_000)

    import django

    django.setup()
    import duckdb

    from zhili.scenes.carbon_code import engine, services
    from zhili.scenes.carbon_code.rules import factors_on

    end = dt.date(YEAR, 12, 31)
    factors, bounds = factors_on(end), services.bounds_on(end)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        con = duckdb.connect()
        started = time.perf_counter()
        synth(con, folder, count)
        synth_s = time.perf_counter() - started
        rows = con.execute("SELECT count(*) FROM energy").fetchone()[0]
        planted = {u for (u,) in con.execute("SELECT uscc FROM enterprises WHERE planted IS NOT NULL").fetchall()}
        con.close()

        con = duckdb.connect()
        started = time.perf_counter()
        for name in ("energy", "value_added", "enterprises"):
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder}/{name}.parquet')")
        con.execute(f"CREATE TABLE results AS {engine.evaluation_sql(dt.date(YEAR, 1, 1), end, factors, bounds)}")
        indices = engine.region_indices(con, "results")
        evaluate_s = time.perf_counter() - started
        flagged = {u for (u,) in con.execute("SELECT uscc FROM results WHERE grade IS NULL").fetchall()}
        grades = dict(con.execute("SELECT grade, count(*) FROM results GROUP BY grade").fetchall())

        sample = [u for (u,) in con.execute(
            "SELECT uscc FROM enterprises WHERE industry IN ('13', '14') ORDER BY uscc").fetchall()]
        sample = sample[:args.baseline_sample]
        # the loop's industry means come from its own sample: compare against DuckDB on the same sample
        con.execute("CREATE TABLE sample_ent AS SELECT * FROM enterprises WHERE uscc IN (SELECT unnest(?))", [sample])
        con.execute("CREATE OR REPLACE VIEW enterprises AS SELECT * FROM sample_ent")
        check = {u: (i, k) if k is not None else None for u, i, k in con.execute(
            f"SELECT uscc, intensity, k_value FROM ({engine.evaluation_sql(dt.date(YEAR, 1, 1), end, factors, bounds)})"
        ).fetchall()}
        con.close()
        measured, loop = baseline(folder, sample, factors, bounds)
    baseline_s = measured * count / max(len(sample), 1)
    print(json.dumps({
        "benchmark": "carbon_code", "enterprises": count, "rows": rows, "months": 12,
        "synth_s": round(synth_s, 2), "evaluate_s": round(evaluate_s, 3),
        "baseline_sample": len(sample), "baseline_measured_s": round(measured, 2), "baseline_s": round(baseline_s, 1),
        "baseline_agrees": all(
            (loop[u] is None) == (check[u] is None) and (loop[u] is None or (
                abs(loop[u][0] - check[u][0]) < 1e-9 and abs(loop[u][1] - check[u][1]) < 1e-9)) for u in sample),
        "ratio": round(baseline_s / evaluate_s, 1),
        "planted": len(planted), "flagged": len(flagged),
        "recall": round(len(planted & flagged) / len(planted), 4) if planted else None,
        "precision": round(len(planted & flagged) / len(flagged), 4) if flagged else None,
        "grades": {str(k): v for k, v in sorted(grades.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))},
        "region_indices": indices,
        **bill_figures(factors), "peak_mb": peak_mb(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
