"""A synthetic county for 助共体: persons in households, 18 departments' records, and planted truth.

One seeded numpy generator writes one CSV per dataset (the files departments would send) and ``truth.json``:
for each discovery rule, the households planted to trigger it. Background data is drawn so that it should
not trigger a rule (ordinary households earn at least 2,600 yuan a month per head; background medical spending
stays well under the thresholds), with near misses planted on purpose: spending just under a line, large bills
settled before the 365-day window, refunds that bring a bill under the line, and people who died.

Region codes are synthetic: 三门县 331022, towns 331022 + NNN, villages + NNN (12 digits).
"""

import datetime as dt
import json
from pathlib import Path

import numpy as np

from .datasets import DATASETS

COUNTY = "331022"
TOWNS = ("海游街道", "海润街道", "沙柳街道", "珠岙镇", "亭旁镇", "浦坝港镇", "健跳镇", "横渡镇", "花桥镇", "高枧乡")
VILLAGES = 287
RULES = ("warn_illness_in_list", "warn_illness_off_list", "warn_school_aid", "warn_severe_disability",
         "warn_bereaved")
SHARES = {"dibao": 0.03, "dibian": 0.02, "tekun": 0.007, "warn_illness_off_list": 0.004, "warn_school_aid": 0.002,
          "warn_severe_disability": 0.002, "warn_bereaved": 0.002}
IN_LIST_SHARE = 0.12  # of roster households, planted with an in-list illness


def village_codes() -> list[str]:
    """287 villages spread over the 10 towns (29 in the first seven, 28 in the last three)."""
    codes = []
    for town in range(len(TOWNS)):
        count = 29 if town < 7 else 28
        codes += [f"{COUNTY}{town + 1:03d}{v + 1:03d}" for v in range(count)]
    return codes[:VILLAGES]


