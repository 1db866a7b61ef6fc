"""The facts the rules read, built from the data pool: one row per living person and one per household.

``fact_tables`` builds them as Ibis expressions (DuckDB over Parquet snapshots by default, PostgreSQL or
PySpark alike); ``facts_from_records`` builds the same facts for one household from its raw records in Python
(the benchmark's per-household baseline, and a test that both agree). Windows end on the day of evaluation:
incomes, medical spending and disaster losses over the last 365 days, employment over the last 92.
"""

import datetime as dt

WINDOW_DAYS = 365
EMPLOYMENT_DAYS = 92
DATASET_CODES = ("rm_persons", "rm_roster", "rm_incomes", "rm_employment", "rm_assets", "rm_property",
                 "rm_vehicles", "rm_medical", "rm_disability", "rm_unemployment", "rm_students", "rm_deaths",
                 "rm_veterans", "rm_union", "rm_supporters", "rm_legal", "rm_disasters", "rm_housing")
MEMBER_FACTS = ("birth_date", "female", "disabled", "disability_grade", "able_to_work", "has_supporter",
                "income_monthly", "employed", "unemployed_registered", "student_stage", "medical_total",
                "medical_self_paid", "serious_illness", "veteran", "union_member", "school_aid_received")
HOUSEHOLD_FACTS = ("county_code", "village_code", "per_capita_income", "financial_assets", "residences",
                   "vehicle_value", "category", "legal_case", "victim_case_stage", "disaster_loss", "house_unsafe",
                   "rural", "member_died_recently")
WORKING_AGE = (16, 60)  # the same ages as the pack's working_age_min and elderly_age


def window(on: dt.date) -> dt.date:
    return on - dt.timedelta(days=WINDOW_DAYS - 1)


def school_year(on: dt.date) -> int:
    """The school year a day falls in (a school year starts on 1 September)."""
    return on.year if on.month >= 9 else on.year - 1


def _age(birth, on: dt.date):
    import ibis

    today = on.year * 10000 + on.month * 100 + on.day
    return (ibis.literal(today, type="int64") - (birth.year() * 10000 + birth.month() * 100 + birth.day())
            .cast("int64")) // 10000


