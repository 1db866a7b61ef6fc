"""The two subsidies for every certificate holder in one month, on core.policy's batch evaluation (DuckDB).

``person_facts`` builds one row per certificate holder on the first day of the month paid: certified, grade and
category (the national base database's certificates and the platform's own, the latest per person), local
(registered, not moved out, alive) and the family's assistance category (低保, 低边, 特困). ``decide_month``
evaluates the domain's person policies over them; the control totals are summed by the engine, apart from the
lines the payment run writes, so that a run that does not balance is refused.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

SUBSIDIES = ("living_subsidy", "nursing_subsidy")
DATASET_CODES = ("da_persons", "da_certificates", "da_assistance", "da_moves", "da_deaths")


@dataclass
class MonthDecisions:
    """The month's decisions: per person the two amounts (None where not eligible) and the engine's totals."""

    on: dt.date
    amounts: dict  # person_id -> (living Decimal | None, nursing Decimal | None)
    control: dict  # recipients, living_total, nursing_total, total (Decimal), summed by the engine
    parameters: dict


def _platform_certificates():
    """The platform's active certificates as a pyarrow table (person_id, category, grade, issued_on)."""
    import pyarrow as pa

    from .choices import CertificateStatus
    from .models import Certificate

    rows = list(Certificate.objects.filter(status=CertificateStatus.ACTIVE)
                .values_list("person__key", "category", "grade", "issued_on"))
    return pa.table({"person_id": pa.array([r[0] for r in rows], pa.string()),
                     "category": pa.array([r[1] for r in rows], pa.string()),
                     "grade": pa.array([r[2] for r in rows], pa.string()),
                     "issued_on": pa.array([r[3] for r in rows], pa.date32())})


def person_facts(t: dict, on: dt.date, platform):
    """One row per certificate holder on ``on`` with the facts the policies read (an Ibis expression)."""
    import ibis

    pool = t["da_certificates"]
    certificates = ibis.union(pool.select("person_id", "category", "grade", "issued_on"),
                              platform.select("person_id", "category", "grade", "issued_on"))
    certificates = certificates.filter(certificates.issued_on <= on)
    latest = certificates.mutate(rank=ibis.row_number().over(
        group_by=certificates.person_id, order_by=ibis.desc(certificates.issued_on)))
    latest = latest.filter(latest.rank == 0).select("person_id", "category", "grade")
    persons = t["da_persons"]
    registered = persons.select(r_id=persons.person_id, registered=ibis.literal(True))
    moves = t["da_moves"]
    moved = moves.filter(moves.moved_out_on < on).select(m_id=moves.person_id, moved=ibis.literal(True)).distinct()
    deaths = t["da_deaths"]
    dead = deaths.filter(deaths.died_on < on).select(d_id=deaths.person_id, dead=ibis.literal(True)).distinct()
    assistance = t["da_assistance"]
    assistance = assistance.filter((assistance.since <= on) & (assistance.until.isnull() | (assistance.until >= on)))
    assistance = assistance.select(a_id=assistance.person_id, assistance=assistance.category)
    facts = (latest.left_join(registered, latest.person_id == registered.r_id)
             .left_join(moved, latest.person_id == moved.m_id)
             .left_join(dead, latest.person_id == dead.d_id)
             .left_join(assistance, latest.person_id == assistance.a_id))
    return facts.select(
        person_id=facts.person_id, certified=ibis.literal(True), grade=facts.grade.cast("int64"),
        category=facts.category,
        local=facts.registered.fill_null(False) & ~facts.moved.fill_null(False) & ~facts.dead.fill_null(False),
        assistance=facts.assistance.fill_null(""))


def decide_month(month: dt.date, *, engine: str = "duckdb", con=None, refresh: bool = True) -> MonthDecisions:
    """Both subsidies for every certificate holder for ``month`` (its first day); nothing is written."""
    import ibis
    import pyarrow.compute as pc

    from zhili.core.datapool.api import connect, ibis_table
    from zhili.core.policy.api import evaluate_batch, get_domain

    own = con is None
    con = connect(engine) if own else con
    try:
        tables = {code: ibis_table(code, engine, con=con, refresh=refresh) for code in DATASET_CODES}
        platform = con.create_table("da_platform_certificates", _platform_certificates(), overwrite=True)
        domain = get_domain("disability_aid")
        facts = con.create_table("da_person_facts", person_facts(tables, month, platform), overwrite=True)
        policies = [domain.policies[code] for code in SUBSIDIES]
        result = evaluate_batch(domain, facts, month, key="person_id", policies=policies)
        table = result.table
        decided = con.create_table("da_decisions", table, overwrite=True)
        living = ibis.ifelse(decided.living_subsidy.fill_null(False), decided.living_subsidy__amount, 0)
        nursing = ibis.ifelse(decided.nursing_subsidy.fill_null(False), decided.nursing_subsidy__amount, 0)
        paid = decided.filter(decided.living_subsidy.fill_null(False) | decided.nursing_subsidy.fill_null(False))
        sums = decided.aggregate(living_total=living.sum(), nursing_total=nursing.sum()).to_pyarrow().to_pylist()[0]
        control = {"recipients": int(paid.count().to_pyarrow().as_py()),
                   "living_total": _money(sums["living_total"]), "nursing_total": _money(sums["nursing_total"])}
        control["total"] = control["living_total"] + control["nursing_total"]
        keys = table.column("key").to_pylist()
        columns = {code: (pc.fill_null(table.column(code), False).to_pylist(),
                          table.column(code + "__amount").to_pylist()) for code in SUBSIDIES}
        amounts = {}
        for index, key in enumerate(keys):
            pair = tuple(_money(columns[code][1][index]) if columns[code][0][index] else None for code in SUBSIDIES)
            if pair != (None, None):
                amounts[key] = pair
        from .rules import subsidy_parameters

        return MonthDecisions(month, amounts, control, subsidy_parameters(month))
    finally:
        if own and engine != "pyspark":
            con.disconnect()


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))
