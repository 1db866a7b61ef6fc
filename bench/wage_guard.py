"""Benchmark of the 安薪在线 scene at a city's scale; prints one JSON object.

    python bench/wage_guard.py --quick        # 40 projects, 20,000 workers (~500,000 attendance rows)
    python bench/wage_guard.py                # 1,600 projects, 820,000 workers (~20 million rows, issue #25)

1. ``synth`` writes the city (projects, workers, one month of attendance) to Parquet with DuckDB (not timed in the
   ratio), with planted truth: short balances, late labour cost, rates under the minimum, workers off the payroll.
2. ``payroll_s``: every team's monthly sheet lines from attendance × rates on DuckDB (``analytics.payroll``, the
   services' day rule as SQL), written to Parquet.
3. ``reconcile_s``: the payment lines become a bank return file (CSV; 1 % failures, 0.05 % altered amounts) and
   the return is checked line by line against the payment lines and summed (``analytics.reconcile``).
4. ``warn_s``: the checks per project, their values per enterprise, and the scene's indicator system
   (``wage_guard_risk``) scoring every enterprise through core.indicators' ``score_rows``.
5. ``baseline_s``: the Django ORM per-worker loop (``services.compute_lines`` for each worker's team, i.e. one
   query per worker's month of ``AttendanceDay`` rows) on ``--baseline-sample`` workers in a test database,
   scaled to all workers; ``baseline_measured_s`` is unscaled, ``baseline_agrees`` that the loop's gross equals
   DuckDB's for the sample. ``ratio`` = baseline_s / payroll_s.
``peak_mb`` is the process's maximum resident set size (DuckDB's memory included).
"""

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
os.environ.setdefault("ZHILI_TESTING", "1")


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def baseline(folder: Path, sample: int, month: dt.date):
    """Time the ORM per-worker loop on ``sample`` workers of the synthetic city; their gross by worker."""
    import duckdb
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from zhili.core.testing.api import EnterpriseFactory, RegionFactory
        from zhili.scenes.wage_guard.models import AttendanceDay, Project, RosterEntry, Team
        from zhili.scenes.wage_guard.services.payroll import compute_lines

        con = duckdb.connect()
        workers = con.execute(f"""SELECT worker_id, daily_rate, card FROM read_parquet('{folder}/workers.parquet')
                                   WHERE on_payroll ORDER BY worker_id LIMIT {sample}""").fetchall()
        ids = [w[0] for w in workers]
        days = con.execute(f"""SELECT worker_id, first_punch, last_punch, day FROM read_parquet('{folder}/attendance.parquet')
                                WHERE worker_id IN (SELECT unnest(?))""", [ids]).fetchall()
        region = RegionFactory()
        gc, builder = EnterpriseFactory(region=region), EnterpriseFactory(region=region)
        from zhili.core.identity.api import User

        with transaction.atomic():
            project = Project.objects.create(
                region=region, name="基线项目", permit_number="BENCH", builder=builder, general_contractor=gc,
                contract_sum=Decimal("1"), labor_cost_share=Decimal("0.25"), start_date=dt.date(2026, 1, 1),
                planned_finish=dt.date(2027, 1, 1), work_start=dt.time(0, 0), work_end=dt.time(23, 59))
            users = User.objects.bulk_create([User(username=f"bw{w}", name=f"工人{w}") for w in ids])
            teams, entries = {}, {}
            for index, (worker_id, rate, card) in enumerate(workers):
                team = teams.setdefault(index // 50, Team(project=project, name=f"班组{index // 50}"))
                entries[worker_id] = RosterEntry(project=project, team=team, worker=users[index], badge=str(worker_id),
                                                 trade="普工", daily_rate=rate, bank_name="银行", bank_card=card,
                                                 entered_on=dt.date(2026, 1, 1))
            Team.objects.bulk_create(teams.values())
            for entry in entries.values():
                entry.team_id = entry.team.pk
            RosterEntry.objects.bulk_create(entries.values())
            tz = dt.timezone(dt.timedelta(hours=8))
            AttendanceDay.objects.bulk_create([
                AttendanceDay(entry=entries[w], day=d, first_punch=f.replace(tzinfo=tz), last_punch=lp.replace(tzinfo=tz),
                              punches=2, source="device") for w, f, lp, d in days], batch_size=5000)
        from zhili.scenes.wage_guard.rules import rule
        from zhili.scenes.wage_guard.services.payroll import day_units, next_month

        started = time.perf_counter()
        gross = {}
        for worker_id, entry in entries.items():   # the per-worker loop: one worker's month at a time
            records = AttendanceDay.objects.filter(entry=entry, day__gte=month, day__lt=next_month(month))
            standard = rule("standard_day_hours", month).value
            units = sum((day_units(r.hours, standard) for r in records), Decimal("0"))
            gross[worker_id] = (units * entry.daily_rate).quantize(Decimal("0.01"))
        measured = time.perf_counter() - started
        team_totals = {t.pk: sum(r["gross"] for r in compute_lines(t, month)) for t in teams.values()}
        return measured, gross, sum(team_totals.values())
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--projects", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--baseline-sample", type=int, default=1000)
    parser.add_argument("--memory-limit", default="3GB")
    args = parser.parse_args()
    projects = args.projects or (40 if args.quick else 1600)
    workers = args.workers or (20_000 if args.quick else 820_000)

    import django

    django.setup()
    import duckdb

    from zhili.core.indicators.api import get_system, score_rows
    from zhili.scenes.wage_guard import analytics
    from zhili.scenes.wage_guard.synth import MONTH, write_city

    figures = {"projects": projects, "workers": workers}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        con = duckdb.connect()
        con.execute(f"SET memory_limit='{args.memory_limit}'")
        started = time.perf_counter()
        truth = write_city(folder, projects=projects, workers=workers, con=con)
        figures.update(attendance_rows=truth["attendance_rows"], synth_s=round(time.perf_counter() - started, 2))

        started = time.perf_counter()
        sheet = analytics.payroll(con, attendance=folder / "attendance.parquet", workers=folder / "workers.parquet",
                                  month=MONTH, out=folder / "lines.parquet")
        figures.update(payroll_s=round(time.perf_counter() - started, 2), payroll_lines=sheet["lines"],
                       payroll_total=round(sheet["total"], 2))

        # payment lines and a bank return file with failures and altered amounts (not timed)
        con.execute(f"""COPY (SELECT 'WG' || team_id AS batch, row_number() OVER (PARTITION BY team_id ORDER BY worker_id)
                                     AS serial, card, gross::DECIMAL(14,2) AS amount
                              FROM read_parquet('{folder}/lines.parquet') WHERE gross > 0)
                        TO '{folder}/payments.parquet' (FORMAT parquet)""")
        con.execute(f"""COPY (SELECT batch, serial, card,
                                     CASE WHEN hash(serial, batch) % 2000 = 1 THEN amount + 1 ELSE amount END AS amount,
                                     CASE WHEN hash(batch, serial) % 100 = 3 THEN 'F' ELSE 'S' END AS result
                              FROM read_parquet('{folder}/payments.parquet'))
                        TO '{folder}/returns.csv' (HEADER)""")
        started = time.perf_counter()
        reconciled = analytics.reconcile(con, payments=folder / "payments.parquet", returns=folder / "returns.csv")
        figures.update(reconcile_s=round(time.perf_counter() - started, 2), reconcile=reconciled)

        started = time.perf_counter()
        found = analytics.checks(con, projects=folder / "projects.parquet", workers=folder / "workers.parquet",
                                 attendance=folder / "attendance.parquet", lines=folder / "lines.parquet",
                                 month=MONTH, day=dt.date(2026, 4, 20))
        scored = score_rows(get_system("wage_guard_risk"), found["enterprise_rows"])
        figures.update(warn_s=round(time.perf_counter() - started, 2), enterprises=len(scored),
                       enterprises_warned=sum(1 for e in scored if e.level != "green"),
                       projects_flagged=found["projects_flagged"],
                       planted={k: truth[k] for k in ("balance_short_projects", "labor_cost_late_projects",
                                                      "off_payroll_workers")})
        sample_gross = dict(con.execute(f"""SELECT worker_id, gross FROM read_parquet('{folder}/lines.parquet')
                                            ORDER BY worker_id LIMIT {args.baseline_sample}""").fetchall())
        measured, orm_gross, _team_total = baseline(folder, args.baseline_sample, MONTH)
        on_payroll = con.execute(f"SELECT count(*) FROM read_parquet('{folder}/workers.parquet') WHERE on_payroll"
                                 ).fetchone()[0]
        figures.update(
            baseline_measured_s=round(measured, 3), baseline_workers=len(orm_gross),
            baseline_s=round(measured * on_payroll / max(len(orm_gross), 1), 2),
            baseline_agrees=all(Decimal(str(sample_gross.get(w, 0))).quantize(Decimal("0.01")) == g
                                for w, g in orm_gross.items()))
        figures["ratio"] = round(figures["baseline_s"] / max(figures["payroll_s"], 1e-9), 1)
        figures["peak_mb"] = peak_mb()
    print(json.dumps(figures, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
