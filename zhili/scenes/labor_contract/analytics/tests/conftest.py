"""A small hand-made data set: eleven worker profiles, each hired five times (so no cell is below five), at two
employers in two towns of 建德市, plus one revoked contract; the figures in the tests are counted by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from zhili.core.dashboards.api import refresh_facts
from zhili.core.identity.api import Role
from zhili.core.orgs.api import Industry
from zhili.core.testing.api import (
    DepartmentFactory,
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
)
from zhili.scenes.labor_contract.models import LaborContract

SH = ZoneInfo("Asia/Shanghai")
AS_OF = dt.date(2026, 6, 30)
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=SH)


# (employer, origin, birth, wage, term, start, end, probation, status, channel, sent, completed, job title)
PROFILES = [
    ("A", "330182", "19900101", 5000, "fixed_term", "2026-01-05", "2029-01-04", 3, "completed", "remote",
     at("2026-01-03", 8), at("2026-01-03", 10), "操作工"),
    ("A", "330182", "19850202", 2200, "fixed_term", "2025-03-01", "2026-02-28", 0, "existing_paper", "remote",
     None, None, "普工"),
    ("A", "510104", "20000303", 2400, "fixed_term", "2026-02-01", "2027-01-31", 1, "sent", "remote",
     at("2026-01-30", 9), None, "操作工"),
    ("A", "330106", "19750404", 9000, "open_ended", "2020-01-01", None, 0, "existing_paper", "remote",
     None, None, "财务经理"),
    ("A", "330182", "19680505", 12500, "fixed_term", "2024-07-01", "2026-08-15", 0, "completed", "on_site",
     at("2024-06-28", 9), at("2024-06-28", 9, 30), "设计师"),
    ("A", "330182", "19950606", 6000, "fixed_term", "2026-03-01", "2026-07-20", 0, "completed", "on_site",
     at("2026-02-27", 9), at("2026-02-27", 13), "工程师"),
    ("B", "410102", "19920707", 4000, "fixed_term", "2026-04-01", "2028-03-31", 2, "draft", "remote",
     None, None, "司机"),
    ("B", "330182", "19980808", 3000, "task_based", "2026-05-01", None, 0, "completed", "remote",
     at("2026-04-30", 8), at("2026-04-30", 14), "销售"),
    ("B", "330182", "19800909", 7000, "fixed_term", "2023-01-01", "2025-12-31", 0, "existing_paper", "remote",
     None, None, "操作工"),
    ("B", "330182", "19901010", 5000, "fixed_term", "2026-02-01", "2027-01-31", 0, "revoked", "remote",
     None, None, "操作工"),
    ("B", "330182", "20011111", 4500, "fixed_term", "2026-06-01", "2027-05-31", 1, "worker_signed", "remote",
     at("2026-05-30", 9), None, "文员"),
    ("A", "330182", "19881212", 8000, "fixed_term", "2026-01-10", "2026-05-31", 0, "completed", "remote",
     at("2026-01-08", 10), at("2026-01-09", 10), "焊工"),
]


@pytest.fixture
def jiande(db):
    county = RegionFactory(code="330182", name="建德市", level="county")
    town_a = RegionFactory(code="330182001000", name="新安江街道", level="town", parent=county)
    town_b = RegionFactory(code="330182002000", name="洋溪街道", level="town", parent=county)
    return {"county": county, "town_a": town_a, "town_b": town_b}


@pytest.fixture
def employers(jiande):
    manufacturing = Industry.objects.create(code="C", name="制造业")
    trade = Industry.objects.create(code="F", name="批发和零售业")
    return {
        "A": EnterpriseFactory(name="建德甲机械有限公司", region=jiande["town_a"], industry=manufacturing, size="small"),
        "B": EnterpriseFactory(name="建德乙商贸有限公司", region=jiande["town_b"], industry=trade, size="medium"),
    }


# The sex of each profile's workers (the 17th digit of the ID number is odd for men).
SEXES = ["M", "F", "M", "F", "M", "F", "M", "F", "M", "M", "F", "M"]


def make_contract(employer, n, profile, sex="M"):
    (_, origin, birth, wage, term, start, end, probation, status, channel, sent, completed, title) = profile
    id_number = make_id_number(region_code=origin, birth=birth, sequence=100 + (n % 50) * 2 + (sex == "M"))
    start_date = dt.date.fromisoformat(start)
    return LaborContract.objects.create(
        number=f"T{n:05d}", employer=employer, worker_name=f"工人{n}", worker_id_number=id_number,
        worker_phone=f"139{n:08d}", job_title=title, work_place="建德市", term_type=term, start_date=start_date,
        end_date=dt.date.fromisoformat(end) if end else None, probation_months=probation,
        monthly_wage=Decimal(wage), status=status, channel=channel, sent_at=sent, completed_at=completed,
        idempotency_key=f"test:{n}")


@pytest.fixture
def contracts(employers):
    made = []
    for p_index, profile in enumerate(PROFILES):
        for copy in range(5):
            made.append(make_contract(employers[profile[0]], p_index * 10 + copy, profile, SEXES[p_index]))
    return made


@pytest.fixture(autouse=True)
def facts_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    from django.core.cache import cache

    cache.clear()
    return tmp_path


@pytest.fixture
def facts(contracts):
    return refresh_facts("labor_contract.contracts", actor="test", full=True)


def officer(region, username, phone):
    user = UserFactory(name="官员" + username, username=username, phone=phone)
    MembershipFactory(user=user, role=Role.OFFICER, organization=DepartmentFactory(region=region), region=region)
    return user


@pytest.fixture
def county_officer(jiande):
    return officer(jiande["county"], "officer_county", "13900000101")


@pytest.fixture
def town_officer(jiande):
    return officer(jiande["town_a"], "officer_town", "13900000102")
