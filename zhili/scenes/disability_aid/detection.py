"""Detection of suspected disabilities (主动感知) over the data pool: one Ibis expression (DuckDB by default).

A person is suspected on a day when a work-injury assessment, a traffic-injury assessment or a diagnosis on the
watch-list exists for them by that day, they hold no disability certificate and are alive. ``detect`` returns
one row per triggering record (the evidence); ``detect_python`` is the same rule as a per-person loop over the
raw records (the benchmark's baseline, and a test that both agree).
"""

import datetime as dt
from dataclasses import dataclass

from .rules import traffic_injury_max_grade, watch_list, work_injury_max_grade

DATASET_CODES = ("da_persons", "da_work_injuries", "da_traffic_injuries", "da_diagnoses", "da_certificates",
                 "da_deaths")
EVIDENCE_COLUMNS = ("person_id", "village_code", "birth_date", "gender", "source", "record_id", "recorded_on",
                    "detail")


@dataclass(frozen=True)
class Triggers:
    """The rule's values in force on a day: watch-list prefixes and the grade limits."""

    prefixes: dict
    work_max: int
    traffic_max: int

    @classmethod
    def on(cls, day: dt.date) -> "Triggers":
        return cls(dict(watch_list(day).value), int(work_injury_max_grade(day).value),
                   int(traffic_injury_max_grade(day).value))

    def matched(self, icd10: str) -> str | None:
        """The watch-list prefix ``icd10`` falls under (the longest), or None."""
        code = (icd10 or "").strip().upper()
        hits = [p for p in self.prefixes if code.startswith(p)]
        return max(hits, key=len) if hits else None


def tables(engine: str, con, *, refresh: bool = True) -> dict:
    from zhili.core.datapool.api import ibis_table

    return {code: ibis_table(code, engine, con=con, refresh=refresh) for code in DATASET_CODES}


def evidence_expr(t: dict, on: dt.date, triggers: Triggers):
    """The evidence rows (``EVIDENCE_COLUMNS``) of every suspected person on ``on``, as an Ibis expression."""
    import ibis

    work, traffic, diagnoses = t["da_work_injuries"], t["da_traffic_injuries"], t["da_diagnoses"]
    parts = [
        work.filter((work.assessed_on <= on) & (work.grade >= 1) & (work.grade <= triggers.work_max)).select(
            person_id=work.person_id, source=ibis.literal("work_injury"), record_id=work.record_id,
            recorded_on=work.assessed_on, detail=work.grade.cast("string")),
        traffic.filter((traffic.assessed_on <= on) & (traffic.grade >= 1)
                       & (traffic.grade <= triggers.traffic_max)).select(
            person_id=traffic.person_id, source=ibis.literal("traffic_injury"), record_id=traffic.record_id,
            recorded_on=traffic.assessed_on, detail=traffic.grade.cast("string")),
    ]
    if triggers.prefixes:
        code = diagnoses.icd10.upper()
        on_list = ibis.or_(*[code.startswith(prefix) for prefix in triggers.prefixes])
        parts.append(diagnoses.filter((diagnoses.diagnosed_on <= on) & on_list).select(
            person_id=diagnoses.person_id, source=ibis.literal("diagnosis"), record_id=diagnoses.record_id,
            recorded_on=diagnoses.diagnosed_on, detail=code))
    found = ibis.union(*parts)
    certificates = t["da_certificates"]
    certified = certificates.filter(certificates.issued_on <= on).select("person_id")
    deaths = t["da_deaths"]
    dead = deaths.filter(deaths.died_on <= on).select("person_id")
    persons = t["da_persons"]
    found = found.anti_join(certified, "person_id").anti_join(dead, "person_id")
    joined = found.join(persons, "person_id")
    return joined.select(*EVIDENCE_COLUMNS).order_by(["person_id", "recorded_on", "record_id"])


def detect(on: dt.date, *, engine: str = "duckdb", con=None, refresh: bool = True):
    """The evidence rows of every suspected person on ``on`` as a ``pyarrow.Table``; nothing is written."""
    from zhili.core.datapool.api import connect

    own = con is None
    con = connect(engine) if own else con
    try:
        return evidence_expr(tables(engine, con, refresh=refresh), on, Triggers.on(on)).to_pyarrow()
    finally:
        if own and engine != "pyspark":
            con.disconnect()


def detect_python(records: dict[str, list[dict]], on: dt.date, triggers: Triggers) -> dict[str, list[tuple]]:
    """The same rule as a per-person Python loop over raw records (dicts keyed by dataset code).

    Returns ``{person_id: [(source, record_id), ...]}`` for every suspected person.
    """
    by_person: dict[str, dict[str, list[dict]]] = {}
    for code, rows in records.items():
        for row in rows:
            by_person.setdefault(row["person_id"], {}).setdefault(code, []).append(row)
    suspected = {}
    for person_id, own in by_person.items():
        if "da_persons" not in own:
            continue
        if any(c["issued_on"] <= on for c in own.get("da_certificates", ())):
            continue
        if any(d["died_on"] <= on for d in own.get("da_deaths", ())):
            continue
        hits = [("work_injury", r["record_id"]) for r in own.get("da_work_injuries", ())
                if r["assessed_on"] <= on and 1 <= r["grade"] <= triggers.work_max]
        hits += [("traffic_injury", r["record_id"]) for r in own.get("da_traffic_injuries", ())
                 if r["assessed_on"] <= on and 1 <= r["grade"] <= triggers.traffic_max]
        hits += [("diagnosis", r["record_id"]) for r in own.get("da_diagnoses", ())
                 if r["diagnosed_on"] <= on and triggers.matched(r["icd10"])]
        if hits:
            suspected[person_id] = sorted(hits)
    return suspected
