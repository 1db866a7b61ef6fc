"""City-scale runs of the scene's money rules on DuckDB over Parquet files (the bench and a city's nightly batch).

The same rules as the services, written once more as SQL for a whole city: a day counts 1 when its punches span the
standard day, ½ from half of it; gross = days × the agreed daily rate (``payroll``); a bank return file checked line
by line against the payment lines and summed (``reconcile``); and the checks per project and enterprise
(``checks``: short balance, late labour cost, below the minimum, attendance without pay). The rule values come
from ``rules.py`` on the day given, so a new dated value changes both paths.
"""

import datetime as dt

from .rules import rule


def _q(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def payroll(con, *, attendance, workers, month: dt.date, out) -> dict:
    """Each worker's days, hours and gross for ``month`` from the attendance Parquet file, written to ``out``."""
    standard = float(rule("standard_day_hours", month).value)
    end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    con.execute(f"""
        COPY (
          WITH days AS (
            SELECT worker_id, epoch(last_punch - first_punch) / 3600.0 AS hours
            FROM read_parquet({_q(attendance)})
            WHERE day >= DATE '{month}' AND day < DATE '{end}')
          SELECT w.project_id, w.team_id, d.worker_id, w.card, w.daily_rate,
                 sum(CASE WHEN hours >= {standard} THEN 1.0 WHEN hours >= {standard / 2} THEN 0.5 ELSE 0 END) AS days,
                 round(sum(hours), 2) AS hours,
                 round(sum(CASE WHEN hours >= {standard} THEN 1.0 WHEN hours >= {standard / 2} THEN 0.5 ELSE 0 END)
                       * w.daily_rate, 2) AS gross
          FROM days d JOIN read_parquet({_q(workers)}) w USING (worker_id)
          WHERE w.on_payroll
          GROUP BY w.project_id, w.team_id, d.worker_id, w.card, w.daily_rate
        ) TO {_q(out)} (FORMAT parquet)""")
    lines, total = con.execute(f"SELECT count(*), sum(gross) FROM read_parquet({_q(out)})").fetchone()
    return {"lines": lines, "total": float(total or 0)}


def reconcile(con, *, payments, returns) -> dict:
    """Check a bank return file (CSV: batch, serial, card, amount, result) against the payment lines.

    A return line whose batch and serial are unknown, whose card or amount differs, or a payment line without an
    answer is a mismatch; the rest are summed as paid or failed.
    """
    row = con.execute(f"""
        WITH p AS (SELECT * FROM read_parquet({_q(payments)})),
             r AS (SELECT * FROM read_csv({_q(returns)}, header=true,
                   columns={{'batch': 'VARCHAR', 'serial': 'INTEGER', 'card': 'VARCHAR', 'amount': 'DECIMAL(14,2)',
                             'result': 'VARCHAR'}})),
             j AS (SELECT p.batch AS pb, r.batch AS rb, p.card AS pc, r.card AS rc, p.amount AS pa,
                          r.amount AS ra, r.result
                   FROM p FULL OUTER JOIN r ON p.batch = r.batch AND p.serial = r.serial)
        SELECT count(*) FILTER (WHERE pb IS NULL OR rb IS NULL OR pc <> rc OR pa <> ra) AS mismatched,
               count(*) FILTER (WHERE pb IS NOT NULL AND rb IS NOT NULL AND pc = rc AND pa = ra AND result = 'S'),
               coalesce(sum(pa) FILTER (WHERE pb IS NOT NULL AND rb IS NOT NULL AND pc = rc AND pa = ra
                                        AND result = 'S'), 0),
               count(*) FILTER (WHERE pb IS NOT NULL AND rb IS NOT NULL AND pc = rc AND pa = ra AND result = 'F')
        FROM j""").fetchone()
    return {"mismatched": row[0], "paid": row[1], "paid_total": float(row[2]), "failed": row[3]}


def checks(con, *, projects, workers, attendance, lines, month: dt.date, day: dt.date) -> dict:
    """Findings per project and the indicator values per enterprise (GC's USCC) for ``day``."""
    minimum = float(rule("minimum_hourly_wage", day).value[1])
    end = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE findings AS
        WITH l AS (SELECT * FROM read_parquet({_q(lines)})),
             pay AS (SELECT project_id, sum(gross) AS payroll,
                            count(*) FILTER (WHERE hours > 0 AND gross / hours < {minimum}) AS low
                     FROM l GROUP BY project_id),
             att AS (SELECT DISTINCT worker_id FROM read_parquet({_q(attendance)})
                     WHERE day >= DATE '{month}' AND day < DATE '{end}'),
             unpaid AS (SELECT w.project_id, count(*) AS n FROM att JOIN read_parquet({_q(workers)}) w USING (worker_id)
                        WHERE NOT w.on_payroll GROUP BY w.project_id)
        SELECT p.project_id, p.gc_uscc,
               (p.balance < coalesce(pay.payroll, 0))::INTEGER AS balance_short,
               (p.labor_cost_due_on < DATE '{day}' AND p.labor_cost_paid < p.labor_cost_due)::INTEGER
                   AS labor_cost_late,
               coalesce(pay.low, 0) AS below_minimum,
               coalesce(unpaid.n, 0) AS attendance_unpaid
        FROM read_parquet({_q(projects)}) p LEFT JOIN pay USING (project_id) LEFT JOIN unpaid USING (project_id)""")
    rows = con.sql("""
        SELECT gc_uscc AS entity, sum(balance_short)::DOUBLE AS balance_short,
               sum(labor_cost_late)::DOUBLE AS labor_cost_late,
               (count(*) FILTER (WHERE below_minimum > 0))::DOUBLE AS below_minimum,
               sum(attendance_unpaid)::DOUBLE AS unpaid_workers, 0::DOUBLE AS late_pay, 0::DOUBLE AS paid_unattended,
               0::DOUBLE AS utility_arrears, 0::DOUBLE AS tax_arrears, 0::DOUBLE AS lawsuit, 0::DOUBLE AS abnormal
        FROM findings GROUP BY gc_uscc""").to_arrow_table()
    flagged = con.execute("""SELECT count(*) FILTER (WHERE balance_short > 0), count(*) FILTER (WHERE labor_cost_late > 0),
                                    count(*) FILTER (WHERE below_minimum > 0), count(*) FILTER (WHERE attendance_unpaid > 0)
                             FROM findings""").fetchone()
    return {"enterprise_rows": rows, "projects_flagged": dict(zip(
        ("balance_short", "labor_cost_late", "below_minimum", "attendance_unpaid"), flagged, strict=True))}
