"""Benchmark: 智慧助残 detection of suspected disabilities and the monthly payment run; print JSON figures.

    python bench/disability_aid.py --quick          # 20,000 persons, 1.3 million records
    python bench/disability_aid.py                  # 600,000 persons, 40 million records (issue #28)

Steps:
1. ``synth`` writes the departments' CSV files and the planted truth (``synth_s``, not in the ratio).
2. Each file goes to a typed Parquet snapshot through ``core.datapool.snapshot_from_csv`` (``snapshot_s``: the
   data pool's bulk lane for county-scale files).
3. ``detect_s``: the detection rule (``detection.evidence_expr``: three sources, the watch-list, certificates and
   deaths) for every person, on DuckDB with ``--memory-limit``; ``precision``/``recall`` against the truth.
4. ``detect_baseline_s``: the same rule person by person in Python (``detection.detect_python``) on
   ``--baseline-sample`` persons whose records were read beforehand (reading is not timed), scaled linearly to all
   persons; ``detect_baseline_measured_s`` is the unscaled time, ``detect_baseline_agrees`` checks its findings on
   the sample and ``detect_ratio`` is ``detect_baseline_s / detect_s``.
5. ``payment_run_s``: the monthly payment run for December (both subsidies decided on core.policy for every
   certificate holder on DuckDB, persons and entitlements written in bulk, one line per recipient, totals checked
   against the engine's) on a fresh test database; ``approve_and_file_s``: both approvals, the ledger and the CSV.
6. ``baseline_s``: before it, on the same empty database, the per-person loop it replaces (core.policy's
   ``decide`` per holder, then the person, each entitlement and the line through the ORM one by one, rolled back)
   on ``--payment-sample`` holders whose rows were read beforehand, scaled linearly to all ``holders``;
   ``baseline_agrees`` compares its amounts with the run's lines for the sample; ``ratio`` is
   ``baseline_s / payment_run_s`` (the issue's ≥ 20).
``peak_mb`` is the process's maximum resident set
size (DuckDB's memory included).
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
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ON = dt.date(2026, 11, 30)
MONTH = dt.date(2026, 12, 1)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 persons, 1.3 million records")
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument("--records", type=int, default=None)
    parser.add_argument("--baseline-sample", type=int, default=20_000, help="persons in the detection baseline")
    parser.add_argument("--payment-sample", type=int, default=2_000, help="holders in the payment-run baseline")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit")
    parser.add_argument("--threads", type=int, default=2, help="DuckDB threads (the machine has 2 cores)")
    return parser.parse_args()


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _sample_records(con, snapshots: dict, sample: list[str]) -> dict:
    """Every record of the sampled persons, read from the snapshots (typed as the datasets declare)."""
    import pyarrow as pa

    con.register("sample_ids", pa.table({"person_id": sample}))
    records = {}
    for code, path in snapshots.items():
        table = con.sql(f"SELECT * EXCLUDE (_key, _batch_id) FROM read_parquet('{path}') "
                        "WHERE person_id IN (SELECT person_id FROM sample_ids)").to_arrow_table()
        records[code] = table.to_pylist()
    return records


def _holder_facts(records: dict, on: dt.date) -> dict:
    """Per sampled holder the facts the two policies read, built person by person from the pre-read rows the
    way the batch's ``person_facts`` builds them (latest certificate issued by the day, local, assistance)."""
    by_person: dict = {}
    for code, rows in records.items():
        for row in rows:
            by_person.setdefault(row["person_id"], {}).setdefault(code, []).append(row)
    facts = {}
    for key, rows in by_person.items():
        certificates = [r for r in rows.get("da_certificates", []) if r["issued_on"] <= on]
        if not certificates:
            continue
        latest = max(certificates, key=lambda r: r["issued_on"])
        local = (bool(rows.get("da_persons"))
                 and not any(r["moved_out_on"] and r["moved_out_on"] < on for r in rows.get("da_moves", []))
                 and not any(r["died_on"] and r["died_on"] < on for r in rows.get("da_deaths", [])))
        assistance = next((r["category"] for r in rows.get("da_assistance", [])
                           if r["since"] <= on and (r["until"] is None or r["until"] >= on)), "")
        facts[key] = ({"certified": True, "grade": int(latest["grade"]), "category": latest["category"],
                       "local": local, "assistance": assistance}, (rows.get("da_persons") or [{}])[0])
    return facts


