"""Compile an indicator system into one Ibis query per period, and score its rows.

The query yields one row per entity with one column per indicator value; it runs unchanged on DuckDB,
PostgreSQL and PySpark. Scoring (weights, veto rules, thresholds) is plain arithmetic on those values.
"""

import datetime as dt
from dataclasses import dataclass, field

from .choices import Level
from .declarations import Change, Count, Flag, IndicatorSystem, Ratio, Sum, Where, evidence_terms

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
    def __init__(self, system: IndicatorSystem, tables: dict, period_end: dt.date):
        self.system = system
        self.tables = tables
        self.period_end = period_end
        self.aggregates: dict = {}

    def term(self, term, shift: int) -> str:
        """Name of the column that will hold ``term`` over the window ``shift`` windows back."""
        signature = (term, shift)
        if signature not in self.aggregates:
            name = f"t{len(self.aggregates)}"
            table = self.tables[term.dataset]
            rows = _rows_in_window(table, term, self.period_end, shift)
            entity = rows[self.system.entity_field]
            if isinstance(term, Sum):
                metric = rows[term.field].sum().cast("float64")
            else:
                metric = rows.count().cast("float64")
            aggregate = rows.group_by(entity.name(f"{name}_entity")).aggregate(**{name: metric})
            self.aggregates[signature] = (name, aggregate)
        return self.aggregates[signature][0]

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
    entities = ibis.union(*[tables[code].select(entity=tables[code][entity]) for code in system.datasets()],
                          distinct=True)
    joined = entities
    for name, aggregate in compiler.aggregates.values():
        joined = joined.left_join(aggregate, joined.entity == aggregate[f"{name}_entity"])
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


@dataclass
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


def score_rows(system: IndicatorSystem, rows: list[dict]) -> list[EntityEvaluation]:
    """Weights, veto rules and thresholds applied to each entity's indicator values."""
    thresholds = sorted(system.thresholds, key=lambda t: t.min_score, reverse=True)
    results = []
    for row in rows:
        values = {code: round(float(row[code] or 0.0), VALUE_DIGITS) for code in system.indicator_map}
        score = 0.0
        fired = []
        for code, (dimension, indicator) in system.indicator_map.items():
            if indicator.fires_when.holds(values[code]):
                score += dimension.weight * indicator.weight
                fired.append({"indicator": code, "name": indicator.name, "value": values[code],
                              "condition": f"{indicator.fires_when.op} {indicator.fires_when.threshold}",
                              "points": round(dimension.weight * indicator.weight, VALUE_DIGITS),
                              "reference": indicator.reference, "rows": []})
        score = round(score, VALUE_DIGITS)
        level = next((t.level for t in thresholds if score >= t.min_score), Level.NONE)
        vetoes = []
        for veto in system.veto_rules:
            if veto.when.holds(values[veto.indicator]):
                level = Level.highest(level, veto.level)
                vetoes.append({"veto": veto.code, "name": veto.name, "level": veto.level,
                               "reference": veto.reference})
        results.append(EntityEvaluation(str(row["entity"]), score, str(level), values, fired, vetoes))
    return results


def attach_evidence(system: IndicatorSystem, results: list[EntityEvaluation], tables: dict,
                    period_end: dt.date) -> None:
    """Add to each fired indicator the keys of the source rows behind it (at most ``EVIDENCE_ROWS``)."""
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
        rows = rows.filter(rows[system.entity_field].isin(sorted(entities)))
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
        rows = compile_system(system, tables, period_end).to_pyarrow().to_pylist()
        results = score_rows(system, rows)
        if evidence:
            attach_evidence(system, results, tables, period_end)
        return results
    finally:
        if own and engine != "pyspark":  # the Spark session is kept for the process
            con.disconnect()
