"""A synthetic city for the 安薪在线 scene, written by DuckDB straight to Parquet (``manage.py synth_wage_guard``).

Projects (GC, builder, account balance, labour-cost instalment), workers (project, team, daily rate, card, whether
the team put them on the payroll) and one month of attendance (first and last punch per working day). Planted truth
for the checks: projects whose balance is short of the month's payroll, whose labour cost is late, workers whose
rate is below the minimum per hour, workers left off the payroll.
"""

import datetime as dt
import json
from pathlib import Path

MONTH = dt.date(2026, 3, 1)
DAYS = 26  # working days in the month (Sundays off)


def write_city(folder: Path, *, projects: int, workers: int, seed: int = 25, con=None) -> dict:
    """Write ``projects.parquet``, ``workers.parquet``, ``attendance.parquet`` and ``truth.json`` into ``folder``."""
    import duckdb

    folder.mkdir(parents=True, exist_ok=True)
    own = con is None
    con = con or duckdb.connect()
    con.execute(f"SELECT setseed({(seed % 100) / 100})")
    q = lambda name: "'" + str(folder / name) + "'"  # noqa: E731
    con.execute(f"""
        COPY (SELECT i AS project_id, 'GC' || lpad(CAST(i % {max(projects // 3, 1)} AS VARCHAR), 8, '0') AS gc_uscc,
                     'BD' || lpad(CAST(i % {max(projects // 5, 1)} AS VARCHAR), 8, '0') AS builder_uscc,
                     CASE WHEN i % 50 = 7 THEN 1000.00 ELSE 50000000.00 END::DECIMAL(14,2) AS balance,
                     DATE '{MONTH}' + INTERVAL 14 DAY AS labor_cost_due_on,
                     1000000.00::DECIMAL(14,2) AS labor_cost_due,
                     CASE WHEN i % 40 = 3 THEN 200000.00 ELSE 1000000.00 END::DECIMAL(14,2) AS labor_cost_paid
              FROM range({projects}) t(i)) TO {q('projects.parquet')} (FORMAT parquet)""")
    con.execute(f"""
        COPY (SELECT w AS worker_id, w % {projects} AS project_id, (w % {projects}) * 100 + (w // {projects}) % 12
                     AS team_id, '622848' || lpad(CAST(w AS VARCHAR), 13, '0') AS card,
                     CASE WHEN w % 997 = 5 THEN 150.00 ELSE 260.00 + (w % 9) * 20 END::DECIMAL(8,2) AS daily_rate,
                     NOT (w % 211 = 17) AS on_payroll
              FROM range({workers}) t(w)) TO {q('workers.parquet')} (FORMAT parquet)""")
    con.execute(f"""
        COPY (SELECT w AS worker_id, d.day,
                     d.day + INTERVAL 7 HOUR + to_minutes(CAST((w * 7 + d.k) % 30 AS BIGINT)) AS first_punch,
                     d.day + INTERVAL 7 HOUR + to_minutes(CAST(
                         CASE WHEN (w + d.k) % 23 = 0 THEN 300 ELSE 560 + (w * 3 + d.k) % 60 END AS BIGINT))
                         AS last_punch
              FROM range({workers}) t(w),
                   (SELECT k, CAST(DATE '{MONTH}' + INTERVAL (k) DAY AS DATE) AS day FROM range(31) s(k)
                    WHERE dayofweek(DATE '{MONTH}' + INTERVAL (k) DAY) <> 0) d
              WHERE (w + d.k) % 29 <> 0
              ORDER BY d.day) TO {q('attendance.parquet')} (FORMAT parquet, ROW_GROUP_SIZE 1000000)""")
    truth = {
        "projects": projects, "workers": workers,
        "attendance_rows": con.execute(f"SELECT count(*) FROM read_parquet({q('attendance.parquet')})").fetchone()[0],
        "balance_short_projects": sum(1 for i in range(projects) if i % 50 == 7),
        "labor_cost_late_projects": sum(1 for i in range(projects) if i % 40 == 3),
        "off_payroll_workers": sum(1 for w in range(workers) if w % 211 == 17),
    }
    (folder / "truth.json").write_text(json.dumps(truth))
    if own:
        con.close()
    return truth