def _baseline_run(records: dict, actor) -> tuple[float, dict]:
    """The per-person loop the set-based run replaces: for each sampled holder, decide both subsidies with
    core.policy's ``decide``, then get or create the person, each entitlement and the payment line one by one
    through the ORM. Timed; rolled back afterwards. Returns (seconds, {person: (living, nursing)})."""
    from django.db import transaction

    from zhili.core.policy.api import decide, get_domain
    from zhili.scenes.disability_aid.models import Entitlement, PaymentLine, PaymentRun, Person
    from zhili.scenes.disability_aid.services.certification import _region_for
    from zhili.scenes.disability_aid.subsidies import SUBSIDIES

    domain = get_domain("disability_aid")
    policies = [domain.policies[code] for code in SUBSIDIES]
    decided, regions = {}, {}
    started = time.perf_counter()
    with transaction.atomic():
        run = PaymentRun.objects.create(month=MONTH, recipients=0, living_total=0, nursing_total=0, total=0,
                                        prepared_by=actor)
        for key, (facts, row) in _holder_facts(records, MONTH).items():
            amounts = [decide(domain, policy, facts, on=MONTH, explain=False) for policy in policies]
            amounts = tuple(d.amount if d.status == "eligible" else None for d in amounts)
            if amounts == (None, None):
                continue
            village = row.get("village_code") or ""
            if village[:9] not in regions:
                regions[village[:9]] = _region_for(village)
            person, _created = Person.objects.get_or_create(
                key=key, defaults={"region": regions[village[:9]], "village_code": village,
                                   "birth_date": row.get("birth_date"), "gender": row.get("gender", "")})
            for code, amount in zip(SUBSIDIES, amounts, strict=True):
                if amount is not None:
                    Entitlement.objects.get_or_create(person=person, policy=code, status="active",
                                                      defaults={"monthly_amount": amount, "since_month": MONTH})
            living, nursing = (amount or Decimal("0") for amount in amounts)
            PaymentLine.objects.create(run=run, person=person, living_amount=living, nursing_amount=nursing,
                                       total=living + nursing)
            decided[key] = tuple(Decimal(a or 0).quantize(Decimal("0.01")) for a in amounts)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, decided


