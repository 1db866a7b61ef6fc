"""The carbon-efficiency evaluation as one DuckDB statement: every enterprise's figures, grade and level at once.

Inputs are relations on a DuckDB connection: ``energy`` (uscc, month, kind, quantity, unit), ``value_added``
(uscc, month, value_added in 万元) and ``enterprises`` (uscc, industry, region). The statement checks every
energy row (unknown kind, unit not the dataset's, missing or negative reading, a reading an order of magnitude
off the enterprise's own median for that kind over the twelve months up to the period's end, in the dataset's unit,
so a month's evaluation compares a reading with the months before it), sums emissions by kind with the factors in force,
and grades only the enterprises with clean data:

    gross = Σ quantity × factor (own zero-carbon generation counted as electricity used)
    offset = own zero-carbon generation × grid factor;  net = gross − offset
    L = net / value added (t/万元);  industry L = Σ net / Σ value added over the graded firms of the GB/T 4754
    division;  K = L / industry L;  grade by K, level by L (bounds: ``policies.py``);  neutrality = offset / gross

L and K are rounded to 4 places before they are compared with the bounds, as they are published.
"""

import datetime as dt
from dataclasses import dataclass

from .choices import EnergyKind

KINDS = [k.value for k in EnergyKind]


@dataclass(frozen=True)
class Bounds:
    """The bounds in force: levels by L, grades by K, the outlier ratio."""

    level: tuple[float, float]
    grade: tuple[float, float, float, float]
    outlier_ratio: float


def _factor_values(factors) -> str:
    rows = ", ".join(f"('{f.kind}', '{f.unit}', {float(f.t_co2_per_unit)!r}, {str(f.offset).upper()})"
                     for f in factors.values())
    return f"(VALUES {rows}) AS f(kind, unit, factor, is_offset)"


HISTORY_MONTHS = 12


