"""Personas and a small data pool of the 智慧助残 scene.

方慧敏 is the clerk of 江山市's disabled persons' federation; 叶春燕 the disability worker of 双塔街道, 陈立 the
worker of 虎山街道. The pool (``pool``) holds a handful of persons written by hand, each one a case from the rule.
"""

import csv
import datetime as dt
from decimal import Decimal

import pytest

from zhili.core.testing.api import (
    DepartmentFactory,
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
)

from ..models import Certificate, Entitlement, Person
from ..roles import CLERK, PREVENTION, WORKER

ON = dt.date(2026, 11, 30)
TOWN, OTHER_TOWN = "330881001000", "330881002000"


@pytest.fixture
def county(db):
    return RegionFactory(code="330881", name="江山市")


@pytest.fixture
def town(county):
    return RegionFactory(code=TOWN, name="双塔街道", level="town", parent=county)


@pytest.fixture
def other_town(county):
    return RegionFactory(code=OTHER_TOWN, name="虎山街道", level="town", parent=county)


@pytest.fixture
def federation(county):
    return DepartmentFactory(region=county, name="江山市残疾人联合会")


def _staff(role, name, username, phone, organization, region):
    user = UserFactory(name=name, username=username, phone=phone)
    MembershipFactory(user=user, role=role, organization=organization, region=region)
    return user


@pytest.fixture
def clerk_fang(federation, county):
    return _staff(CLERK, "方慧敏", "clerk_fang", "13800000281", federation, county)


@pytest.fixture
def worker_ye(federation, town):
    return _staff(WORKER, "叶春燕", "worker_ye", "13800000282", federation, town)


@pytest.fixture
def worker_chen(federation, other_town):
    return _staff(WORKER, "陈立", "worker_chen", "13800000283", federation, other_town)


@pytest.fixture
def approver_zhou(federation, county):
    from ..roles import APPROVER

    return _staff(APPROVER, "周建华", "approver_zhou", "13800000284", federation, county)


@pytest.fixture
def clerk_mao(federation, county):
    return _staff(CLERK, "毛丽", "clerk_mao", "13800000285", federation, county)


@pytest.fixture
def hospital(county, clerk_fang):
    from zhili.core.orgs.api import OrganizationKind

    from .. import services

    organization = DepartmentFactory(region=county, name="江山市人民医院", kind=OrganizationKind.MEDICAL)
    return services.register_hospital(organization=organization, region=county, categories="1234567",
                                      daily_capacity=2, actor=clerk_fang)


