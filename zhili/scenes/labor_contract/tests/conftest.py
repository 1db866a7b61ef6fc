"""Fixtures of the labor contract scene: hr_li's company, a second company's HR, contract values."""

import datetime as dt
from decimal import Decimal

import pytest

from zhili.core.identity.choices import Role
from zhili.core.testing.factories import (
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
)


@pytest.fixture
def employer(hr_li):
    return hr_li.memberships.get(role=Role.EMPLOYER_ADMIN).organization


@pytest.fixture
def hr_zhou(db):
    """HR of another company, in another county (淳安县)."""
    region = RegionFactory(code="330127", name="淳安县")
    company = EnterpriseFactory(region=region, name="淳安另一家有限公司")
    user = UserFactory(name="周明", username="hr_zhou", phone="13800000012")
    MembershipFactory(user=user, role=Role.EMPLOYER_ADMIN, organization=company)
    return user


def contract_values(**overrides) -> dict:
    values = {
        "worker_name": "张伟", "worker_id_number": make_id_number(birth="19900307", sequence=123),
        "worker_phone": "13800000001", "job_title": "操作工", "work_place": "建德市新安江街道",
        "term_type": "fixed_term", "start_date": dt.date(2026, 3, 1), "end_date": dt.date(2029, 2, 28),
        "probation_months": 3, "working_hour_system": "standard", "monthly_wage": Decimal("5000"),
        "probation_wage": Decimal("4000"),
    }
    values.update(overrides)
    return values
