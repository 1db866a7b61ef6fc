"""Compile an indicator system into one Ibis query per period, and score its rows.

The query yields one row per entity with one column per indicator value; it runs unchanged on DuckDB,
PostgreSQL and PySpark. Scoring (weights, veto rules, thresholds) is plain arithmetic on those values.
"""

import datetime as dt
from dataclasses import dataclass, field

from .choices import Level
from .declarations import OPERATORS, Change, Count, Flag, IndicatorSystem, Ratio, Sum, Where, evidence_terms

VALUE_DIGITS = 6


def _float(value: float):
    """A float64 literal; PostgreSQL would otherwise type a bare 0.0 as numeric."""
    import ibis

    return ibis.literal(value, type="float64")
EVIDENCE_ROWS = 20


def _window(term, period_end: dt.date, shift: int) -> tuple[dt.date, dt.date]:
    """The inclusive date window of ``term`` ending on ``period_end``, moved back ``shift`` windows."""
    end = period_end - dt.timedelta(days=term.window_days * shift)
    return end - dt.timedelta(days=term.window_days - 1), end


def _predicate(table, condition: Where):
    column = table[condition.field]
    if condition.op == "in":
        return column.isin(list(condition.value))
    if condition.op == "not in":
        return ~column.isin(list(condition.value))
    return {"==": column.__eq__, "!=": column.__ne__, ">": column.__gt__, ">=": column.__ge__,
            "<": column.__lt__, "<=": column.__le__}[condition.op](condition.value)


def _rows_in_window(table, term, period_end: dt.date, shift: int):
    start, end = _window(term, period_end, shift)
    day = table[term.date_field]
    return table.filter(day >= start, day <= end, *[_predicate(table, c) for c in term.where])


class _Compiler:
    """Collects the terms an indicator system needs, then builds one aggregate per (dataset, date field).

    Every term over the same dataset and date field becomes a filtered aggregate (``SUM(x) FILTER (WHERE
    ...)``) of one scan, so the engine reads each dataset once instead of once per term.
    """

    def __init__(self, system: IndicatorSystem, tables: dict, period_end: dt.date):
        self.system = system
        self.tables = tables
        self.period_end = period_end
        self.names: dict = {}
        self.groups: dict = {}

    def term(self, term, shift: int) -> str:
        """Name of the column that will hold ``term`` over the window ``shift`` windows back."""
        signature = (term, shift)
        if signature not in self.names:
            self.names[signature] = f"t{len(self.names)}"
            self.groups.setdefault((term.dataset, term.date_field), []).append(signature)
        return self.names[signature]

    def aggregates(self) -> list:
        """One Ibis aggregate per (dataset, date field): the entity and one column per term."""
        built = []
        for index, ((dataset, date_field), signatures) in enumerate(self.groups.items()):
            table = self.tables[dataset]
            windows = [_window(term, self.period_end, shift) for term, shift in signatures]
            day = table[date_field]
            rows = table.filter(day >= min(w[0] for w in windows), day <= max(w[1] for w in windows))
            metrics = {}
            for (term, shift), (start, end) in zip(signatures, windows, strict=True):
                where = (rows[date_field] >= start) & (rows[date_field] <= end)
                for condition in term.where:
                    where &= _predicate(rows, condition)
                if isinstance(term, Sum):
                    metric = rows[term.field].sum(where=where)
                else:
                    metric = rows.count(where=where)
                metrics[self.names[(term, shift)]] = metric.cast("float64")
            key = f"g{index}_entity"
            built.append((key, rows.group_by(rows[self.system.entity_field].name(key)).aggregate(**metrics)))
        return built

    def value(self, expression, columns, shift: int = 0):
        import ibis

        if isinstance(expression, Flag):
            # Integer literals and an explicit cast: a bare 1.0 would be numeric, not float, on PostgreSQL.
            return (columns[self.term(expression, shift)].fill_null(_float(0.0)) > 0).ifelse(1, 0).cast("float64")
        if isinstance(expression, Count | Sum):
            return columns[self.term(expression, shift)].fill_null(_float(0.0))
        if isinstance(expression, Ratio):
            numerator = self.value(expression.numerator, columns, shift)
            denominator = self.value(expression.denominator, columns, shift)
            return ibis.ifelse(denominator == 0, _float(0.0), numerator / denominator)
        if isinstance(expression, Change):
            current = self.value(expression.expression, columns, shift)
            previous = self.value(expression.expression, columns, shift + 1)
            if not expression.relative:
                return current - previous
            return ibis.ifelse(previous == 0, _float(0.0), (current - previous) / previous)
        raise TypeError(f"unknown indicator expression {expression!r}")


