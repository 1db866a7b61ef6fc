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
        started = time.perf_counter()
        households, members = fact_tables(county_tables(engine, con, refresh=refresh), on)
        households = con.create_table("rm_facts_households", households, overwrite=True)
        members = con.create_table("rm_facts_members", members, overwrite=True)
        timings["facts_s"] = time.perf_counter() - started
        started = time.perf_counter()
        warnings = evaluate_batch(domain, households, on, members=members, policies=warning_rules(domain, on))
        timings["discover_s"] = time.perf_counter() - started
        started = time.perf_counter()
        matches = evaluate_batch(domain, households, on, members=members, policies=help_policies(domain, on))
        timings["match_s"] = time.perf_counter() - started
        counts = (households.count().to_pyarrow().as_py(), members.count().to_pyarrow().as_py())
        path = None
        if keep_facts:
            started = time.perf_counter()
            path = _keep_facts(households, members)
            timings["keep_facts_s"] = time.perf_counter() - started
        return CountyRun(on, counts[0], counts[1], warnings, matches, timings, path)
    finally:
        if own and engine != "pyspark":
            con.disconnect()


def _keep_facts(households, members) -> Path:
    """The facts as Parquet (any engine) and as an indexed DuckDB file for reading one household by key."""
    import duckdb

    folder = facts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in (("households", households), ("members", members)):
        partial = folder / f"{name}.parquet.partial"
        table.to_parquet(partial)
        partial.replace(folder / f"{name}.parquet")
    partial = folder / "facts.duckdb.partial"
    partial.unlink(missing_ok=True)
    con = duckdb.connect(str(partial))
    try:
        con.execute("CREATE TABLE households AS SELECT * FROM read_parquet(?) ORDER BY household_id",
                    [str(folder / "households.parquet")])
        con.execute("CREATE TABLE members AS SELECT * FROM read_parquet(?) ORDER BY household_id, person_id",
                    [str(folder / "members.parquet")])
        con.execute("CREATE UNIQUE INDEX households_key ON households (household_id)")
        con.execute("CREATE INDEX members_household ON members (household_id)")
    finally:
        con.close()
    partial.replace(folder / "facts.duckdb")
    return folder


class FactReader:
    """One household's kept facts, read by key from the indexed DuckDB file of the last run."""

    def __init__(self, folder: Path | None = None):
        import duckdb

        self.folder = Path(folder or facts_dir())
        self.con = duckdb.connect(str(self.folder / "facts.duckdb"), read_only=True)

    def _rows(self, sql: str, key: str) -> list[dict]:
        cursor = self.con.execute(sql, [key])
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def household(self, household_id: str) -> tuple[dict, list[dict]] | None:
        found = self._rows("SELECT * FROM households WHERE household_id = ?", household_id)
        if not found:
            return None
        members = self._rows("SELECT * FROM members WHERE household_id = ? ORDER BY person_id", household_id)
        return found[0], members

    def close(self) -> None:
        self.con.close()


def explain(domain: Domain, facts: dict, members: list[dict], on: dt.date, policies=None) -> list:
    """Every help policy (or the given ones) decided for one household, each with its explanation."""
    return decide_all(domain, facts, members, on, policies=policies if policies is not None
                      else help_policies(domain, on))
