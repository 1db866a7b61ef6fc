"""Realistic synthetic 人社局 data for the unemployment benefit at scale, with its truth planted.

``generate(n, on)`` draws ``n`` insured persons with a year of records as three Arrow tables shaped like the
datasets (``sm_insurance_stops``, ``sm_employment_records``, ``sm_unemployment_registrations``) and the set of
``person_key`` values that qualify on ``on`` by the rules (失业保险条例 art 14, 15 and the claim window), computed
here independently of the policy engine, so a run reports precision and recall against it.
"""

import datetime as dt
from dataclasses import dataclass

REASONS = ("contract_expired", "employer_terminated", "dismissed", "employer_fault", "mutual_by_employer",
           "voluntary", "retired")
INVOLUNTARY = frozenset(REASONS[:5])


@dataclass
class Synthetic:
    stops: object
    employment: object
    registrations: object
    qualifying: set
    persons: int


def generate(n: int, on: dt.date, *, seed: int = 29, window_days: int = 60, region_code: str = "330182") -> Synthetic:
    """``n`` insured persons: ~25 % with a stop in the year (a share in the window), their employments and
    registrations; the qualifying set follows the rules exactly."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(seed)
    keys = np.char.add("p", np.arange(n).astype(str))
    on64 = np.datetime64(on, "D")
    stopped = rng.random(n) < 0.25
    idx = np.nonzero(stopped)[0]
    m = len(idx)
    stop_days = rng.integers(0, 365, m)
    stop_date = on64 - stop_days.astype("timedelta64[D]")
    months = rng.integers(1, 300, m)
    unused = np.where(rng.random(m) < 0.1, rng.integers(1, 12, m), 0)
    reason_index = rng.choice(len(REASONS), m, p=[0.3, 0.2, 0.05, 0.05, 0.1, 0.25, 0.05])
    registered = rng.random(m) < 0.7
    reg_delay = rng.integers(1, 30, m)
    reg_date = stop_date + reg_delay.astype("timedelta64[D]")
    registered &= reg_date <= on64
    reemployed = rng.random(m) < 0.2
    new_start = stop_date + rng.integers(1, 60, m).astype("timedelta64[D]")
    reemployed &= new_start <= on64
    stops = pa.table({
        "record_id": np.char.add("S", idx.astype(str)), "person_key": keys[idx],
        "name": np.full(m, "合成人员"), "region_code": np.full(m, region_code),
        "employer_uscc": np.full(m, "91330182MA2SYNTH0X"), "employer_name": np.full(m, "合成单位"),
        "stop_date": pa.array(stop_date, pa.date32()), "contribution_months": months.astype("int64"),
        "unused_months": unused.astype("int64")})
    first_start = stop_date - (months * 30).astype("timedelta64[D]")
    never = np.nonzero(~stopped)[0]
    employment = pa.concat_tables([
        pa.table({"record_id": np.char.add("E", idx.astype(str)), "person_key": keys[idx],
                  "employer_uscc": np.full(m, "91330182MA2SYNTH0X"),
                  "started_on": pa.array(first_start, pa.date32()), "ended_on": pa.array(stop_date, pa.date32()),
                  "separation_reason": np.array(REASONS)[reason_index]}),
        pa.table({"record_id": np.char.add("F", idx[reemployed].astype(str)), "person_key": keys[idx][reemployed],
                  "employer_uscc": np.full(int(reemployed.sum()), "91330182MA2SYNTH1X"),
                  "started_on": pa.array(new_start[reemployed], pa.date32()),
                  "ended_on": pa.nulls(int(reemployed.sum()), pa.date32()),
                  "separation_reason": pa.nulls(int(reemployed.sum()), pa.string())}),
        pa.table({"record_id": np.char.add("E", never.astype(str)), "person_key": keys[never],
                  "employer_uscc": np.full(len(never), "91330182MA2SYNTH0X"),
                  "started_on": pa.array(np.full(len(never), on64 - np.timedelta64(900, "D")), pa.date32()),
                  "ended_on": pa.nulls(len(never), pa.date32()), "separation_reason": pa.nulls(len(never), pa.string())}),
    ])
    registrations = pa.table({
        "record_id": np.char.add("R", idx[registered].astype(str)), "person_key": keys[idx][registered],
        "registered_on": pa.array(reg_date[registered], pa.date32()), "seeking_work": np.ones(int(registered.sum()), bool)})
    in_window = stop_days <= window_days
    involuntary = np.isin(np.array(REASONS)[reason_index], list(INVOLUNTARY))
    qualifies = in_window & (months >= 12) & involuntary & registered & ~reemployed
    return Synthetic(stops, employment, registrations, set(keys[idx][qualifies].tolist()), n)
