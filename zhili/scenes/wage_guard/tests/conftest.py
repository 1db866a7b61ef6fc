"""Personas and a building site of the 安薪在线 scene.

建德市: 周建 (住建 officer) registers the project 新安江花园一期; 钱敏 (人社 officer) receives its cases; 刘强 is the
labour manager of the general contractor 建德建工; 陈刚 leads the 钢筋班 of the subcontractor 华东劳务; workers 张三
(daily 350), 李四 (300) and 王五 (280) are on the roster. 孙涛 is a 人社 officer of 淳安县 (another county).
"""

import datetime as dt
from decimal import Decimal

import pytest

from zhili.core.cases.api import AssignmentRule
from zhili.core.testing.api import (
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
    personas,
)
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.roles import CONTRACTOR, HOUSING, HRSS, TEAM_LEAD

START = dt.date(2026, 3, 1)


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def housing_zhou(county):
    return personas.department_user(role=HOUSING, name="周建", username="housing_zhou", region=county,
                                    phone="13800000031")


@pytest.fixture
def hrss_qian(county):
    user = personas.department_user(role=HRSS, name="钱敏", username="hrss_qian", region=county, phone="13800000032")
    bureau = user.memberships.get().organization
    for code in ("wage_guard.wage_dispute", "wage_guard.complaint", "wage_guard.warning"):
        AssignmentRule.objects.create(case_type=code, region=county, organization=bureau)
    return user


@pytest.fixture
def hrss_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=HRSS, name="孙涛", username="hrss_sun", region=chun_an, phone="13800000033")


@pytest.fixture
def builder(county):
    return EnterpriseFactory(name="建德城投置业有限公司", region=county)


@pytest.fixture
def contractor_org(county):
    return EnterpriseFactory(name="建德建工集团有限公司", region=county)


@pytest.fixture
def sub_org(county):
    return EnterpriseFactory(name="华东劳务有限公司", region=county)


@pytest.fixture
def manager_liu(contractor_org):
    user = UserFactory(name="刘强", username="gc_liu", phone="13800000034")
    MembershipFactory(user=user, role=CONTRACTOR, organization=contractor_org)
    return user


@pytest.fixture
def lead_chen(sub_org):
    user = UserFactory(name="陈刚", username="lead_chen", phone="13800000035")
    MembershipFactory(user=user, role=TEAM_LEAD, organization=sub_org)
    return user


@pytest.fixture
def project(county, housing_zhou, builder, contractor_org, hrss_qian):
    return services.register_project(
        region=county, name="新安江花园一期", permit_number="330182202603010101", builder=builder,
        general_contractor=contractor_org, contract_sum="12000000", start_date=START,
        planned_finish=dt.date(2027, 6, 30), work_start=dt.time(6, 0), work_end=dt.time(19, 0), pay_day=15,
        latitude=Decimal("29.476000"), longitude=Decimal("119.279000"), geofence_m=300, actor=housing_zhou)


@pytest.fixture
def subcontract(project, sub_org, manager_liu):
    return services.add_subcontract(project, contractor=sub_org, scope="钢筋工程", contract_sum="3000000",
                                    actor=manager_liu)


@pytest.fixture
def team(project, subcontract, manager_liu, lead_chen):
    return services.add_team(project, name="钢筋班", subcontract=subcontract, leader=lead_chen, actor=manager_liu)


@pytest.fixture
def account(project, manager_liu):
    account = services.open_special_account(project, bank_name="中国农业银行建德支行",
                                            account_number="19135101040012345", opened_on=START, actor=manager_liu)
    services.record_labor_cost_payment(project, amount="100000", paid_on=START, actor=manager_liu)
    return account


WORKERS = [
    ("张三", "19850312", "001", "钢筋工", "350", "6222020200112233445"),
    ("李四", "19900704", "002", "钢筋工", "300", "6228480010203040506"),
    ("王五", "19780121", "003", "普工", "280", "6217000010009988776"),
]


@pytest.fixture
def roster(project, team, lead_chen):
    return [services.register_worker(
        project, team=team, name=name, id_number=make_id_number(birth=birth, sequence=int(badge)),
        phone=f"1390000{badge}0", badge=badge, trade=trade, daily_rate=rate, bank_name="农业银行",
        bank_card=card, entered_on=START, contract_reference=f"LC2026030{badge}", actor=lead_chen)
        for name, birth, badge, trade, rate, card in WORKERS]


@pytest.fixture
def uncontracted(roster):
    """The roster with no labour contract on record."""
    from zhili.scenes.wage_guard.models import RosterEntry

    RosterEntry.objects.filter(pk__in=[e.pk for e in roster]).update(contract_reference="")
    for entry in roster:
        entry.refresh_from_db()
    return roster
