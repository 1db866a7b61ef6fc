"""Personas of the 人大代表履职 scene: 叶红梅 of 建德市人大常委会's office, 方志强 of 建德市住建局 (a handler),
陈建国 a deputy of 建德市人大 at the 新安江 station, 王秀英 a citizen; 孙涛 of 淳安县's office and 周敏 of another bureau."""

import pytest

from zhili.core.testing.api import DepartmentFactory, MembershipFactory, RegionFactory, UserFactory, personas

from .. import services
from ..choices import CongressLevel
from ..roles import CITIZEN, DEPUTY, HANDLER, OFFICE


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def xinanjiang(county):
    return personas.town()


@pytest.fixture
def office_ye(county):
    office = DepartmentFactory(name="建德市人大常委会", region=county)
    user = UserFactory(name="叶红梅", username="office_ye", phone="13800000031")
    MembershipFactory(user=user, role=OFFICE, organization=office, region=county)
    return user


@pytest.fixture
def office_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    office = DepartmentFactory(name="淳安县人大常委会", region=chun_an)
    user = UserFactory(name="孙涛", username="office_sun", phone="13800000032")
    MembershipFactory(user=user, role=OFFICE, organization=office, region=chun_an)
    return user


@pytest.fixture
def housing_bureau(county):
    return DepartmentFactory(name="建德市住房和城乡建设局", region=county)


@pytest.fixture
def handler_fang(housing_bureau, county):
    user = UserFactory(name="方志强", username="handler_fang", phone="13800000033")
    MembershipFactory(user=user, role=HANDLER, organization=housing_bureau, region=county)
    return user


@pytest.fixture
def handler_zhou(county):
    bureau = DepartmentFactory(name="建德市教育局", region=county)
    user = UserFactory(name="周敏", username="handler_zhou", phone="13800000034")
    MembershipFactory(user=user, role=HANDLER, organization=bureau, region=county)
    return user


@pytest.fixture
def congress(office_ye, county):
    return services.create_congress(region=county, level=CongressLevel.COUNTY, name="建德市第十八届人民代表大会",
                                    term=18, actor=office_ye)


@pytest.fixture
def station(congress, xinanjiang, office_ye):
    return services.register_station(congress=congress, region=xinanjiang, name="新安江街道人大代表联络站",
                                     area="新安江街道各社区", address="府前路 1 号", opening_hours="每周三 9:00–11:30",
                                     actor=office_ye)


@pytest.fixture
def deputy_user_chen(db):
    user = UserFactory(name="陈建国", username="deputy_chen", phone="13800000035")
    MembershipFactory(user=user, role=DEPUTY)
    return user


@pytest.fixture
def deputy_chen(deputy_user_chen, congress, station, office_ye):
    return services.register_deputy(user=deputy_user_chen, congress=congress, constituency="新安江街道第三选区",
                                    delegation="新安江代表团", station=station, actor=office_ye)


@pytest.fixture
def citizen_wang(db):
    user = UserFactory(name="王秀英", username="citizen_wang", phone="13800000036")
    MembershipFactory(user=user, role=CITIZEN)
    return user


@pytest.fixture
def opinion(station, deputy_chen, citizen_wang):
    return services.submit_opinion(station=station, deputy=deputy_chen, channel="deputy_qr", title="路口红绿灯太短",
                                   text="新安江路与府东街路口人行绿灯只有 15 秒，建议延长。", actor=citizen_wang)


@pytest.fixture
def referred(opinion, office_ye, housing_bureau):
    return services.grade_opinion(opinion, category="transport", department=housing_bureau, actor=office_ye)


@pytest.fixture
def replied(referred, handler_fang):
    return services.reply_opinion(referred, text="已调整为 30 秒。", actor=handler_fang)
