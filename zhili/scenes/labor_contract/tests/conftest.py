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


def sign_through(contract, worker, hr):
    """Send ``contract``, have the worker sign it and HR seal it (the seal image uploaded once)."""
    from zhili.scenes.labor_contract import services

    from .test_signing import drawn_signature, seal_png, worker_reaches_signature

    services.send_contracts([contract], actor=hr)
    contract.refresh_from_db()
    intent = worker_reaches_signature(contract, worker)
    services.sign_as_worker(contract, actor=worker, intent=intent, signature_png=drawn_signature())
    if services.active_seal(contract.employer) is None:
        services.upload_seal(contract.employer, seal_png(), actor=hr)
    services.apply_seal(contract, actor=hr, confirmed=True)
    contract.refresh_from_db()
    return contract


@pytest.fixture
def completed_contract(hr_li, employer, worker_zhang):
    """A contract 张伟 signed and 李娜's company sealed (2026-03-01 to 2029-02-28)."""
    from zhili.scenes.labor_contract import services

    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    return sign_through(contract, worker_zhang, hr_li)
