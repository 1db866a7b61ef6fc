"""Realistic synthetic data for the 智慧助残 scene at a county's scale, with its truth planted:
``manage.py synth_disability_aid``.

A county of ``persons`` people (the seed's 江山市: 600,000, of whom 21,000 hold a certificate) and ``records``
source records, nearly all of them ordinary diagnoses. Planted: work-injury and traffic-injury assessments and
watch-list diagnoses, most of them for people who already hold a certificate or have died, and near misses
(codes next to the watch-list's, records dated after the day of detection, lower-case codes). ``truth`` is the
set of persons the rule must find on ``on``, computed from what was planted, not from the detection.
"""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

COUNTY = "330881"  # 江山市, the seed's county
# 江山市's 3 subdistricts, 11 towns and 5 townships; the codes are synthetic (the platform's code list stops at
# counties), numbered as GB/T 2260 numbers them: 0xx 街道, 1xx 镇, 2xx 乡
TOWNS = {
    "001": "双塔街道", "002": "虎山街道", "003": "清湖街道", "101": "上余镇", "102": "四都镇", "103": "大桥镇",
    "104": "新塘边镇", "105": "坛石镇", "106": "贺村镇", "107": "凤林镇", "108": "峡口镇", "109": "廿八都镇",
    "110": "石门镇", "111": "长台镇", "201": "碗窑乡", "202": "大陈乡", "203": "保安乡", "204": "塘源口乡",
    "205": "张村乡",
}
WATCH_CODES = ("S48.0", "S58.1", "S68.4", "S78.0", "S88.1", "S98.0", "Z89.4", "S14.1", "S24.1", "S34.1", "T91.3",
               "G82.2", "G80.0", "I69.3", "I69.4", "H54.0", "H54.1", "H90.3", "F20.0", "F72", "F73", "F84.0")
NEAR_MISSES = ("S49.0", "S14.0", "S24.0", "I63.9", "H54.2", "H90.5", "F21", "F71", "G81.9", "Z88.0")
ORDINARY = ("J06.9", "I10", "E11.9", "K29.7", "M54.5", "J18.9", "N39.0", "K80.2", "I25.1", "M17.9", "E78.5",
            "J44.9", "K35.8", "O80.0", "S52.5", "S82.6", "A09.9", "R51", "H25.9", "H66.9") + NEAR_MISSES
CHUNK = 2_000_000


@dataclass
class SynthReport:
    folder: Path
    on: dt.date
    persons: int = 0
    records: int = 0
    rows: dict = field(default_factory=dict)
    truth: set = field(default_factory=set)


def _ids(prefix: str, start: int, n: int):
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = pa.array(np.arange(start, start + n, dtype=np.int64)).cast(pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, 8, "0"), "")


def _dates(rng, low: dt.date, high: dt.date, n: int):
    import numpy as np

    span = (high - low).days + 1
    return np.datetime64(low.isoformat()) + rng.integers(0, span, n).astype("timedelta64[D]")