def fact_tables(tables: dict, on: dt.date):
    """``(households, members)``: Ibis tables of household facts and of living members' facts on ``on``."""
    import ibis

    t = tables
    start = window(on)
    persons, deaths = t["rm_persons"], t["rm_deaths"]
    dead = deaths.filter(deaths.died_on <= on).select("person_id")
    alive = persons.anti_join(dead, "person_id")

    def per_person(table, **metrics):
        return table.group_by(table.person_id.name("pid")).aggregate(**metrics)

    incomes = t["rm_incomes"].filter((t["rm_incomes"].month_end >= start) & (t["rm_incomes"].month_end <= on))
    income = per_person(incomes, income_sum=incomes.amount.sum())
    jobs = t["rm_employment"].filter((t["rm_employment"].month_end > on - dt.timedelta(days=EMPLOYMENT_DAYS))
                                     & (t["rm_employment"].month_end <= on) & t["rm_employment"].insured)
    employed = per_person(jobs, jobs_n=jobs.count())
    claims = t["rm_medical"].filter((t["rm_medical"].settled_on >= start) & (t["rm_medical"].settled_on <= on))
    medical = per_person(claims, medical_total_sum=claims.total.sum(), medical_self_sum=claims.self_paid.sum(),
                         serious_n=claims.serious.cast("int64").sum())
    disability = t["rm_disability"].filter(t["rm_disability"].certified_on <= on)
    disability = disability.select(pid=disability.person_id, grade=disability.grade)
    unemployment = t["rm_unemployment"]
    unemployment = unemployment.filter((unemployment.registered_on <= on)
                                       & (unemployment.closed_on.isnull() | (unemployment.closed_on > on)))
    unemployment = unemployment.select(pid=unemployment.person_id, unemployed_n=ibis.literal(1, type="int64"))
    students = t["rm_students"].filter(t["rm_students"].year >= school_year(on))
    students = students.select(pid=students.person_id, stage=students.stage, aid=students.school_aid)

    def flag(code, name):
        table = t[code]
        return table.select(pid=table.person_id, **{name: ibis.literal(1, type="int64")})

    supporters = t["rm_supporters"].filter(t["rm_supporters"].supporter_able)
    supporters = supporters.select(pid=supporters.person_id, supported_n=ibis.literal(1, type="int64"))

    joined = alive
    for part in (income, employed, medical, disability, unemployment, students, flag("rm_veterans", "veteran_n"),
                 flag("rm_union", "union_n"), supporters):
        joined = joined.left_join(part, joined.person_id == part.pid).drop("pid")
    j = joined
    disabled = j.grade.notnull()
    grade = j.grade.fill_null(0).cast("float64")
    serious = j.serious_n.fill_null(0) > 0
    age = _age(j.birth_date, on)
    members = j.select(
        household_id=j.household_id, person_id=j.person_id, village_code=j.village_code, rural=j.rural,
        birth_date=j.birth_date, female=j.gender == "F", disabled=disabled, disability_grade=grade,
        able_to_work=(age >= WORKING_AGE[0]) & (age < WORKING_AGE[1]) & ~(disabled & (grade <= 2)) & ~serious,
        has_supporter=j.supported_n.notnull(),
        income_monthly=(j.income_sum.fill_null(0.0).cast("float64") / 12).round(2),
        employed=j.jobs_n.fill_null(0) > 0, unemployed_registered=j.unemployed_n.notnull(),
        student_stage=j.stage.fill_null("none"), medical_total=j.medical_total_sum.fill_null(0.0).cast("float64")
        .round(2), medical_self_paid=j.medical_self_sum.fill_null(0.0).cast("float64").round(2),
        serious_illness=serious, veteran=j.veteran_n.notnull(), union_member=j.union_n.notnull(),
        school_aid_received=j.aid.fill_null(False))

    def per_household(table, **metrics):
        people = alive.select(hid=alive.household_id, owner=alive.person_id)
        owners = table.inner_join(people, table.person_id == people.owner)
        return owners.group_by("hid").aggregate(**{k: v(owners) for k, v in metrics.items()})

    assets = per_household(t["rm_assets"], assets_sum=lambda o: o.amount.sum())
    residences = t["rm_property"].filter(t["rm_property"].kind == "residence")
    homes = per_household(residences, homes_n=lambda o: o.count())
    cars = t["rm_vehicles"].filter(~t["rm_vehicles"].operating)
    cars = per_household(cars, cars_sum=lambda o: o.value.sum())
    recent_deaths = deaths.filter((deaths.died_on >= start) & (deaths.died_on <= on))
    bereaved = recent_deaths.inner_join(persons, "person_id").group_by(hid=ibis._.household_id).aggregate(
        died_n=ibis._.count())
    roster = t["rm_roster"].filter(t["rm_roster"].since <= on)
    roster = roster.select(hid=roster.household_id, roster_category=roster.category)
    legal = t["rm_legal"].filter(t["rm_legal"].recorded_on <= on)
    open_dispute = (legal.kind == "dispute") & (legal.stage != "closed")
    victim = (legal.kind == "victim") & legal.stage.isin(["court", "procuratorate"])
    legal = legal.group_by(hid=legal.household_id).aggregate(
        disputes_n=open_dispute.cast("int64").sum(), victim_stage=legal.stage.max(where=victim))
    losses = t["rm_disasters"].filter((t["rm_disasters"].occurred_on >= start) & (t["rm_disasters"].occurred_on <= on))
    losses = losses.group_by(hid=losses.household_id).aggregate(loss_sum=losses.loss.sum())
    housing = t["rm_housing"].filter(t["rm_housing"].assessed_on <= on)
    housing = housing.select(hid=housing.household_id, house_grade=housing.grade)

    base = members.group_by("household_id").aggregate(
        village_code=members.village_code.max(), rural=members.rural.max(), income_total=members.income_monthly.sum(),
        size=members.count())
    h = base
    for part in (assets, homes, cars, bereaved, roster, legal, losses, housing):
        h = h.left_join(part, h.household_id == part.hid).drop("hid")
    households = h.select(
        household_id=h.household_id, county_code=h.village_code.substr(0, 6), village_code=h.village_code,
        per_capita_income=(h.income_total.cast("float64") / h.size).round(2),
        financial_assets=h.assets_sum.fill_null(0.0).cast("float64").round(2),
        residences=h.homes_n.fill_null(0).cast("float64"),
        vehicle_value=h.cars_sum.fill_null(0.0).cast("float64").round(2),
        category=h.roster_category.fill_null("none"), legal_case=h.disputes_n.fill_null(0) > 0,
        victim_case_stage=h.victim_stage.fill_null("none"),
        disaster_loss=h.loss_sum.fill_null(0.0).cast("float64").round(2),
        house_unsafe=h.house_grade.isin(["C", "D"]).fill_null(False), rural=h.rural,
        member_died_recently=h.died_n.fill_null(0) > 0)
    return households, members.drop("village_code", "rural")


