"""Personas and a small county for the 浙里急救 tests: 缙云县 with a 14×14 generated road network, 4 stations,
8 ambulances, 4 hospitals; 李调度 its dispatcher, 孙涛 a dispatcher of 淳安县, 赵医生 the crew of 缙云101,
陈护士 the emergency nurse of 缙云县人民医院, 吴芳 a caller, 郑强 another citizen."""

import pytest

from zhili.core.testing.api import MembershipFactory, RegionFactory, UserFactory, personas

from .. import demo
from ..models import Ambulance, Hospital
from ..roles import CALLER, CREW, DISPATCHER, HOSPITAL


@pytest.fixture
def jinyun(db):
    return RegionFactory(code="331122", name="缙云县")


@pytest.fixture
def dispatcher(jinyun):
    return personas.department_user(role=DISPATCHER, name="李调度", username="disp_li", region=jinyun,
                                    phone="13800000031")


@pytest.fixture
def dispatcher_sun(db):
    return personas.department_user(role=DISPATCHER, name="孙涛", username="disp_sun",
                                    region=RegionFactory(code="330127", name="淳安县"), phone="13800000032")


@pytest.fixture
def county(jinyun, dispatcher):
    return demo.build_county(jinyun, rows=14, cols=14, spacing_m=700, actor=dispatcher, addresses=60, aeds=12)


@pytest.fixture
def ambulance(county):
    return Ambulance.objects.filter(station=county["stations"][0]).order_by("call_sign").first()


@pytest.fixture
def crew_zhao(ambulance):
    user = UserFactory(name="赵医生", username="crew_zhao", phone="13800000033")
    MembershipFactory(user=user, role=CREW)
    ambulance.crew.add(user)
    return user


@pytest.fixture
def main_hospital(county):
    return Hospital.objects.get(name="缙云县人民医院")


@pytest.fixture
def nurse_chen(main_hospital):
    user = UserFactory(name="陈护士", username="nurse_chen", phone="13800000034")
    MembershipFactory(user=user, role=HOSPITAL, organization=main_hospital.organization)
    return user


@pytest.fixture
def caller_wu(db):
    user = UserFactory(name="吴芳", username="caller_wu", phone="13800000035")
    MembershipFactory(user=user, role=CALLER)
    return user


@pytest.fixture
def citizen_zheng(db):
    user = UserFactory(name="郑强", username="citizen_zheng", phone="13800000036")
    MembershipFactory(user=user, role=CALLER)
    return user