class _Columns:
    """Late-bound column references: ``columns[name]`` once the joined table exists."""

    def __init__(self):
        self.table = None

    def __getitem__(self, name):
        return self.table[name]


def compile_system(system: IndicatorSystem, tables: dict, period_end: dt.date):
    """One Ibis expression: ``entity`` and one float column per indicator, for every known entity."""
    import ibis

    compiler = _Compiler(system, tables, period_end)
    columns = _Columns()
    # A first pass collects the aggregates each indicator needs; expressions are built after the join.
    for indicator in system.indicators:
        _collect(compiler, indicator.expression, 0)
    entity = system.entity_field
    selects = [tables[code].select(entity=tables[code][entity]) for code in system.datasets()]
    # ibis.union of a single table returns it as it is, ignoring distinct: one entity per row of a one-dataset system
    entities = ibis.union(*selects, distinct=True) if len(selects) > 1 else selects[0].distinct()
    joined = entities
    for key, aggregate in compiler.aggregates():
        joined = joined.left_join(aggregate, joined.entity == aggregate[key])
        joined = joined.select(*[c for c in joined.columns if not c.endswith("_entity") or c == "entity"])
    columns.table = joined
    values = {indicator.code: compiler.value(indicator.expression, columns).cast("float64")
              for indicator in system.indicators}
    return joined.select(entity=joined.entity.cast("string"), **values).order_by("entity")


def _collect(compiler: _Compiler, expression, shift: int) -> None:
    if isinstance(expression, Count | Sum | Flag):
        compiler.term(expression, shift)
    elif isinstance(expression, Ratio):
        _collect(compiler, expression.numerator, shift)
        _collect(compiler, expression.denominator, shift)
    elif isinstance(expression, Change):
        _collect(compiler, expression.expression, shift)
        _collect(compiler, expression.expression, shift + 1)


@dataclass(slots=True)
class EntityEvaluation:
    """The score and level of one entity for one period, with what explains them."""

    entity: str
    score: float
    level: str
    values: dict
    fired: list = field(default_factory=list)
    vetoes: list = field(default_factory=list)

    def explanation(self) -> dict:
        return {"score": self.score, "values": self.values, "fired": self.fired, "vetoes": self.vetoes}


def _rounded(values):
    """``values`` (nulls as 0) rounded as Python's ``round(v, VALUE_DIGITS)`` does; zeros are left alone."""
    import numpy as np

    array = np.array([0.0 if v is None else float(v) for v in values], dtype=np.float64) if isinstance(
        values, list) else values
    for index in np.flatnonzero(array):
        array[index] = round(float(array[index]), VALUE_DIGITS)
    return array


def _columns(system: IndicatorSystem, rows) -> tuple[list, dict]:
    """Entities and one float array per indicator, from a list of dicts or a pyarrow table."""
    codes = list(system.indicator_map)
    if isinstance(rows, list):
        return [str(row["entity"]) for row in rows], {code: _rounded([row[code] for row in rows]) for code in codes}
    import pyarrow.compute as pc

    entities = [str(e) for e in rows.column("entity").to_pylist()]
    arrays = {code: _rounded(pc.fill_null(rows.column(code), 0.0).to_numpy().astype("float64", copy=True))
              for code in codes}
    return entities, arrays


