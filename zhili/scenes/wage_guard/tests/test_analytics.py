"""The city-scale SQL gives the services' figures: a small synthetic city checked against its planted truth."""

import datetime as dt

import duckdb

from zhili.core.indicators.api import get_system, score_rows
from zhili.scenes.wage_guard import analytics
from zhili.scenes.wage_guard.synth import MONTH, write_city


def test_a_small_city_payroll_reconciliation_and_checks(tmp_path):
    con = duckdb.connect()
    truth = write_city(tmp_path, projects=50, workers=1000, con=con)
    assert (truth["balance_short_projects"], truth["labor_cost_late_projects"], truth["off_payroll_workers"]) == (
        1, 2, 5)
    sheet = analytics.payroll(con, attendance=tmp_path / "attendance.parquet", workers=tmp_path / "workers.parquet",
                              month=MONTH, out=tmp_path / "lines.parquet")
    assert sheet["lines"] == 995
    # worker 0: rate 260, 26 working days less those with (w + k) % 29 == 0, short days (w + k) % 23 == 0 count ½
    days, gross = con.execute(f"SELECT days, gross FROM read_parquet('{tmp_path}/lines.parquet') "
                              "WHERE worker_id = 0").fetchone()
    assert (float(days), float(gross)) == (24.5, 6370.0)  # 26 − March 30 off, March 24 short (5 h)
    con.execute(f"""COPY (SELECT 'WG' || team_id AS batch, row_number() OVER (PARTITION BY team_id ORDER BY worker_id)
                         AS serial, card, gross::DECIMAL(14,2) AS amount FROM read_parquet('{tmp_path}/lines.parquet'))
                    TO '{tmp_path}/payments.parquet' (FORMAT parquet)""")
    con.execute(f"""COPY (SELECT batch, serial, card, CASE WHEN serial = 1 AND batch = 'WG0' THEN amount + 1
                                 ELSE amount END AS amount, CASE WHEN serial = 2 THEN 'F' ELSE 'S' END AS result
                          FROM read_parquet('{tmp_path}/payments.parquet')) TO '{tmp_path}/returns.csv' (HEADER)""")
    result = analytics.reconcile(con, payments=tmp_path / "payments.parquet", returns=tmp_path / "returns.csv")
    seconds = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/payments.parquet') WHERE serial = 2"
                          ).fetchone()[0]
    assert result["mismatched"] == 1  # the altered line
    assert result["failed"] == seconds
    assert result["paid"] + result["failed"] + 1 == 995
    found = analytics.checks(con, projects=tmp_path / "projects.parquet", workers=tmp_path / "workers.parquet",
                             attendance=tmp_path / "attendance.parquet", lines=tmp_path / "lines.parquet",
                             month=MONTH, day=dt.date(2026, 4, 20))
    assert found["projects_flagged"]["balance_short"] == 1
    assert found["projects_flagged"]["labor_cost_late"] == 2
    assert found["projects_flagged"]["attendance_unpaid"] == 5
    assert found["projects_flagged"]["below_minimum"] == 1
    scored = score_rows(get_system("wage_guard_risk"), found["enterprise_rows"])
    assert len(scored) == 16 and sum(1 for e in scored if e.level != "green") >= 1
