"""Personas of the 童装产业大脑 scene in 吴兴区: 沈建国 the officer, a brand, two factories, two suppliers, a
worker and a bank; 孙涛 an officer of 淳安县 (another district)."""

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from zhili.core.orgs.api import Organization, OrganizationKind
from zhili.core.testing.api import EnterpriseFactory, MembershipFactory, RegionFactory, UserFactory, personas

from .. import services
from ..roles import BANK, BRAND, FACTORY, OFFICER, SUPPLIER, WORKER


@pytest.fixture
def county(db):
    return RegionFactory(code="330502", name="吴兴区")


@pytest.fixture
def officer(county):
    return personas.department_user(role=OFFICER, name="沈建国", username="ib_officer", region=county,
                                    phone="13800000031")


@pytest.fixture
def officer_elsewhere(db):
    return personas.department_user(role=OFFICER, name="孙涛", username="ib_officer_sun",
                                    region=RegionFactory(code="330127", name="淳安县"), phone="13800000032")


def phone_of(username: str) -> str:
    """A mobile number of its own for each persona (137 + eight digits of the username's hash), so that none
    collides with the sequence of the core factories' numbers."""
    return "137" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _firm(officer, county, name, role, member_role, username, *, specialities=(), grade="2", lines=4,
          lon=120.21, lat=30.81):
    organization = EnterpriseFactory(name=name, region=county)
    firm = services.register_firm(organization=organization, region=county, role=role, specialities=specialities,
                                  grade=grade, lines=lines, machines=lines * 10, skilled_workers=lines * 10,
                                  monthly_capacity=lines * 5200, lon=lon, lat=lat, actor=officer)
    user = UserFactory(name=name[:3], username=username, phone=phone_of(username))
    MembershipFactory(user=user, role=member_role, organization=organization)
    return firm, user


@pytest.fixture
def brand(officer, county):
    return _firm(officer, county, "小棉袄童装", "brand", BRAND, "ib_brand", lon=120.20, lat=30.80)


@pytest.fixture
def near_factory(officer, county):
    return _firm(officer, county, "近针织厂", "factory", FACTORY, "ib_factory", specialities=["knit"], lines=1,
                 lon=120.21, lat=30.80)


@pytest.fixture
def far_factory(officer, county):
    return _firm(officer, county, "远针织厂", "factory", FACTORY, "ib_factory_far", specialities=["knit"], lines=10,
                 lon=120.40, lat=30.80)


@pytest.fixture
def suppliers(officer, county):
    return [_firm(officer, county, f"供应商{i}", "supplier", SUPPLIER, f"ib_supplier_{i}") for i in (1, 2)]


@pytest.fixture
def worker(db):
    user = UserFactory(name="张秀英", username="ib_worker", phone=phone_of("ib_worker"))
    MembershipFactory(user=user, role=WORKER)
    return user


@pytest.fixture
def bank(county):
    organization = Organization.objects.create(kind=OrganizationKind.BANK, name="湖州银行织里支行", region=county)
    user = UserFactory(name="吴敏", username="ib_bank", phone=phone_of("ib_bank"))
    MembershipFactory(user=user, role=BANK, organization=organization)
    return organization, user


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def in_days(today):
    return lambda n: today + dt.timedelta(days=n)
