"""Personas of the 劳务派遣监管 scene in 建德市: 钱敏 an officer, 孙涛 an officer of 淳安县 (outside), 周红 the
填报员 of 建德人力派遣有限公司, 李娜 an employer administrator; the agency and a host employer."""

import datetime as dt

import pytest

from zhili.core.identity.api import Role
from zhili.core.testing.api import (
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
    make_uscc,
    personas,
)

from ..roles import AGENCY, OFFICER

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def officer_qian(county):
    return personas.department_user(role=OFFICER, name="钱敏", username="officer_qian", region=county,
                                    phone="13800000021")


@pytest.fixture
def officer_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=OFFICER, name="孙涛", username="officer_sun", region=chun_an,
                                    phone="13800000022")


@pytest.fixture
def agency(officer_qian, county):
    from ..services import register_agency

    return register_agency(name="建德人力派遣有限公司", uscc=make_uscc(sequence=501), region=county,
                           licence_no="33018220240001", licence_issued_on=dt.date(2024, 1, 10),
                           registered_capital="2000000", premises="建德市新安江街道人民路1号", actor=officer_qian)


@pytest.fixture
def clerk_zhou(agency):
    user = UserFactory(name="周红", username="agency_zhou", phone="13800000023")
    MembershipFactory(user=user, role=AGENCY, organization=agency.organization)
    return user


@pytest.fixture
def employer_li(county):
    enterprise = EnterpriseFactory(region=county, name="建德制造有限公司")
    user = UserFactory(name="李娜", username="hr_li", phone="13800000024")
    MembershipFactory(user=user, role=Role.EMPLOYER_ADMIN, organization=enterprise)
    return user


HOST_USCC = make_uscc(sequence=601)


def worker_row(n: int, **changes) -> dict:
    row = {"name": f"工人{n}", "id_number": make_id_number(birth="19900307", sequence=100 + n),
           "host_uscc": HOST_USCC, "host_name": "建德物流有限公司", "post": "分拣员", "post_nature": "auxiliary",
           "work_region_code": "330182", "dispatch_start": "2025-07-01", "dispatch_end": "2026-06-30",
           "contract_start": "2025-07-01", "contract_end": "2027-06-30", "monthly_wage": "5000",
           "insurance_region_code": "330182", "insurance_status": "paid"}
    row.update(changes)
    return row