def _ids(prefix: str, numbers, width: int = 8):
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.utf8_lpad(pa.array(np.asarray(numbers, dtype=np.int64)).cast(pa.string()), width, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def _dates(days: np.ndarray):
    import pyarrow as pa

    return pa.array(days.astype("datetime64[D]"), type=pa.date32())


class _Out:
    """Writes each dataset's CSV in its declared column order and counts the rows."""

    def __init__(self, out: Path):
        self.out = out
        self.columns = {d.code: d.field_names for d in DATASETS}
        self.counts: dict = {}

    def write(self, code: str, **columns) -> None:
        import pyarrow as pa
        import pyarrow.csv as pcsv

        names = self.columns[code]
        table = pa.table({name: columns[name] for name in names})
        pcsv.write_csv(table, self.out / f"{code}.csv")
        self.counts[code] = table.num_rows


def generate(out, *, persons: int = 450_000, on: dt.date = dt.date(2025, 12, 31), seed: int = 2021,
             claims_per_person: float = 14.0) -> dict:
    """Write the county's CSVs and ``truth.json`` under ``out``; return the row counts and planted truth sizes."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    writer = _Out(out)
    today = np.datetime64(on.isoformat(), "D").astype(np.int64)

    # Households and their members ------------------------------------------------------------------------
    sizes = rng.choice([1, 2, 3, 4, 5, 6], size=persons, p=[0.16, 0.30, 0.25, 0.17, 0.08, 0.04])
    sizes = sizes[np.cumsum(sizes) <= persons]
    if sizes.sum() < persons:
        sizes = np.append(sizes, persons - sizes.sum())
    households = len(sizes)
    household_of = np.repeat(np.arange(households), sizes)
    position = np.arange(persons) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    size_of = sizes[household_of]
    kind = np.full(households, "normal", dtype=object)
    draw = rng.random(households)
    edge = 0.0
    for name in ("dibao", "dibian", "tekun", "warn_illness_off_list", "warn_school_aid", "warn_severe_disability",
                 "warn_bereaved"):
        chosen = (draw >= edge) & (draw < edge + SHARES[name])
        kind[chosen] = name
        edge += SHARES[name]
    kind[(kind == "tekun") & (sizes > 1)] = "dibao"  # 特困 here: people living alone
    roster = np.isin(kind, ["dibao", "dibian", "tekun"])
    in_list = roster & (rng.random(households) < IN_LIST_SHARE)
    low_unlisted = np.isin(kind, ["warn_illness_off_list", "warn_school_aid", "warn_severe_disability",
                                  "warn_bereaved"]) & (kind != "warn_illness_off_list")

    head_age = rng.integers(25, 81, households)
    head_age[kind == "tekun"] = rng.integers(62, 90, int((kind == "tekun").sum()))
    age = np.empty(persons, dtype=np.int64)
    relation = np.empty(persons, dtype=object)
    h_age = head_age[household_of]
    age[:] = np.maximum(0, h_age - 24 - rng.integers(0, 16, persons))
    relation[:] = "child"
    is_head, is_spouse = position == 0, position == 1
    age[is_head] = h_age[is_head]
    relation[is_head] = "head"
    age[is_spouse] = np.clip(h_age[is_spouse] + rng.integers(-5, 6, int(is_spouse.sum())), 20, 95)
    relation[is_spouse] = "spouse"
    parent = (position == 4) | (position == 5)
    age[parent] = np.minimum(h_age[parent] + 26, 98)
    relation[parent] = "parent"
    birth = today - age * 365 - rng.integers(0, 365, persons)
    female = np.where(is_spouse, True, rng.random(persons) < 0.5)
    villages = np.array(village_codes())
    village = villages[rng.integers(0, len(villages), households)][household_of]
    rural = (rng.random(households) < 0.7)[household_of]

    # Incomes: earners are working-age adults; ordinary households get at least 2,600 a month per head --------
    working = (age >= 18) & (age < 60)
    earner = working & (rng.random(persons) < 0.75)
    h_kind = kind[household_of]
    earner[(h_kind == "tekun")] = False
    first_working = np.zeros(persons, dtype=bool)
    order = np.lexsort((position, ~working, household_of))
    seen = np.zeros(households, dtype=bool)
    for index in order:  # the first working-age member of each ordinary household earns
        h = household_of[index]
        if not seen[h] and working[index]:
            first_working[index] = True
            seen[h] = True
    earner |= first_working & (h_kind == "normal")
    earners_in = np.bincount(household_of, weights=earner, minlength=households)
    per_head = np.where(kind == "normal", rng.integers(2600, 9000, households), 0).astype(np.float64)
    per_head[kind == "dibao"] = rng.integers(200, 1150, int((kind == "dibao").sum()))
    per_head[kind == "dibian"] = rng.integers(1250, 1750, int((kind == "dibian").sum()))
    per_head[kind == "warn_illness_off_list"] = rng.integers(2600, 5000, int((kind == "warn_illness_off_list").sum()))
    per_head[low_unlisted] = rng.integers(500, 1700, int(low_unlisted.sum()))
    monthly = np.where(earner, np.floor(per_head[household_of] * size_of / np.maximum(earners_in[household_of], 1)),
                       0).astype(np.int64)
    has_income = earner & (monthly > 0)
    # households with no earner cannot reach their level; roster and planted ones are meant low, ordinary ones
    # without a working-age member are pensioners: give the head a pension at the ordinary level.
    pensioner = is_head & (h_kind == "normal") & (earners_in[household_of] == 0)
    monthly[pensioner] = np.floor(per_head[household_of][pensioner] * size_of[pensioner]).astype(np.int64)
    has_income |= pensioner

    # Deaths: background elderly deaths in ordinary households; planted earners who died ---------------------
    died_on = np.full(persons, -1, dtype=np.int64)
    old_normal = (age >= 75) & (h_kind == "normal") & ~is_head
    background_death = old_normal & (rng.random(persons) < 0.02)
    died_on[background_death] = today - rng.integers(1, 700, int(background_death.sum()))
    bereaved = (h_kind == "warn_bereaved") & has_income
    first_earner = bereaved & ~np.r_[False, bereaved[:-1] & (household_of[1:] == household_of[:-1])]
    died_on[first_earner] = today - rng.integers(30, 300, int(first_earner.sum()))
    # Planted bereaved households with one member: add nobody; the rule needs survivors, so the head survives.
    alone = first_earner & (size_of == 1)
    died_on[alone] = -1

    pid = _ids("P", np.arange(persons), 7)
    hid = _ids("H", np.arange(households), 7)
    import pyarrow as pa

    writer.write("rm_persons", person_id=pid, household_id=pa.array(hid.take(pa.array(household_of))),
                 village_code=pa.array(village), birth_date=_dates(birth),
                 gender=pa.array(np.where(female, "F", "M")), relation=pa.array(relation.astype(str)),
                 rural=pa.array(rural))
    dead = died_on >= 0
    writer.write("rm_deaths", person_id=pid.filter(pa.array(dead)), died_on=_dates(died_on[dead]))
    roster_idx = np.flatnonzero(roster)
    writer.write("rm_roster", household_id=hid.take(pa.array(roster_idx)),
                 category=pa.array(kind[roster_idx].astype(str)),
                 since=_dates(today - rng.integers(30, 2000, len(roster_idx))))

    month_ends = [np.datetime64(d.isoformat(), "D").astype(np.int64) for d in _month_ends(on, 12)]
    payers = np.flatnonzero(has_income)
    rows = np.repeat(payers, 12)
    months = np.tile(np.array(month_ends), len(payers))
    alive_then = (died_on[rows] < 0) | (months <= died_on[rows])
    rows, months = rows[alive_then], months[alive_then]
    writer.write("rm_incomes", record_id=_ids("I", np.arange(len(rows)), 9), person_id=pid.take(pa.array(rows)),
                 month_end=_dates(months), amount=pa.array(monthly[rows]))
    insured = earner[rows]
    writer.write("rm_employment", record_id=_ids("E", np.arange(int(insured.sum())), 9),
                 person_id=pid.take(pa.array(rows[insured])), month_end=_dates(months[insured]),
                 insured=pa.array(np.ones(int(insured.sum()), dtype=bool)))

    # Medical claims: background, then planted illness and near misses ---------------------------------------
    rate = np.where(age >= 60, claims_per_person * 1.6, claims_per_person * 0.8)
    counts = rng.poisson(rate)
    who = np.repeat(np.arange(persons), counts)
    settled = today - rng.integers(0, 420, len(who))
    total = np.round(rng.uniform(40, 700, len(who)), 2)
    self_paid = np.round(total * rng.uniform(0.1, 0.35, len(who)), 2)
    serious = np.zeros(len(who), dtype=bool)
    extra_who, extra_day, extra_total, extra_self, extra_serious = [], [], [], [], []
    truth: dict = {rule: set() for rule in RULES}

    def claim(person, day, amount, paid, is_serious=True):
        extra_who.append(person)
        extra_day.append(day)
        extra_total.append(round(amount, 2))
        extra_self.append(round(paid, 2))
        extra_serious.append(is_serious)

    members_of = np.split(np.arange(persons), np.cumsum(sizes)[:-1])
    for h in np.flatnonzero(in_list):
        patient = rng.choice(members_of[h])
        if died_on[patient] >= 0:
            continue
        amount = float(rng.uniform(22000, 60000))
        for _ in range(6):
            claim(patient, today - int(rng.integers(0, 300)), amount / 6, amount / 6 * 0.25)
        truth["warn_illness_in_list"].add(h)
    near_miss = roster & ~in_list & (rng.random(households) < 0.1)
    for h in np.flatnonzero(near_miss):  # under the line in the window, or over it only before the window
        patient = rng.choice(members_of[h])
        claim(patient, today - int(rng.integers(0, 300)), float(rng.uniform(3000, 5000)), 1000.0)
        claim(patient, today - int(rng.integers(380, 420)), 30000.0, 8000.0)
    for h in np.flatnonzero(kind == "warn_illness_off_list"):
        patient = rng.choice(members_of[h])
        if died_on[patient] >= 0:
            continue
        paid = float(rng.uniform(42000, 90000))
        for _ in range(4):
            claim(patient, today - int(rng.integers(0, 300)), paid / 4 * 1.6, paid / 4)
        truth["warn_illness_off_list"].add(h)
        if rng.random() < 0.5:  # a neighbour household whose big bill was partly refunded: no warning
            other = int(rng.integers(0, households))
            if kind[other] == "normal":
                person = members_of[other][0]
                claim(person, today - 100, 70000.0, 45000.0)
                claim(person, today - 90, -14000.0, -9000.0, False)
    who = np.concatenate([who, np.array(extra_who, dtype=np.int64)])
    settled = np.concatenate([settled, np.array(extra_day, dtype=np.int64)])
    total = np.concatenate([total, np.array(extra_total)])
    self_paid = np.concatenate([self_paid, np.array(extra_self)])
    serious = np.concatenate([serious, np.array(extra_serious, dtype=bool)])
    keep = (died_on[who] < 0) | (settled <= died_on[who])
    writer.write("rm_medical", record_id=_ids("M", np.arange(int(keep.sum())), 9),
                 person_id=pid.take(pa.array(who[keep])), settled_on=_dates(settled[keep]),
                 total=pa.array(total[keep]), self_paid=pa.array(self_paid[keep]), serious=pa.array(serious[keep]))

    # Disability, unemployment, students -----------------------------------------------------------------
    disabled = rng.random(persons) < 0.02
    grade = rng.integers(1, 5, persons)
    grade[disabled & ~np.isin(h_kind, ["normal", "dibao", "dibian", "tekun"])] = 3  # no unplanted severe case
    for h in np.flatnonzero(kind == "warn_severe_disability"):
        person = members_of[h][-1]
        disabled[person], grade[person] = True, int(rng.integers(1, 3))
        truth["warn_severe_disability"].add(h)
    d_idx = np.flatnonzero(disabled)
    writer.write("rm_disability", person_id=pid.take(pa.array(d_idx)), grade=pa.array(grade[d_idx]),
                 certified_on=_dates(today - rng.integers(10, 4000, len(d_idx))))
    jobless = working & ~earner & (rng.random(persons) < 0.15)
    u_idx = np.flatnonzero(jobless)
    closed = np.where(rng.random(len(u_idx)) < 0.3, today - rng.integers(1, 100, len(u_idx)), -1)
    writer.write("rm_unemployment", person_id=pid.take(pa.array(u_idx)),
                 registered_on=_dates(today - rng.integers(100, 700, len(u_idx))),
                 closed_on=pa.array([None if c < 0 else dt.date.fromordinal(dt.date(1970, 1, 1).toordinal() + int(c))
                                     for c in closed], type=pa.date32()))
    stage = np.select([age < 3, age < 6, age < 12, age < 15, age < 18, age < 22],
                      ["", "preschool", "primary", "junior", "senior", "college"], "")
    student = (stage != "") & (rng.random(persons) < 0.95)
    aid = student & np.isin(h_kind, ["dibao", "dibian", "tekun"])
    planted_aid = student & (h_kind == "warn_school_aid")
    aid |= planted_aid
    for h in np.unique(household_of[planted_aid]):
        truth["warn_school_aid"].add(int(h))
    s_idx = np.flatnonzero(student)
    year = on.year if on.month >= 9 else on.year - 1
    writer.write("rm_students", person_id=pid.take(pa.array(s_idx)), stage=pa.array(stage[s_idx]),
                 school_aid=pa.array(aid[s_idx]), year=pa.array(np.full(len(s_idx), year)))
    for h in np.flatnonzero(kind == "warn_bereaved"):
        if any(died_on[p] >= 0 for p in members_of[h]) and any(died_on[p] < 0 for p in members_of[h]):
            truth["warn_bereaved"].add(int(h))

    # Assets, homes, vehicles, flags, supporters, legal, disasters, housing ---------------------------------
    adult = age >= 18
    a_idx = np.flatnonzero(adult)
    poor = np.isin(h_kind[a_idx], ["dibao", "dibian", "tekun"]) | np.isin(h_kind[a_idx], list(SHARES)[3:])
    amount = np.where(poor, rng.integers(0, 8000, len(a_idx)), rng.integers(0, 300000, len(a_idx)))
    writer.write("rm_assets", person_id=pid.take(pa.array(a_idx)), as_of=_dates(np.full(len(a_idx), today - 20)),
                 amount=pa.array(amount))
    heads = np.flatnonzero(is_head)
    second = heads[(h_kind[heads] == "normal") & (rng.random(len(heads)) < 0.2)]
    owners = np.concatenate([heads, second])
    writer.write("rm_property", record_id=_ids("R", np.arange(len(owners)), 8), person_id=pid.take(pa.array(owners)),
                 kind=pa.array(np.where(np.arange(len(owners)) < len(heads), "residence",
                                        np.where(rng.random(len(owners)) < 0.5, "residence", "commercial"))),
                 area=pa.array(np.round(rng.uniform(40, 200, len(owners)), 1)))
    drivers = heads[(h_kind[heads] == "normal") & (rng.random(len(heads)) < 0.3)]
    writer.write("rm_vehicles", record_id=_ids("V", np.arange(len(drivers)), 8),
                 person_id=pid.take(pa.array(drivers)), value=pa.array(rng.integers(30000, 300000, len(drivers))),
                 operating=pa.array(rng.random(len(drivers)) < 0.1))
    vets = np.flatnonzero(~female & (age >= 40) & (rng.random(persons) < 0.015))
    writer.write("rm_veterans", person_id=pid.take(pa.array(vets)))
    members = np.flatnonzero(earner & (rng.random(persons) < 0.3))
    writer.write("rm_union", person_id=pid.take(pa.array(members)))
    elders = np.flatnonzero((age >= 65) & (h_kind != "tekun") & (rng.random(persons) < 0.5))
    writer.write("rm_supporters", person_id=pid.take(pa.array(elders)),
                 supporter_able=pa.array(rng.random(len(elders)) < 0.9))
    cases = np.flatnonzero(rng.random(households) < 0.006)
    victim = rng.random(len(cases)) < 0.2
    writer.write("rm_legal", record_id=_ids("L", np.arange(len(cases)), 7), household_id=hid.take(pa.array(cases)),
                 kind=pa.array(np.where(victim, "victim", "dispute")),
                 stage=pa.array(np.where(victim, rng.choice(["court", "procuratorate", "closed"], len(cases)),
                                         rng.choice(["open", "closed"], len(cases)))),
                 recorded_on=_dates(today - rng.integers(1, 500, len(cases))))
    hit = np.flatnonzero(rng.random(households) < 0.01)
    writer.write("rm_disasters", record_id=_ids("D", np.arange(len(hit)), 7), household_id=hid.take(pa.array(hit)),
                 occurred_on=_dates(today - rng.integers(1, 500, len(hit))),
                 loss=pa.array(rng.integers(1000, 80000, len(hit))))
    assessed = np.flatnonzero(rural[np.cumsum(sizes) - sizes] & (rng.random(households) < 0.3))
    grades = np.where(roster[assessed] & (rng.random(len(assessed)) < 0.2), "D",
                      rng.choice(["A", "B", "C"], len(assessed), p=[0.6, 0.37, 0.03]))
    writer.write("rm_housing", household_id=hid.take(pa.array(assessed)), grade=pa.array(grades),
                 assessed_on=_dates(today - rng.integers(10, 1000, len(assessed))))

    hid_list = hid.to_pylist()
    truth_keys = {rule: sorted(hid_list[h] for h in found) for rule, found in truth.items()}
    (out / "truth.json").write_text(json.dumps({"on": on.isoformat(), "truth": truth_keys}, ensure_ascii=False))
    return {"persons": persons, "households": households, "records": sum(writer.counts.values()),
            "rows": writer.counts, "planted": {rule: len(keys) for rule, keys in truth_keys.items()}}


def _month_ends(on: dt.date, months: int) -> list[dt.date]:
    ends, first = [], on.replace(day=1)
    for _ in range(months):
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        ends.append(following - dt.timedelta(days=1))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return sorted(ends)