def score_rows(system: IndicatorSystem, rows) -> list[EntityEvaluation]:
    """Weights, veto rules and thresholds applied to each entity's indicator values.

    ``rows`` is a list of dicts or a pyarrow table (``entity`` and one column per indicator). The arithmetic
    runs on whole columns at once (the same double additions in the same order as one entity at a time), so
    two million entities score in seconds; only fired indicators and vetoes are built one by one.
    """
    import numpy as np

    entities, arrays = _columns(system, rows)
    count = len(entities)
    codes = list(system.indicator_map)
    score = np.zeros(count, dtype=np.float64)
    fired_codes: list = [None] * count
    for code, (dimension, indicator) in system.indicator_map.items():
        points = dimension.weight * indicator.weight
        fires = OPERATORS[indicator.fires_when.op](arrays[code], indicator.fires_when.threshold)
        score += np.where(fires, points, 0.0)
        for index in np.flatnonzero(fires).tolist():
            if fired_codes[index] is None:
                fired_codes[index] = []
            fired_codes[index].append(code)
    score = _rounded(score)
    order = [member.value for member in Level]
    rank = np.zeros(count, dtype=np.int64)
    for threshold in sorted(system.thresholds, key=lambda t: t.min_score):  # the highest threshold reached wins
        rank = np.where(score >= threshold.min_score, order.index(threshold.level), rank)
    veto_hits: list = [None] * count
    for veto in system.veto_rules:
        holds = OPERATORS[veto.when.op](arrays[veto.indicator], veto.when.threshold)
        rank = np.where(holds, np.maximum(rank, order.index(veto.level)), rank)
        for index in np.flatnonzero(holds).tolist():
            if veto_hits[index] is None:
                veto_hits[index] = []
            veto_hits[index].append(veto)
    lists = [arrays[code].tolist() for code in codes]
    scores, ranks = score.tolist(), rank.tolist()
    results = []
    for index, values in enumerate(zip(*lists, strict=True)):
        values = dict(zip(codes, values, strict=True))
        fired = [_fired(system, code, values[code]) for code in fired_codes[index] or ()]
        vetoes = [{"veto": v.code, "name": v.name, "level": v.level, "reference": v.reference}
                  for v in veto_hits[index] or ()]
        results.append(EntityEvaluation(entities[index], scores[index], order[ranks[index]], values, fired, vetoes))
    return results


def _fired(system: IndicatorSystem, code: str, value: float) -> dict:
    dimension, indicator = system.indicator_map[code]
    return {"indicator": code, "name": indicator.name, "value": value,
            "condition": f"{indicator.fires_when.op} {indicator.fires_when.threshold}",
            "points": round(dimension.weight * indicator.weight, VALUE_DIGITS),
            "reference": indicator.reference, "rows": []}


def attach_evidence(system: IndicatorSystem, results: list[EntityEvaluation], tables: dict,
                    period_end: dt.date) -> None:
    """Add to each fired indicator the keys of the source rows behind it (at most ``EVIDENCE_ROWS``)."""
    import ibis

    wanted: dict = {}
    for result in results:
        for item in result.fired:
            indicator = system.indicator_map[item["indicator"]][1]
            for term in evidence_terms(indicator.expression):
                wanted.setdefault(term, set()).add(result.entity)
    keys: dict = {}
    for term, entities in wanted.items():
        table = tables[term.dataset]
        rows = _rows_in_window(table, term, period_end, 0)
        # A join against the wanted entities, not an IN list: tens of thousands of warnings at province scale.
        wanted_table = ibis.memtable({"_wanted": sorted(entities)})
        rows = rows.inner_join(wanted_table, rows[system.entity_field].cast("string") == wanted_table._wanted)
        query = rows.select(entity=rows[system.entity_field].cast("string"), key=rows["_key"]).order_by(
            ["entity", "key"])
        for record in query.to_pyarrow().to_pylist():
            found = keys.setdefault((term, record["entity"]), [])
            if len(found) < EVIDENCE_ROWS:
                found.append(record["key"])
    for result in results:
        for item in result.fired:
            indicator = system.indicator_map[item["indicator"]][1]
            item["rows"] = sorted({key for term in evidence_terms(indicator.expression)
                                   for key in keys.get((term, result.entity), [])})


def evaluate_on(system: IndicatorSystem, period_end: dt.date, engine: str = "duckdb", *, con=None,
                evidence: bool = True) -> list[EntityEvaluation]:
    """Run ``system`` for the period ending ``period_end`` on ``engine``; nothing is stored."""
    from zhili.core.datapool.api import connect, ibis_table

    own = con is None
    con = connect(engine) if own else con
    try:
        tables = {code: ibis_table(code, engine, con=con) for code in system.datasets()}
        results = score_rows(system, compile_system(system, tables, period_end).to_pyarrow())
        if evidence:
            attach_evidence(system, results, tables, period_end)
        return results
    finally:
        if own and engine != "pyspark":  # the Spark session is kept for the process
            con.disconnect()