def synthesize(folder: Path, *, persons: int = 600_000, records: int = 40_000_000, certificates: int = 21_000,
               on: dt.date | None = None, seed: int = 28, towns: tuple[str, ...] | None = None) -> SynthReport:
    """Write one CSV per dataset into ``folder`` (header row, the dataset's columns) and return the truth.

    ``towns`` (suffixes of ``TOWNS``) keeps the people in those towns (the demo: the three subdistricts)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    on = on or dt.date(2026, 11, 30)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    report = SynthReport(folder, on, persons=persons)
    pids = _ids("P", 0, persons)
    chosen_towns = list(towns or TOWNS)
    towns = np.array(chosen_towns)[rng.integers(0, len(chosen_towns), persons)]
    villages = pc.binary_join_element_wise(
        COUNTY, pa.array(towns), pc.utf8_lpad(pa.array(rng.integers(1, 30, persons)).cast(pa.string()), 3, "0"),
        "")
    write = {}

    def emit(code, table):
        path = folder / f"{code}.csv"
        if code not in write:
            write[code] = pacsv.CSVWriter(path, table.schema)
        write[code].write_table(table)
        report.rows[code] = report.rows.get(code, 0) + table.num_rows

    emit("da_persons", pa.table({"person_id": pids, "village_code": villages,
                                 "birth_date": _dates(rng, dt.date(1935, 1, 1), dt.date(2020, 12, 31), persons),
                                 "gender": np.where(rng.random(persons) < 0.5, "M", "F")}))

    # Certificates: 21,000 people; 1 % of them issued after the day (still suspected on it if triggered).
    certified = rng.choice(persons, certificates, replace=False)
    cert_late = rng.random(certificates) < 0.01
    issued = np.where(cert_late, np.datetime64(on.isoformat()) + rng.integers(1, 30, certificates).astype(
        "timedelta64[D]"), _dates(rng, dt.date(2008, 1, 1), on, certificates))
    emit("da_certificates", pa.table({"person_id": pc.take(pids, certified),
                                      "category": rng.integers(1, 8, certificates).astype(str),
                                      "grade": rng.integers(1, 5, certificates).astype(str), "issued_on": issued}))
    certified_by_on = np.zeros(persons, bool)
    certified_by_on[certified[~cert_late]] = True
    dead_n = persons // 140
    dead = rng.choice(persons, dead_n, replace=False)
    dead_late = rng.random(dead_n) < 0.02
    emit("da_deaths", pa.table({"person_id": pc.take(pids, dead), "died_on": np.where(
        dead_late, np.datetime64(on.isoformat()) + np.timedelta64(5, "D"), _dates(rng, dt.date(2015, 1, 1), on,
                                                                                    dead_n))}))
    # 低保, 低边 and 特困 families: 60 % of the certificate holders and 3 % of everyone else
    holders = np.zeros(persons, bool)
    holders[certified] = True
    assisted = np.flatnonzero(rng.random(persons) < np.where(holders, 0.6, 0.03))
    kinds = np.array(("dibao", "dibian", "tekun"))[rng.choice(3, len(assisted), p=(0.6, 0.32, 0.08))]
    left = rng.random(len(assisted)) < 0.04
    emit("da_assistance", pa.table({
        "person_id": pc.take(pids, assisted), "category": kinds,
        "since": _dates(rng, dt.date(2012, 1, 1), on, len(assisted)),
        "until": pa.array(np.where(left, np.datetime64(on.isoformat()) - rng.integers(1, 200, len(assisted)).astype(
            "timedelta64[D]"), np.datetime64("NaT")), pa.date32())}))
    movers = rng.choice(persons, persons // 200, replace=False)
    emit("da_moves", pa.table({"person_id": pc.take(pids, movers),
                               "moved_out_on": _dates(rng, dt.date(2018, 1, 1), on, len(movers)),
                               "to_region": np.full(len(movers), "330100")}))
    dead_by_on = np.zeros(persons, bool)
    dead_by_on[dead[~dead_late]] = True
    triggered = np.zeros(persons, bool)

    def people(share_certified: float, n: int):
        """``n`` persons, ``share_certified`` of them from the certificate holders (the disabled are over-
        represented among the injured and diagnosed)."""
        from_cert = rng.random(n) < share_certified
        chosen = rng.integers(0, persons, n)
        chosen[from_cert] = rng.choice(certified, int(from_cert.sum()))
        return chosen

    def late(n):
        return rng.random(n) < 0.05  # dated after the day: not yet known on it

    def dated(n, is_late):
        return np.where(is_late, np.datetime64(on.isoformat()) + rng.integers(1, 60, n).astype("timedelta64[D]"),
                        _dates(rng, dt.date(2012, 1, 1), on, n))

    used = 0
    for code, prefix, share, date_field in (("da_work_injuries", "W", persons // 160, "assessed_on"),
                                            ("da_traffic_injuries", "T", persons // 250, "assessed_on")):
        who, is_late = people(0.55, share), late(share)
        grades = rng.integers(1, 11, share)
        triggered[who[~is_late]] = True
        columns = {"record_id": _ids(prefix, 0, share), "person_id": pc.take(pids, who),
                   date_field: dated(share, is_late), "grade": grades}
        if code == "da_work_injuries":
            columns["uscc"] = pa.nulls(share, pa.string())
            columns["cause"] = np.array(("机械伤害", "高处坠落", "物体打击", "触电", "车辆伤害"))[
                rng.integers(0, 5, share)]
        else:
            columns["place"] = np.array(("G205国道", "S222省道", "城区道路", "乡村道路"))[rng.integers(0, 4, share)]
        emit(code, pa.table(columns))
        used += share
    watch_n = persons // 50
    who, is_late = people(0.6, watch_n), late(watch_n)
    codes = np.array(WATCH_CODES)[rng.integers(0, len(WATCH_CODES), watch_n)]
    codes = np.where(rng.random(watch_n) < 0.1, np.char.lower(codes), codes)
    triggered[who[~is_late]] = True
    emit("da_diagnoses", pa.table({"record_id": _ids("D", 0, watch_n), "person_id": pc.take(pids, who),
                                   "diagnosed_on": dated(watch_n, is_late), "icd10": codes,
                                   "kind": np.where(rng.random(watch_n) < 0.7, "discharge", "chronic")}))
    used += watch_n
    remaining = max(records - used - persons - certificates - dead_n - len(assisted) - len(movers), 0)
    start = watch_n
    while remaining > 0:
        n = min(CHUNK, remaining)
        emit("da_diagnoses", pa.table({
            "record_id": _ids("D", start, n), "person_id": pc.take(pids, rng.integers(0, persons, n)),
            "diagnosed_on": _dates(rng, dt.date(2016, 1, 1), on, n),
            "icd10": np.array(ORDINARY)[rng.integers(0, len(ORDINARY), n)],
            "kind": np.where(rng.random(n) < 0.2, "discharge", "chronic")}))
        remaining -= n
        start += n
    for writer in write.values():
        writer.close()
    report.records = sum(report.rows.values())
    truth = triggered & ~certified_by_on & ~dead_by_on
    report.truth = set(pc.take(pids, np.flatnonzero(truth)).to_pylist())
    return report


def load(report: SynthReport, *, actor, bulk: bool = False) -> dict:
    """Load the CSVs into the data pool: validated row by row (``ingest_file``), or at scale straight to the
    Parquet snapshots (``snapshot_from_csv``). Returns the batch ids or snapshot paths by dataset."""
    from zhili.core.datapool.api import ingest_file, snapshot_from_csv

    from .detection import DATASET_CODES

    done = {}
    for code in (*DATASET_CODES, "da_assistance", "da_moves"):
        path = report.folder / f"{code}.csv"
        if bulk:
            done[code] = str(snapshot_from_csv(code, path))
        else:
            batch = ingest_file(code, path, actor=actor, check_permission=False)
            if batch.status != "succeeded":
                raise RuntimeError(f"{code}: {batch.status} {batch.failure_reason}")
            done[code] = batch.pk
    return done
