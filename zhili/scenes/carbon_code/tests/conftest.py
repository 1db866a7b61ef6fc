"""Personas and data of the 碳效码 scene: 周明 an officer of 建德市, 孙涛 an officer of 淳安县, 沈洁 who runs 甲 机械.

``pool(energy=[...], value_added=[...])`` writes rows as a source system would send them and ingests them into
core.datapool, so every test goes the real way: data pool → Parquet snapshot → DuckDB → stored results.
"""

import csv
import datetime as dt

import pytest

from zhili.core.datapool.api import ingest_file
from zhili.core.testing.api import (
    EnterpriseFactory,
    IndustryFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_uscc,
    personas,
)

from ..roles import ENTERPRISE, OFFICER


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def town(county):
    return RegionFactory(code="330182001000", name="新安江街道", level="town", parent=county)


@pytest.fixture
def machinery(db):
    return IndustryFactory(code="34", name="通用设备制造业")


@pytest.fixture
def electronics(db):
    return IndustryFactory(code="39", name="计算机、通信和其他电子设备制造业")


def firm(name, town, industry, sequence):
    return EnterpriseFactory(name=name, uscc=make_uscc(sequence=sequence), region=town, industry=industry)


@pytest.fixture
def firm_a(town, machinery):
    return firm("甲机械有限公司", town, machinery, 101)


@pytest.fixture
def firm_b(town, machinery):
    return firm("乙机械有限公司", town, machinery, 102)


@pytest.fixture
def officer_zhou(county):
    return personas.department_user(role=OFFICER, name="周明", username="officer_zhou", region=county,
                                    phone="13800000031")


@pytest.fixture
def officer_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=OFFICER, name="孙涛", username="officer_sun", region=chun_an,
                                    phone="13800000032")


@pytest.fixture
def owner_shen(firm_a):
    user = UserFactory(name="沈洁", username="owner_shen", phone="13800000033")
    MembershipFactory(user=user, role=ENTERPRISE, organization=firm_a)
    return user


def months(year=2025):
    return [dt.date(year, m, 1) for m in range(1, 13)]


@pytest.fixture
def pool(tmp_path):
    """Ingest energy rows (uscc, month, kind, quantity, unit) and value-added rows (uscc, month, value)."""
    def load(energy=(), value_added=()):
        if energy:
            path = tmp_path / "energy.csv"
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["uscc", "month", "kind", "quantity", "unit", "source"])
                writer.writerows([[u, m.isoformat(), k, q, unit, "测试"] for u, m, k, q, unit in energy])
            assert ingest_file("carbon_code_energy", path, actor="test").status == "succeeded"
        if value_added:
            path = tmp_path / "va.csv"
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["uscc", "month", "value_added"])
                writer.writerows([[u, m.isoformat(), v] for u, m, v in value_added])
            assert ingest_file("carbon_code_value_added", path, actor="test").status == "succeeded"
    return load


@pytest.fixture
def worked_example(pool, firm_a, firm_b):
    """The worked example of docs/scenes/carbon_code.md, month by month for 2025.

    甲: grid 100,000 kWh, own PV 20,000 kWh, natural gas 10,000 m³, value added 100 万元 a month.
    乙: grid 200,000 kWh, value added 200 万元 a month. Both in division 34.
    """
    energy, va = [], []
    for month in months():
        energy += [(firm_a.uscc, month, "grid_electricity", 100000, "kWh"),
                   (firm_a.uscc, month, "own_generation", 20000, "kWh"),
                   (firm_a.uscc, month, "natural_gas", 10000, "m3"),
                   (firm_b.uscc, month, "grid_electricity", 200000, "kWh")]
        va += [(firm_a.uscc, month, 100), (firm_b.uscc, month, 200)]
    pool(energy, va)
    return firm_a, firm_b