def _payment_run(con, snapshots: dict, sample_size: int) -> dict:
    """The month's payment run on a fresh test database (SQLite unless ZHILI_DATABASE_URL names PostgreSQL):
    decisions on DuckDB, entitlements, one line per person, totals checked; then both approvals and the file.
    Before it, on the same empty database, the per-person baseline on a sample of holders, scaled linearly."""
    import duckdb
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from zhili.core.testing.api import DepartmentFactory, MembershipFactory, RegionFactory, UserFactory
        from zhili.scenes.disability_aid import services
        from zhili.scenes.disability_aid.models import PaymentLine
        from zhili.scenes.disability_aid.roles import APPROVER, CLERK
        from zhili.scenes.disability_aid.subsidies import DATASET_CODES
        from zhili.scenes.disability_aid.synth import COUNTY, TOWNS

        county = RegionFactory(code=COUNTY, name="江山市")
        for suffix, name in TOWNS.items():
            RegionFactory(code=f"{COUNTY}{suffix}000", name=name, level="town", parent=county)
        federation = DepartmentFactory(region=county, name="江山市残疾人联合会")
        staff = []
        for index, role in enumerate((CLERK, CLERK, APPROVER)):
            user = UserFactory(username=f"bench_{index}", phone=f"1380000{index:04d}")
            MembershipFactory(user=user, role=role, organization=federation, region=county)
            staff.append(user)

        reader = duckdb.connect()
        holders = sorted(r[0] for r in reader.sql(
            f"SELECT DISTINCT person_id FROM read_parquet('{snapshots['da_certificates']}')").fetchall())
        sample = random.Random(28).sample(holders, min(sample_size, len(holders)))
        records = _sample_records(reader, {c: snapshots[c] for c in DATASET_CODES}, sample)
        measured, decided = _baseline_run(records, staff[0])

        started = time.perf_counter()
        run = services.prepare_payment_run(MONTH, actor=staff[0], con=con, refresh=False)
        prepared = time.perf_counter() - started
        started = time.perf_counter()
        services.approve_payment_run(run, actor=staff[1])
        run = services.approve_payment_run(run, actor=staff[2])
        content = services.payment_csv(run)
        approved = time.perf_counter() - started
        paid = {key: (living, nursing) for key, living, nursing in PaymentLine.objects.filter(
            run=run, person__key__in=sample).values_list("person__key", "living_amount", "nursing_amount")}
        baseline = round(measured * len(holders) / len(sample), 2)
        return {"holders": len(holders), "payment_run_s": round(prepared, 2), "approve_and_file_s": round(approved, 2),
                "recipients": run.recipients, "paid_total": str(run.total), "file_bytes": len(content),
                "baseline_sample": len(sample), "baseline_measured_s": round(measured, 3), "baseline_s": baseline,
                "baseline_agrees": paid == decided, "ratio": round(baseline / prepared, 2) if prepared else None}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    args = parse_args()
    persons = args.persons or (20_000 if args.quick else 600_000)
    records = args.records or (persons * 200 // 3)
    os.environ["ZHILI_TESTING"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    sys.path.insert(0, str(ROOT))
    scratch = tempfile.TemporaryDirectory()
    os.environ["ZHILI_VAR_DIR"] = str(Path(scratch.name) / "var")
    import django

    django.setup()
    import duckdb
    import ibis

    from zhili.core.datapool.api import snapshot_from_csv
    from zhili.scenes.disability_aid import detection
    from zhili.scenes.disability_aid.synth import synthesize

    figures = {"persons": persons}
    folder = Path(scratch.name) / "synth"
    started = time.perf_counter()
    report = synthesize(folder, persons=persons, records=records, certificates=max(persons * 7 // 200, 10), on=ON)
    figures["synth_s"] = round(time.perf_counter() - started, 2)
    figures["records"] = report.records
    figures["certificates"] = report.rows["da_certificates"]

    started = time.perf_counter()
    codes = (*detection.DATASET_CODES, "da_assistance", "da_moves")
    snapshots = {code: snapshot_from_csv(code, folder / f"{code}.csv", memory_limit=args.memory_limit)
                 for code in codes}
    figures["snapshot_s"] = round(time.perf_counter() - started, 2)
    for code in codes:
        (folder / f"{code}.csv").unlink()

    con = ibis.duckdb.connect()
    con.raw_sql(f"SET memory_limit = '{args.memory_limit}'")
    con.raw_sql(f"SET threads = {args.threads}")
    started = time.perf_counter()
    rows = detection.detect(ON, con=con, refresh=False)
    figures["detect_s"] = round(time.perf_counter() - started, 2)
    found = set(rows.column("person_id").to_pylist())
    hits = len(found & report.truth)
    figures["evidence_rows"] = rows.num_rows
    figures["suspected"] = len(found)
    figures["planted"] = len(report.truth)
    figures["precision"] = round(hits / len(found), 4) if found else 0.0
    figures["recall"] = round(hits / len(report.truth), 4) if report.truth else 0.0
    rng = random.Random(28)
    sample = [f"P{i:08d}" for i in rng.sample(range(persons), min(args.baseline_sample, persons))]
    raw = _sample_records(duckdb.connect(), {c: snapshots[c] for c in detection.DATASET_CODES}, sample)
    triggers = detection.Triggers.on(ON)
    started = time.perf_counter()
    baseline = detection.detect_python(raw, ON, triggers)
    measured = time.perf_counter() - started
    figures["detect_baseline_sample"] = len(sample)
    figures["detect_baseline_measured_s"] = round(measured, 3)
    figures["detect_baseline_s"] = round(measured * persons / len(sample), 2)
    figures["detect_baseline_agrees"] = set(baseline) == found & set(sample)
    figures["detect_ratio"] = (round(figures["detect_baseline_s"] / figures["detect_s"], 2)
                               if figures["detect_s"] else None)
    figures.update(_payment_run(con, snapshots, args.payment_sample))
    figures["peak_mb"] = peak_mb()
    print(json.dumps({"benchmark": "disability_aid", **figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
