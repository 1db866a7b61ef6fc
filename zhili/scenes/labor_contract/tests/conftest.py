"""Fixtures of the labor contract scene: hr_li's company, a second company's HR (helpers are in journeys.py)."""

import pytest

from zhili.core.identity.api import Role
from zhili.core.testing.api import (
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
)
from zhili.scenes.labor_contract import services

from .journeys import contract_values, sign_through


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


@pytest.fixture
def completed_contract(hr_li, employer, worker_zhang):
    """A contract 张伟 signed and 李娜's company sealed (2026-03-01 to 2029-02-28)."""
    contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
    return sign_through(contract, worker_zhang, hr_li)
