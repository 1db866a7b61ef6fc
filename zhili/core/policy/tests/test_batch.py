"""A population decided in one Ibis query: the same answers as one household at a time, on every engine."""

import datetime as dt
import random
import uuid

import pytest
from django.db import connection

from zhili.core.policy.api import decide_all, evaluate_batch, get_domain

ON = dt.date(2025, 3, 1)
MEMBER_SCHEMA = [("household_id", "string"), ("birth_date", "date32"), ("disabled", "bool_"),
                 ("medical_self_paid", "float64")]


def population(size: int = 400, seed: int = 7):
    """Households and members at the rules' edges, with one value in twenty missing."""
    rng = random.Random(seed)

    def maybe(value):
        return None if rng.random() < 0.05 else value

    households, members = [], []
    for index in range(size):
        key = f"H{index:04d}"
        households.append({
            "household_id": key, "county_code": maybe(rng.choice(["330001", "330002", "339999"])),
            "per_capita_income": maybe(rng.choice([0, 500.5, 899.99, 900, 1000, 1099, 1100, 1649.99, 1650, 3000])),
            "deposits": maybe(rng.choice([0, 10000, 52800, 60000])),
            "category": maybe(rng.choice(["dibao", "dibian", "none", "tekun"]))})
        for _ in range(rng.randint(0, 4)):
            members.append({"household_id": key, "disabled": maybe(rng.random() < 0.2),
                            "birth_date": maybe(dt.date(rng.randint(1930, 2020), rng.randint(1, 12),
                                                        rng.randint(1, 28))),
                            "medical_self_paid": maybe(rng.choice([0, 1234.56, 9999.99, 20000, 35000.1]))})
    return households, members


def _arrow(households, members):
    import pyarrow as pa

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in MEMBER_SCHEMA])
    return pa.Table.from_pylist(households), pa.Table.from_pylist(members, schema=schema)


def _one_by_one(households, members):
    domain = get_domain("dummy")
    by_household: dict = {}
    for member in members:
        by_household.setdefault(member["household_id"], []).append(member)
    return {h["household_id"]: {d.policy.code: (str(d.status), d.amount)
                                for d in decide_all(domain, h, by_household.get(h["household_id"], []), ON,
                                                    explain=False)}
            for h in households}


def _batch(con, households, members):
    domain = get_domain("dummy")
    suffix = uuid.uuid4().hex[:8]
    h_arrow, m_arrow = _arrow(households, members)
    h_table = con.create_table(f"policy_h_{suffix}", h_arrow)
    m_table = con.create_table(f"policy_m_{suffix}", m_arrow)
    try:
        result = evaluate_batch(domain, h_table, ON, members=m_table)
        return {key: result.outcome(index) for index, key in enumerate(result.keys())}
    finally:
        con.drop_table(f"policy_h_{suffix}")
        con.drop_table(f"policy_m_{suffix}")


def test_duckdb_gives_the_same_decisions_as_one_household_at_a_time():
    import ibis

    households, members = population()

    batch = _batch(ibis.duckdb.connect(), households, members)

    expected = _one_by_one(households, members)
    assert batch == expected
    statuses = [status for outcome in expected.values() for status, _ in outcome.values()]
    assert {s: statuses.count(s) for s in set(statuses)} == {"eligible": 417, "ineligible": 937, "undecided": 646}


@pytest.mark.django_db(transaction=True)
def test_postgres_gives_the_same_decisions_as_duckdb():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (ZHILI_DATABASE_URL)")
    import ibis

    from zhili.core.datapool.api import postgres_connection

    households, members = population(seed=11)

    on_postgres = _batch(postgres_connection(), households, members)

    assert on_postgres == _batch(ibis.duckdb.connect(), households, members)
    assert on_postgres == _one_by_one(households, members)


@pytest.mark.slow
def test_pyspark_gives_the_same_decisions_as_duckdb():
    import ibis

    from zhili.core.datapool.api import pyspark_connection

    households, members = population(size=120, seed=13)

    on_spark = _batch(pyspark_connection(), households, members)

    assert on_spark == _batch(ibis.duckdb.connect(), households, members)