def facts_from_records(records: dict, on: dt.date) -> tuple[dict, list[dict]]:
    """One household's facts and its living members' facts, in Python, from its raw rows per dataset.

    ``records`` maps each dataset code to the household's rows (dicts); the result equals the household's
    rows of ``fact_tables`` (tested).
    """
    start = window(on)
    persons = records.get("rm_persons", [])
    died = {r["person_id"]: r["died_on"] for r in records.get("rm_deaths", [])}
    alive = [p for p in persons if not (p["person_id"] in died and died[p["person_id"]] <= on)]
    ids = {p["person_id"] for p in alive}

    def rows(code, person=True):
        found = records.get(code, [])
        return [r for r in found if r["person_id"] in ids] if person else found

    def by_person(code, keep=lambda r: True):
        grouped: dict = {}
        for row in rows(code):
            if keep(row):
                grouped.setdefault(row["person_id"], []).append(row)
        return grouped

    incomes = by_person("rm_incomes", lambda r: start <= r["month_end"] <= on)
    jobs = by_person("rm_employment", lambda r: on - dt.timedelta(days=EMPLOYMENT_DAYS) < r["month_end"] <= on
                     and r["insured"])
    claims = by_person("rm_medical", lambda r: start <= r["settled_on"] <= on)
    disability = {r["person_id"]: r["grade"] for r in rows("rm_disability") if r["certified_on"] <= on}
    unemployed = {r["person_id"] for r in rows("rm_unemployment")
                  if r["registered_on"] <= on and (r["closed_on"] is None or r["closed_on"] > on)}
    students = {r["person_id"]: r for r in rows("rm_students") if r["year"] >= school_year(on)}
    veterans = {r["person_id"] for r in rows("rm_veterans")}
    union = {r["person_id"] for r in rows("rm_union")}
    supported = {r["person_id"] for r in rows("rm_supporters") if r["supporter_able"]}
    members = []
    for person in sorted(alive, key=lambda p: p["person_id"]):
        pid = person["person_id"]
        born = person["birth_date"]
        age = (on.year * 10000 + on.month * 100 + on.day - (born.year * 10000 + born.month * 100 + born.day)) // 10000
        grade = float(disability.get(pid, 0))
        serious = any(c["serious"] for c in claims.get(pid, []))
        is_disabled = pid in disability
        members.append({
            "person_id": pid, "birth_date": born, "female": person["gender"] == "F", "disabled": is_disabled,
            "disability_grade": grade,
            "able_to_work": WORKING_AGE[0] <= age < WORKING_AGE[1] and not (is_disabled and grade <= 2)
            and not serious,
            "has_supporter": pid in supported,
            "income_monthly": round(_total(r["amount"] for r in incomes.get(pid, [])) / 12, 2),
            "employed": bool(jobs.get(pid)), "unemployed_registered": pid in unemployed,
            "student_stage": students[pid]["stage"] if pid in students else "none",
            "medical_total": round(_total(c["total"] for c in claims.get(pid, [])), 2),
            "medical_self_paid": round(_total(c["self_paid"] for c in claims.get(pid, [])), 2),
            "serious_illness": serious, "veteran": pid in veterans, "union_member": pid in union,
            "school_aid_received": bool(students[pid]["school_aid"]) if pid in students else False})
    if not members:
        return {}, []
    village = max(p["village_code"] for p in alive)
    roster = [r for r in records.get("rm_roster", []) if r["since"] <= on]
    legal = [r for r in records.get("rm_legal", []) if r["recorded_on"] <= on]
    victim = [r["stage"] for r in legal if r["kind"] == "victim" and r["stage"] in ("court", "procuratorate")]
    housing = [r for r in records.get("rm_housing", []) if r["assessed_on"] <= on]
    household = {
        "county_code": village[:6], "village_code": village,
        "per_capita_income": round(_total(m["income_monthly"] for m in members) / len(members), 2),
        "financial_assets": round(_total(r["amount"] for r in rows("rm_assets")), 2),
        "residences": float(sum(1 for r in rows("rm_property") if r["kind"] == "residence")),
        "vehicle_value": round(_total(r["value"] for r in rows("rm_vehicles") if not r["operating"]), 2),
        "category": roster[0]["category"] if roster else "none",
        "legal_case": any(r["kind"] == "dispute" and r["stage"] != "closed" for r in legal),
        "victim_case_stage": max(victim) if victim else "none",
        "disaster_loss": round(_total(r["loss"] for r in records.get("rm_disasters", [])
                                      if start <= r["occurred_on"] <= on), 2),
        "house_unsafe": bool(housing) and housing[0]["grade"] in ("C", "D"),
        "rural": any(p["rural"] for p in alive),
        "member_died_recently": any(start <= d <= on for pid, d in died.items()),
    }
    return household, members


def records_of(con, snapshots, households: list[str]) -> dict:
    """Every record of ``households`` in the Parquet snapshots under ``snapshots``, per household and dataset.

    ``con`` is a DuckDB connection; the rows are what ``facts_from_records`` reads.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE sample_h AS SELECT unnest(?::VARCHAR[]) AS household_id",
                [households])
    con.execute(f"CREATE OR REPLACE TEMP TABLE sample_p AS SELECT p.person_id, p.household_id FROM "
                f"read_parquet('{snapshots / 'rm_persons.parquet'}') p JOIN sample_h USING (household_id)")
    grouped = {h: {} for h in households}
    for code in DATASET_CODES:
        path = snapshots / f"{code}.parquet"
        columns = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
        if "household_id" in columns:
            query = f"SELECT d.* FROM read_parquet('{path}') d JOIN sample_h USING (household_id)"
            key = "household_id"
        else:
            query = (f"SELECT d.*, s.household_id AS _household FROM read_parquet('{path}') d "
                     f"JOIN sample_p s USING (person_id)")
            key = "_household"
        for row in con.sql(query).to_arrow_table().to_pylist():
            grouped[row[key]].setdefault(code, []).append(row)
    return grouped


def _total(values) -> float:
    total = 0.0
    for value in values:
        total += float(value)
    return total
