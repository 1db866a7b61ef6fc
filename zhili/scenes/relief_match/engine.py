"""The county run: facts from the data pool, proactive discovery and matching of every help policy, in Ibis.

``run_county`` reads the datasets' snapshots (DuckDB by default; PostgreSQL and PySpark alike), builds the
facts once, then decides the discovery rules and the 46 help policies for every household in two queries. The
facts are kept as a Parquet file sorted by household, from which one household's explanation is read.
"""

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from zhili.core.policy.api import BatchResult, Domain, decide_all, evaluate_batch

from .facts import DATASET_CODES, fact_tables

DOMAIN = "relief_match"
WARNING = "warning"
DETERMINATION = "determination"


def help_policies(domain: Domain, on: dt.date) -> list:
    """The help policies in force (the seed's 46), without discovery rules and category determinations."""
    return [p for p in domain.in_force(on, "household") if p.category not in (WARNING, DETERMINATION)]


def warning_rules(domain: Domain, on: dt.date) -> list:
    return [p for p in domain.in_force(on, "household") if p.category == WARNING]


def determinations(domain: Domain, on: dt.date) -> list:
    return [p for p in domain.in_force(on, "household") if p.category == DETERMINATION]


def facts_dir() -> Path:
    return Path(settings.VAR_DIR) / "relief_match" / "facts"


@dataclass
class CountyRun:
    """What one run found: warnings and matches per household, the facts it read, and where time went."""

    on: dt.date
    households: int
    persons: int
    warnings: BatchResult
    matches: BatchResult
    timings: dict = field(default_factory=dict)
    facts_path: Path | None = None


class _Clock:
    """Wall and CPU seconds (every thread of the process, DuckDB's included) of each step, into ``timings``."""

    def __init__(self, timings: dict):
        self.timings = timings
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.timings[f"{name}_s"], self.timings[f"{name}_cpu_s"] = wall - self.wall, cpu - self.cpu
        self.wall, self.cpu = wall, cpu


def county_tables(engine: str, con, *, refresh: bool = False) -> dict:
    from zhili.core.datapool.api import ibis_table

    return {code: ibis_table(code, engine, con=con, refresh=refresh) for code in DATASET_CODES}


def run_county(domain: Domain, on: dt.date, *, engine: str = "duckdb", con=None, refresh: bool = False,
               keep_facts: bool = True) -> CountyRun:
    """Facts, discovery and matching for every household on ``on``; nothing is written to the database."""
    from zhili.core.datapool.api import connect

    own = con is None
    con = connect(engine) if own else con
    timings = {}
    try:
        clock = _Clock(timings)
        households, members = fact_tables(county_tables(engine, con, refresh=refresh), on)
        households = con.create_table("rm_facts_households", households, overwrite=True)
        members = con.create_table("rm_facts_members", members, overwrite=True)
        clock.lap("facts")
        warnings = evaluate_batch(domain, households, on, members=members, policies=warning_rules(domain, on))
        clock.lap("discover")
        matches = evaluate_batch(domain, households, on, members=members, policies=help_policies(domain, on))
        clock.lap("match")
        counts = (households.count().to_pyarrow().as_py(), members.count().to_pyarrow().as_py())
        path = None
        if keep_facts:
            clock.lap("count")
            path = _keep_facts(households, members)
            clock.lap("keep_facts")
        return CountyRun(on, counts[0], counts[1], warnings, matches, timings, path)
    finally:
        if own and engine != "pyspark":
            con.disconnect()


def _keep_facts(households, members) -> Path:
    """The facts as Parquet (from any engine) and as an indexed SQLite file for reading one household by key.

    Dates are kept as ISO text and true/false as 0/1; ``FactReader`` gives them back typed.
    """
    import sqlite3

    folder = facts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tables = {}
    for name, table in (("households", households), ("members", members)):
        partial = folder / f"{name}.parquet.partial"
        table.to_parquet(partial)
        partial.replace(folder / f"{name}.parquet")
        tables[name] = table.schema()
    partial = folder / "facts.sqlite3.partial"
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
    try:
        import pyarrow.parquet as pq

        for name, schema in tables.items():
            columns = list(schema.names)
            con.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
            marks = ", ".join("?" for _ in columns)
            for batch in pq.ParquetFile(folder / f"{name}.parquet").iter_batches(batch_size=50_000):
                con.executemany(f"INSERT INTO {name} VALUES ({marks})",
                                zip(*[_sqlite_column(batch.column(c)) for c in columns], strict=True))
        con.execute("CREATE UNIQUE INDEX households_key ON households (household_id)")
        con.execute("CREATE INDEX members_household ON members (household_id, person_id)")
        con.commit()
    finally:
        con.close()
    partial.replace(folder / "facts.sqlite3")
    return folder


def _sqlite_column(column) -> list:
    import pyarrow as pa

    if pa.types.is_date(column.type):
        return [None if v is None else v.isoformat() for v in column.to_pylist()]
    return column.to_pylist()


class FactReader:
    """One household's kept facts, read by key from the indexed SQLite file of the last run, typed again."""

    def __init__(self, folder: Path | None = None):
        import sqlite3

        from zhili.core.policy.api import get_domain

        self.folder = Path(folder or facts_dir())
        self.con = sqlite3.connect(f"file:{self.folder / 'facts.sqlite3'}?mode=ro", uri=True,
                                   check_same_thread=False)
        facts = get_domain(DOMAIN).facts
        self.types = {**{n: f.type for n, f in facts.get("household", {}).items()},
                      **{n: f.type for n, f in facts.get("person", {}).items()}}

    def _rows(self, sql: str, key: str) -> list[dict]:
        cursor = self.con.execute(sql, [key])
        names = [c[0] for c in cursor.description]
        kinds = [self.types.get(n) for n in names]
        return [{n: _typed_value(k, v) for n, k, v in zip(names, kinds, row, strict=True)} for row in cursor]

    def household(self, household_id: str) -> tuple[dict, list[dict]] | None:
        found = self._rows("SELECT * FROM households WHERE household_id = ?", household_id)
        if not found:
            return None
        members = self._rows("SELECT * FROM members WHERE household_id = ? ORDER BY person_id", household_id)
        return found[0], members

    def close(self) -> None:
        self.con.close()


def _typed_value(kind, value):
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    if kind == "number":
        return float(value)
    return value


def explain(domain: Domain, facts: dict, members: list[dict], on: dt.date, policies=None) -> list:
    """Every help policy (or the given ones) decided for one household, each with its explanation."""
    return decide_all(domain, facts, members, on, policies=policies if policies is not None
                      else help_policies(domain, on))