def history_start(start: dt.date, end: dt.date) -> dt.date:
    """The first month of the enterprise's own history a reading is compared with: the twelve months up to the
    period's end (a month's evaluation sees the eleven months before it), never later than the period's start."""
    months = end.year * 12 + end.month - HISTORY_MONTHS
    first = dt.date(months // 12, months % 12 + 1, 1)
    return min(first, start)


def evaluation_sql(start: dt.date, end: dt.date, factors, bounds: Bounds) -> str:
    """The statement over ``energy``, ``value_added`` and ``enterprises`` for the months ``start``..``end``."""
    per_kind = ",\n".join(
        f"sum(quantity) FILTER (WHERE kind = '{k}' AND problem IS NULL) AS q_{k}" for k in KINDS)
    low, high = bounds.level
    first = history_start(start, end)
    history = "e" if first == start else (  # a year is its own history; a month reads the months before it
        f"(SELECT uscc, CAST(month AS DATE) AS month, kind, CAST(quantity AS DOUBLE) AS quantity, unit FROM energy"
        f" WHERE CAST(month AS DATE) BETWEEN DATE '{first}' AND DATE '{end}')")
    g1, g2, g3, g4 = bounds.grade
    return f"""
WITH e AS (
    SELECT uscc, CAST(month AS DATE) AS month, kind, CAST(quantity AS DOUBLE) AS quantity, unit FROM energy
    WHERE CAST(month AS DATE) BETWEEN DATE '{start}' AND DATE '{end}'),
hist AS (
    SELECT h.uscc, h.kind, median(h.quantity) AS med, count(*) AS n
    FROM {history} h JOIN {_factor_values(factors)} ON h.kind = f.kind AND h.unit = f.unit
    WHERE h.quantity > 0 GROUP BY h.uscc, h.kind),
checked AS (
    SELECT e.uscc, e.month, e.kind, e.quantity, e.unit, f.factor, f.is_offset, h.med,
        CASE WHEN f.kind IS NULL THEN 'kind'
             WHEN e.unit IS DISTINCT FROM f.unit THEN 'unit'
             WHEN e.quantity IS NULL THEN 'missing'
             WHEN e.quantity < 0 THEN 'negative'
             WHEN h.n >= 3 AND e.quantity > 0 AND (e.quantity > h.med * {bounds.outlier_ratio!r}
                  OR e.quantity * {bounds.outlier_ratio!r} < h.med) THEN 'outlier'
        END AS problem
    FROM e LEFT JOIN {_factor_values(factors)} ON e.kind = f.kind
           LEFT JOIN hist h ON e.uscc = h.uscc AND e.kind = h.kind),
emis AS (
    SELECT uscc,
        coalesce(sum(quantity * factor) FILTER (WHERE problem IS NULL), 0) AS gross,
        coalesce(sum(quantity * factor) FILTER (WHERE problem IS NULL AND is_offset), 0) AS offset_t,
        {per_kind},
        count(DISTINCT month) AS energy_months,
        list(struct_pack(month := month, kind := kind, quantity := quantity, unit := unit, problem := problem,
                         median := med) ORDER BY month, kind) FILTER (WHERE problem IS NOT NULL) AS problems
    FROM checked GROUP BY uscc),
va AS (
    SELECT uscc, sum(CAST(value_added AS DOUBLE)) AS va, count(*) AS va_months,
        list(CAST(month AS DATE) ORDER BY month) FILTER (WHERE value_added IS NULL OR value_added <= 0) AS bad_va
    FROM value_added WHERE CAST(month AS DATE) BETWEEN DATE '{start}' AND DATE '{end}' GROUP BY uscc),
missing_va AS (
    SELECT e.uscc, list(DISTINCT e.month ORDER BY e.month) AS months FROM e
    WHERE NOT EXISTS (SELECT 1 FROM value_added v WHERE v.uscc = e.uscc AND CAST(v.month AS DATE) = e.month)
    GROUP BY e.uscc),
base AS (
    SELECT n.uscc, n.industry, n.region, m.*  EXCLUDE (uscc), v.va, v.bad_va, mv.months AS missing_va,
        (m.uscc IS NULL OR m.problems IS NOT NULL OR v.uscc IS NULL OR v.bad_va IS NOT NULL
         OR mv.uscc IS NOT NULL OR v.va <= 0 OR n.industry IS NULL) AS blocked
    FROM enterprises n LEFT JOIN emis m ON m.uscc = n.uscc LEFT JOIN va v ON v.uscc = n.uscc
    LEFT JOIN missing_va mv ON mv.uscc = n.uscc),
calc AS (
    SELECT *, gross - offset_t AS net,
        CASE WHEN NOT blocked THEN round((gross - offset_t) / va, 4) END AS intensity,
        CASE WHEN gross > 0 THEN round(offset_t / gross, 4) END AS neutrality
    FROM base),
ind AS (
    SELECT industry, sum(net) / sum(va) AS industry_intensity, count(*) AS industry_firms
    FROM calc WHERE NOT blocked GROUP BY industry),
graded AS (
    SELECT c.*, round(i.industry_intensity, 4) AS industry_intensity, i.industry_firms,
        CASE WHEN NOT c.blocked AND i.industry_intensity > 0
             THEN round(c.intensity / round(i.industry_intensity, 4), 4) END AS k_value
    FROM calc c LEFT JOIN ind i ON i.industry = c.industry)
SELECT *,
    CASE WHEN k_value IS NULL THEN NULL WHEN k_value <= {g1!r} THEN 1 WHEN k_value <= {g2!r} THEN 2
         WHEN k_value <= {g3!r} THEN 3 WHEN k_value <= {g4!r} THEN 4 ELSE 5 END AS grade,
    CASE WHEN intensity IS NULL OR k_value IS NULL THEN NULL WHEN intensity <= {low!r} THEN 'low'
         WHEN intensity <= {high!r} THEN 'medium' ELSE 'high' END AS level
FROM graded ORDER BY uscc
"""


def region_indices_sql(table: str) -> str:
    """Totals, intensity and index (region L / province L) by city, county, town and industry, with rankings.

    Over the graded enterprises of ``table`` (the evaluation's rows); ``region`` is a GB/T 2260 code (6 digits
    for a county, 12 for a town). The index's definition is the scene's design (DB33/T 1347's could not be read).
    """
    return f"""
WITH g AS (SELECT * FROM {table} WHERE grade IS NOT NULL),
p AS (SELECT sum(net) / sum(va) AS province_intensity FROM g),
units AS (
    SELECT 'province' AS level, substr(region, 1, 2) || '0000' AS code, gross, offset_t, net, va, grade FROM g
    UNION ALL SELECT 'city', substr(region, 1, 4) || '00', gross, offset_t, net, va, grade FROM g
    UNION ALL SELECT 'county', substr(region, 1, 6), gross, offset_t, net, va, grade FROM g
    UNION ALL SELECT 'town', region, gross, offset_t, net, va, grade FROM g WHERE length(region) = 12
    UNION ALL SELECT 'industry', industry, gross, offset_t, net, va, grade FROM g),
sums AS (
    SELECT level, code, count(*) AS firms, sum(gross) AS gross, sum(offset_t) AS offset_t, sum(net) AS net,
        sum(va) AS va, count(*) FILTER (WHERE grade <= 2) AS good_firms, count(*) FILTER (WHERE grade >= 4) AS poor_firms
    FROM units GROUP BY level, code)
SELECT s.*, round(s.net / s.va, 4) AS intensity, round((s.net / s.va) / p.province_intensity, 4) AS index_value,
    CASE WHEN s.gross > 0 THEN round(s.offset_t / s.gross, 4) END AS neutrality,
    rank() OVER (PARTITION BY s.level ORDER BY s.net / s.va) AS rank
FROM sums s, p ORDER BY level, rank
"""


def region_indices(con, table: str) -> dict[str, int]:
    """Write the indices of ``table`` to ``region_index`` on ``con``; how many units each level has."""
    con.execute(f"CREATE OR REPLACE TABLE region_index AS {region_indices_sql(table)}")
    return dict(con.execute("SELECT level, count(*) FROM region_index GROUP BY level ORDER BY level").fetchall())