# person, village, birth date, sex — and what each person's records make of them on ON
PERSONS = [
    ("P00000001", "330881001003", "1968-04-12", "M"),  # work injury grade 7: suspected
    ("P00000002", "330881001003", "1975-09-30", "F"),  # traffic injury grade 9 and a stroke sequela: suspected
    ("P00000003", "330881001011", "1952-01-05", "M"),  # lower-case watch-list code f20.0: suspected
    ("P00000004", "330881001011", "1980-07-21", "F"),  # work injury, but holds a certificate: not suspected
    ("P00000005", "330881002004", "1949-03-03", "M"),  # diagnosis on the list, but died: not suspected
    ("P00000006", "330881002004", "1990-12-12", "F"),  # near miss S49.0 and an injury dated after ON: not suspected
    ("P00000007", "330881002006", "1985-06-18", "M"),  # certificate issued after ON, spinal-cord injury: suspected
    ("P00000008", "330881001020", "2001-02-14", "F"),  # ordinary diagnoses only: not suspected
    # certificate holders for the two subsidies (no trigger, so never suspected)
    ("P00000009", "330881001003", "1960-05-05", "M"),  # grade 1 physical, 低保: living and nursing
    ("P00000010", "330881001003", "1972-08-08", "F"),  # grade 2 visual, no assistance: nursing only
    ("P00000011", "330881002004", "1999-09-09", "M"),  # grade 3 intellectual, 低边: living and nursing (grade 3)
    ("P00000012", "330881002004", "1955-10-10", "F"),  # grade 3 physical, 低保: living only
    ("P00000013", "330881001011", "1980-11-11", "M"),  # grade 4 hearing, no assistance: neither
    ("P00000014", "330881001011", "1945-12-12", "F"),  # grade 1 mental, 低保, dies 2026-11-15: paid November only
    ("P00000015", "330881002006", "1966-01-01", "M"),  # grade 2 physical, moved out 2026-10-20: neither
    ("P00000016", "330881002006", "1970-02-02", "F"),  # grade 4 physical, 特困: neither (特困 is not 低保/低边)
]
SUSPECTED = ["P00000001", "P00000002", "P00000003", "P00000007"]
ROWS = {
    "da_persons": [dict(zip(("person_id", "village_code", "birth_date", "gender"), p, strict=True)) for p in PERSONS],
    "da_work_injuries": [
        {"record_id": "W1", "person_id": "P00000001", "assessed_on": "2025-06-01", "grade": "7", "uscc": "",
         "cause": "机械伤害"},
        {"record_id": "W2", "person_id": "P00000004", "assessed_on": "2024-03-01", "grade": "5", "uscc": "",
         "cause": "高处坠落"},
        {"record_id": "W3", "person_id": "P00000006", "assessed_on": "2026-12-05", "grade": "4", "uscc": "",
         "cause": "物体打击"},
    ],
    "da_traffic_injuries": [
        {"record_id": "T1", "person_id": "P00000002", "assessed_on": "2026-02-10", "grade": "9", "place": "G205国道"},
    ],
    "da_diagnoses": [
        {"record_id": "D1", "person_id": "P00000002", "diagnosed_on": "2026-05-02", "icd10": "I69.3",
         "kind": "chronic"},
        {"record_id": "D2", "person_id": "P00000003", "diagnosed_on": "2019-08-08", "icd10": "f20.0",
         "kind": "chronic"},
        {"record_id": "D3", "person_id": "P00000005", "diagnosed_on": "2023-01-01", "icd10": "H54.0",
         "kind": "discharge"},
        {"record_id": "D4", "person_id": "P00000006", "diagnosed_on": "2026-01-01", "icd10": "S49.0",
         "kind": "discharge"},
        {"record_id": "D5", "person_id": "P00000007", "diagnosed_on": "2026-10-01", "icd10": "S24.1",
         "kind": "discharge"},
        {"record_id": "D6", "person_id": "P00000008", "diagnosed_on": "2026-10-01", "icd10": "J06.9",
         "kind": "chronic"},
    ],
    "da_certificates": [
        {"person_id": "P00000004", "category": "4", "grade": "3", "issued_on": "2024-09-01"},
        {"person_id": "P00000007", "category": "4", "grade": "2", "issued_on": "2026-12-10"},
        {"person_id": "P00000009", "category": "4", "grade": "1", "issued_on": "2015-03-01"},
        {"person_id": "P00000010", "category": "1", "grade": "2", "issued_on": "2018-06-01"},
        {"person_id": "P00000011", "category": "5", "grade": "3", "issued_on": "2020-01-01"},
        {"person_id": "P00000012", "category": "4", "grade": "3", "issued_on": "2021-01-01"},
        {"person_id": "P00000013", "category": "2", "grade": "4", "issued_on": "2022-01-01"},
        {"person_id": "P00000014", "category": "6", "grade": "1", "issued_on": "2010-01-01"},
        {"person_id": "P00000015", "category": "4", "grade": "2", "issued_on": "2019-01-01"},
        {"person_id": "P00000016", "category": "4", "grade": "4", "issued_on": "2019-01-01"},
    ],
    "da_deaths": [{"person_id": "P00000005", "died_on": "2025-02-02"},
                  {"person_id": "P00000014", "died_on": "2026-11-15"}],
    "da_assistance": [
        {"person_id": "P00000009", "category": "dibao", "since": "2020-01-01", "until": ""},
        {"person_id": "P00000011", "category": "dibian", "since": "2023-05-01", "until": ""},
        {"person_id": "P00000012", "category": "dibao", "since": "2024-01-01", "until": ""},
        {"person_id": "P00000014", "category": "dibao", "since": "2019-01-01", "until": ""},
        {"person_id": "P00000016", "category": "tekun", "since": "2019-01-01", "until": ""},
    ],
    "da_moves": [{"person_id": "P00000015", "moved_out_on": "2026-10-20", "to_region": "330100"}],
}


