"""三门县 with one town and one village, its assistance officer, a citizen's household, the helps' owners."""

import datetime as dt

import pytest

from zhili.core.identity.api import Role
from zhili.scenes.relief_match.roles import APPLICANT

SANMEN, HAIYOU, XIAOXIANG = "331022", "331022001000", "331022001001"


@pytest.fixture(autouse=True)
def own_var_dir(settings, tmp_path):
    """Each test's own VAR_DIR: facts kept by another run (a demo load) must not leak into these stories."""
    settings.VAR_DIR = tmp_path / "var"
    return settings.VAR_DIR


@pytest.fixture
def sanmen(db):
    from zhili.core.testing.api import RegionFactory

    county = RegionFactory(code=SANMEN, name="三门县")
    town = RegionFactory(code=HAIYOU, name="海游街道", level="town", parent=county)
    village = RegionFactory(code=XIAOXIANG, name="小湘村", level="village", parent=town)
    return {"county": county, "town": town, "village": village}


@pytest.fixture
def officer_chen(sanmen):
    """陈敏, assistance officer of 海游街道 (救助服务站)."""
    from zhili.core.testing.api import DepartmentFactory, MembershipFactory, UserFactory

    station = DepartmentFactory(name="海游街道社会救助服务站", region=sanmen["town"])
    user = UserFactory(name="陈敏", username="officer_chen", phone="13800000031")
    MembershipFactory(user=user, role=Role.OFFICER, organization=station, region=sanmen["town"])
    return user


@pytest.fixture
def owners(sanmen):
    """Every owner of the help policies, registered as a department or organisation of the county."""
    from zhili.core.orgs.api import OrganizationKind
    from zhili.core.policy.api import get_domain
    from zhili.core.testing.api import DepartmentFactory

    names = {p.owner: p.owner_kind for p in get_domain("relief_match").policies.values()}
    return {name: DepartmentFactory(name=name, region=sanmen["county"],
                                    kind=OrganizationKind.DEPARTMENT if kind == "department" else OrganizationKind.OTHER)
            for name, kind in names.items()}


@pytest.fixture
def citizen_li(sanmen):
    """李秀英, real-name verified, head of household H0000001 in 小湘村."""
    from zhili.core.testing.api import MembershipFactory, UserFactory
    from zhili.scenes.relief_match.models import ReliefHousehold

    user = UserFactory(name="李秀英", username="citizen_li", phone="13800000032", verified=True)
    MembershipFactory(user=user, role=APPLICANT)
    ReliefHousehold.objects.create(key="H0000001", region=sanmen["village"], head_name="李秀英", user=user)
    return user


LI_FACTS = {"county_code": SANMEN, "per_capita_income": 700, "financial_assets": 6000, "residences": 1,
            "vehicle_value": 0, "category": "none", "legal_case": False, "victim_case_stage": "none",
            "disaster_loss": 0, "house_unsafe": False, "rural": True, "member_died_recently": False}
LI_MEMBERS = [
    {"birth_date": dt.date(1972, 4, 2), "female": True, "disabled": False, "disability_grade": 0,
     "able_to_work": True, "has_supporter": False, "income_monthly": 1400, "employed": True,
     "unemployed_registered": False, "student_stage": "none", "medical_total": 52000, "medical_self_paid": 21000,
     "serious_illness": True, "veteran": False, "union_member": False, "school_aid_received": False},
    {"birth_date": dt.date(2009, 9, 1), "female": False, "disabled": False, "disability_grade": 0,
     "able_to_work": False, "has_supporter": False, "income_monthly": 0, "employed": False,
     "unemployed_registered": False, "student_stage": "senior", "medical_total": 300, "medical_self_paid": 90,
     "serious_illness": False, "veteran": False, "union_member": False, "school_aid_received": False},
]
