"""Benchmark of the 关键小事 scene: proactive unemployment-benefit detection over a million insured persons.

Synthetic 人社局 data (``synth.generate``: stops, employment records, registrations, with the qualifying set
planted) are loaded into DuckDB; ``detect_s`` is the facts query (``facts.person_facts``) plus the policy engine's
batch evaluation (``core.policy.evaluate_batch``) of the ``unemployment_benefit`` policy over every person.
``baseline_s`` is the per-person loop the issue names: for each insured person, look up their records by indexed
queries (SQLite in memory, loaded and indexed before the clock starts) and decide them one by one with
``core.policy.decide``. Both answers
are checked against the planted truth (precision, recall) and against each other.

    .venv/bin/python bench/small_matters.py [--quick] [--insured N]

``portal_p95_ms``/``portal_rps`` and ``ocr_ms``/``ocr_field_accuracy`` are not measured yet (null).
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")

ON = dt.date(2026, 3, 20)


def _baseline(synthetic, domain, policy, window_days: int) -> tuple[float, set]:
    """Every insured person in turn: three indexed look-ups (a row-at-a-time service against its database), then
    ``decide``. The tables are loaded and indexed before the clock starts."""
    import sqlite3

    from zhili.core.policy.api import decide

    db = sqlite3.connect(":memory:")
    for name, table in (("stops", synthetic.stops), ("employment", synthetic.employment),
                        ("registrations", synthetic.registrations)):
        columns = table.column_names
        db.execute(f"create table {name} ({', '.join(columns)})")
        rows = zip(*[[v.isoformat() if isinstance(v, dt.date) else v for v in table.column(c).to_pylist()]
                     for c in columns], strict=True)
        db.executemany(f"insert into {name} values ({', '.join('?' * len(columns))})", rows)
        db.execute(f"create index {name}_person on {name} (person_key)")
    day, since = ON.isoformat(), (ON - dt.timedelta(days=window_days)).isoformat()
    started = time.perf_counter()
    found = set()
    for index in range(synthetic.persons):
        key = f"p{index}"
        stop = db.execute("select stop_date, contribution_months, unused_months from stops where person_key = ? "
                          "and stop_date between ? and ? order by stop_date desc limit 1", (key, since, day)).fetchone()
        if stop is None:
            continue
        ended = db.execute("select separation_reason from employment where person_key = ? and ended_on is not null "
                           "and ended_on <= ? order by ended_on desc limit 1", (key, day)).fetchone()
        later = db.execute("select count(*) from employment where person_key = ? and started_on > ? and started_on <= ?",
                           (key, stop[0], day)).fetchone()[0]
        registered = db.execute("select max(registered_on) from registrations where person_key = ? and seeking_work "
                                "and registered_on <= ?", (key, day)).fetchone()[0]
        facts = {"contribution_years": stop[1] / 12, "separation_reason": ended[0] if ended else None,
                 "registered_unemployed": registered is not None and registered >= stop[0],
                 "reemployed": later > 0, "unused_months": float(stop[2] or 0)}
        if decide(domain, policy, facts, on=ON, explain=False).eligible:
            found.add(key)
    return time.perf_counter() - started, found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--insured", type=int, default=1_000_000)
    args = parser.parse_args()
    insured = 20_000 if args.quick else args.insured

    import django

    django.setup()
    import ibis

    from zhili.core.policy.api import evaluate_batch, get_domain
    from zhili.scenes.small_matters.facts import person_facts
    from zhili.scenes.small_matters.policies import DOMAIN
    from zhili.scenes.small_matters.rules import claim_window_days
    from zhili.scenes.small_matters.synth import generate

    domain = get_domain(DOMAIN)
    policy = domain.policies["unemployment_benefit"]
    window = claim_window_days(ON)
    started = time.perf_counter()
    synthetic = generate(insured, ON, window_days=window)
    generate_s = time.perf_counter() - started

    con = ibis.duckdb.connect()
    tables = [con.create_table(name, getattr(synthetic, name)) for name in ("stops", "employment", "registrations")]
    started = time.perf_counter()
    facts = person_facts(*tables, ON, window)
    result = evaluate_batch(domain, facts, ON, key="person_key", policies=[policy])
    found = {k for k, s in zip(result.keys(), result.statuses(policy.code), strict=True) if s == "eligible"}
    detect_s = time.perf_counter() - started

    baseline_s, baseline_found = _baseline(synthetic, domain, policy, window)
    truth = synthetic.qualifying
    hits = len(found & truth)
    print(json.dumps({
        "benchmark": "small_matters", "insured": insured, "stops": synthetic.stops.num_rows,
        "screened": len(result), "qualifying": len(found), "planted": len(truth),
        "precision": round(hits / len(found), 4) if found else None,
        "recall": round(hits / len(truth), 4) if truth else None,
        "baseline_agrees": baseline_found == found,
        "generate_s": round(generate_s, 2), "detect_s": round(detect_s, 3), "baseline_s": round(baseline_s, 3),
        "ratio": round(baseline_s / detect_s, 1),
        "portal_p95_ms": None, "portal_rps": None, "ocr_ms": None, "ocr_field_accuracy": None,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