@pytest.fixture
def pool(db, tmp_path, town, other_town):
    """The hand-written records, ingested through core.datapool (validated row by row)."""
    from zhili.core.datapool.api import ingest_file

    for code, rows in ROWS.items():
        path = tmp_path / f"{code}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        batch = ingest_file(code, path, actor="test", check_permission=False)
        assert batch.status == "succeeded", (code, batch.failure_reason)
    return ROWS


@pytest.fixture
def detected(pool, clerk_fang, worker_ye, worker_chen):
    """One night's detection on ON: four suspected cases, each sent to its town's worker."""
    from .. import services

    return services.run_detection(ON, actor=clerk_fang)


def id_number_for(person) -> str:
    """The ID number of a pool person (their birth date and sex, this county)."""
    sequence = 131 if person.gender == "M" else 132
    return make_id_number(region_code="330881", birth=person.birth_date.strftime("%Y%m%d"), sequence=sequence)


# --- employment and prevention ---------------------------------------------------------------------------------

YU_ID_NUMBER = make_id_number(region_code="330881", birth="19990705", sequence=131)
HOME = (Decimal("28.740000"), Decimal("118.620000"))
NEAR = (Decimal("28.767000"), Decimal("118.620000"))  # 0.027° north: 3.0 km


@pytest.fixture
def yu(town, clerk_fang):
    """俞, grade-3 physical, from a 低保 family (the living subsidy), able to work."""
    person = Person.objects.create(key="P00000201", region=town, name="俞晓峰", id_number=YU_ID_NUMBER,
                                   birth_date=dt.date(1999, 7, 5), gender="M")
    Certificate.objects.create(person=person, number=YU_ID_NUMBER + "43", category="4", grade="3",
                               issued_on=dt.date(2021, 3, 1), issued_by=clerk_fang)
    Entitlement.objects.create(person=person, policy="living_subsidy", monthly_amount=Decimal("273"),
                               since_month=dt.date(2026, 1, 1))
    return person


@pytest.fixture
def yu_user(yu):
    return UserFactory(id_number=YU_ID_NUMBER, verified=True)


@pytest.fixture
def yage(town):
    return EnterpriseFactory(name="浙江亚格电子科技有限公司", region=town)


@pytest.fixture
def postings(yage, town, clerk_fang):
    """An accessible 电商客服 post 3 km from 俞's home, a post for hearing disability only, one 29 km away."""
    from .. import services as _services

    shop = _services.post_job(actor=clerk_fang, organization=yage, title="电商客服", region=town, latitude=NEAR[0],
                             longitude=NEAR[1], positions=1, monthly_wage="3000", categories="14", grades="34",
                             skills="电子商务、客服", accessible=True)
    deaf_only = _services.post_job(actor=clerk_fang, organization=yage, title="质检员", region=town,
                                  latitude=NEAR[0], longitude=NEAR[1], positions=2, monthly_wage="3200",
                                  categories="2")
    far = _services.post_job(actor=clerk_fang, organization=yage, title="仓库管理", region=town,
                            latitude=Decimal("29.000000"), longitude=NEAR[1], positions=1, monthly_wage="3500",
                            categories="4")
    return shop, deaf_only, far






@pytest.fixture
def departments(county):
    """The county's 人社局 (work injuries, with its prevention contact 吴卫东) and the traffic police, each the
    receiver of its case type's prevention cases."""
    from zhili.core.cases.api import AssignmentRule

    from ..workflows import PREVENTION_TRAFFIC_CASE_TYPE, PREVENTION_WORK_CASE_TYPE

    hr = DepartmentFactory(region=county, name="江山市人力资源和社会保障局")
    police = DepartmentFactory(region=county, name="江山市公安局交通警察大队")
    officer_wu = _staff(PREVENTION, "吴卫东", "officer_wu", "13800000286", hr, county)
    AssignmentRule.objects.create(case_type=PREVENTION_WORK_CASE_TYPE, region=county, organization=hr,
                                  assignee=officer_wu)
    AssignmentRule.objects.create(case_type=PREVENTION_TRAFFIC_CASE_TYPE, region=county, organization=police)
    return hr, police, officer_wu


