"""A small world for case tests: a city office supervising a county office, a town office, and their staff."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from zhili.core.cases.models import AssignmentRule
from zhili.core.identity.choices import Role
from zhili.core.testing.factories import DepartmentFactory, MembershipFactory, RegionFactory, UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=9, minute=0, second=0):
    """A moment in Beijing time."""
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


def _staff(name, username, phone, role, office, region):
    user = UserFactory(name=name, username=username, phone=phone)
    MembershipFactory(user=user, role=role, organization=office, region=region)
    return user


@pytest.fixture
def world(db, worker_zhang):
    city = RegionFactory(code="330100", name="杭州市", level="city")
    county = RegionFactory(code="330182", name="建德市", level="county", parent=city)
    town = RegionFactory(code="330182100000", name="新安江街道", level="town", parent=county)
    other_county = RegionFactory(code="330183", name="富阳区", level="county", parent=city)
    city_office = DepartmentFactory(name="杭州市人力资源和社会保障局", region=city)
    county_office = DepartmentFactory(name="建德市人力资源和社会保障局", region=county, parent=city_office)
    town_office = DepartmentFactory(name="新安江街道劳动保障所", region=town, parent=county_office)
    other_office = DepartmentFactory(name="富阳区人力资源和社会保障局", region=other_county, parent=city_office)
    officer_wang = _staff("王芳", "officer_wang", "13800000003", Role.OFFICER, county_office, county)
    inspector_zhao = _staff("赵强", "inspector_zhao", "13800000004", Role.INSPECTOR, county_office, county)
    supervisor_chen = _staff("陈敏", "supervisor_chen", "13800000005", Role.OFFICER, city_office, city)
    officer_qian = _staff("钱进", "officer_qian", "13800000006", Role.OFFICER, town_office, town)
    officer_sun = _staff("孙丽", "officer_sun", "13800000007", Role.OFFICER, other_office, other_county)
    AssignmentRule.objects.create(case_type="dummy_complaint", region=county, organization=county_office,
                                  assignee=inspector_zhao, supervisor=supervisor_chen)
    AssignmentRule.objects.create(case_type="", region=town, organization=town_office, assignee=officer_qian)
    AssignmentRule.objects.create(case_type="dummy_request", region=county, organization=county_office,
                                  assignee=inspector_zhao)
    return SimpleNamespace(
        city=city, county=county, town=town, other_county=other_county, city_office=city_office,
        county_office=county_office, town_office=town_office, officer_wang=officer_wang,
        inspector_zhao=inspector_zhao, supervisor_chen=supervisor_chen, officer_qian=officer_qian,
        officer_sun=officer_sun, worker_zhang=worker_zhang,
    )


@pytest.fixture
def complaint(world):
    """A wage complaint by worker_zhang in 建德市, opened on Tuesday 30 September 2025 at 10:00."""
    from zhili.core.cases.services import open_case

    return open_case("dummy_complaint", title="某工地拖欠工资三个月", region=world.county, actor=world.worker_zhang,
                     requester=world.worker_zhang, description="项目部称总包未付款", now=at(2025, 9, 30, 10))


@pytest.fixture
def ledger_entries():
    """The ledger entries (存证记录) about a case, oldest first, read from the real ledger."""
    from zhili.core.ledger import api as ledger

    return lambda case: list(ledger.entries_for(case))
