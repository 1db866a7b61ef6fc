"""Benchmark of the 童装产业大脑 scene (issue 35): the cloud factory's dispatch and the credit profiles.

Dispatch: 2,000 orders over 500 factories around 织里 (``synth.dispatch_workload``: demand at 85 % of eight
weeks' pooled capacity, scarce print and embroidery); the optimiser's plan (OR-Tools min-cost flow over each
order's 30 nearest feasible factories) against the greedy earliest-due-date baseline in the same run, both
costed by ``dispatch.plan_cost`` at the dated rates. Credit: 2,619 firms' profiles from 10,000,000 ledger
entries written as a Parquet file first (not timed), then scored by ``credit.score_table`` (timed).

    .venv/bin/python bench/industry_brain.py [--quick]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    orders, factories, entries = (200, 50, 200_000) if quick else (2000, 500, 10_000_000)

    import django

    django.setup()
    from django.utils import timezone

    from zhili.scenes.industry_brain import credit, dispatch, synth
    from zhili.scenes.industry_brain.rules import dispatch_costs

    today = timezone.localdate()
    costs = dispatch_costs(today)
    wanted, pool = synth.dispatch_workload(orders, factories)
    started = time.perf_counter()
    plan = dispatch.optimal_plan(wanted, pool, costs)
    dispatch_s = time.perf_counter() - started
    started = time.perf_counter()
    greedy = dispatch.greedy_plan(wanted, pool, costs)
    greedy_s = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.parquet"
        truth = synth.write_ledger(path, entries=entries)
        started = time.perf_counter()
        scored = credit.score_table(str(path), **credit.rules_on(today))
        credit_s = time.perf_counter() - started
    rows = scored.to_pylist()
    planted = truth.late_payers | truth.late_deliverers
    flagged = {r["firm"] for r in rows if r["grade"] != "AAA"}  # planted firms should fall below the top grade
    print(json.dumps({
        "benchmark": "industry_brain", "orders": orders, "factories": factories,
        "dispatch_s": round(dispatch_s, 2), "greedy_s": round(greedy_s, 2),
        "plan_cost": plan.cost.as_dict(), "greedy_cost": greedy.cost.as_dict(),
        "cost_ratio": round(plan.cost.total / greedy.cost.total, 3),
        "firms": len(rows), "entries": entries, "credit_s": round(credit_s, 2),
        "planted_flagged_recall": round(len(flagged & planted) / len(planted), 3) if planted else None,
        "flagged_precision": round(len(flagged & planted) / len(flagged), 3) if flagged else None,
        "targets": {"dispatch_s": 30, "cost_ratio": 0.9, "credit_s": 60},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
