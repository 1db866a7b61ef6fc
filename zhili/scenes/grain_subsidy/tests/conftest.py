"""Personas of the 浙农补 scene: 钱敏 a clerk of 建德市, 孙涛 a clerk of 淳安县, 周红 and 何军 approvers of 建德市,
沈建国 and 陆明华 farmers of 莲花镇 with plots drawn as rectangles of about 5 mu each."""

import datetime as dt
import math

import pytest

from zhili.core.testing.api import MembershipFactory, RegionFactory, UserFactory, personas
from zhili.scenes.grain_subsidy import services, synth

from ..roles import APPROVER, CLERK, FARMER

TODAY = dt.date(2026, 6, 15)
M_PER_DEG = 111_320.0


def rectangle(column: int, row: int = 0, *, width_m: float = 50.0, height_m: float = 66.667, lat0: float = 29.48,
              lon0: float = 119.28, shift_m: float = 0.0) -> dict:
    """A rectangle of ``width_m`` × ``height_m`` (≈ 5 亩 by default) in a row of plots 60 m apart."""
    m_lon = M_PER_DEG * math.cos(math.radians(lat0))
    west = lon0 + (column * 60.0 + shift_m) / m_lon
    south = lat0 + row * 80.0 / M_PER_DEG
    east, north = west + width_m / m_lon, south + height_m / M_PER_DEG
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north],
                                                [west, south]]]}


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def town(county):
    return RegionFactory(code="330182101000", name="莲花镇", level="town", parent=county)


@pytest.fixture
def clerk_qian(county):
    return personas.department_user(role=CLERK, name="钱敏", username="clerk_qian", region=county,
                                    phone="13800000021")


@pytest.fixture
def clerk_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=CLERK, name="孙涛", username="clerk_sun", region=chun_an,
                                    phone="13800000022")


@pytest.fixture
def approver_zhou(county):
    return personas.department_user(role=APPROVER, name="周红", username="approver_zhou", region=county,
                                    phone="13800000024")


@pytest.fixture
def approver_he(county):
    return personas.department_user(role=APPROVER, name="何军", username="approver_he", region=county,
                                    phone="13800000025")


def _farmer_user(name, username, phone):
    user = UserFactory(name=name, username=username, phone=phone)
    MembershipFactory(user=user, role=FARMER)
    return user


@pytest.fixture
def farmer_shen(town, clerk_qian):
    user = _farmer_user("沈建国", "farmer_shen", "13800000026")
    return services.register_farmer(region=town, name="沈建国", id_number=synth.id_number("330182", "19650312", 11),
                                    bank_name="浙江农商银行", bank_card=synth.bank_card(1), members=4, user=user,
                                    actor=clerk_qian)


@pytest.fixture
def farmer_lu(town, clerk_qian):
    user = _farmer_user("陆明华", "farmer_lu", "13800000027")
    return services.register_farmer(region=town, name="陆明华", id_number=synth.id_number("330182", "19700508", 21),
                                    bank_name="浙江农商银行", bank_card=synth.bank_card(2), members=3, user=user,
                                    actor=clerk_qian)


@pytest.fixture
def plots(town, clerk_qian, farmer_shen, farmer_lu):
    """沈建国: P1 grain 5 亩, P2 seasonal abandonment 5 亩, P3 non-agricultural 5 亩; 陆明华: P4 grain, registered
    6 亩 though it measures about 5 (an area mismatch)."""
    def plot(code, column, farmer, registered="5.00"):
        return services.register_plot(code=code, region=town, village="一村", contractor=farmer,
                                      boundary=rectangle(column), registered_area_mu=registered, actor=clerk_qian)

    made = {"P1": plot("P1", 0, farmer_shen), "P2": plot("P2", 1, farmer_shen), "P3": plot("P3", 2, farmer_shen),
            "P4": plot("P4", 3, farmer_lu, registered="6.00")}
    services.record_survey(region=town, name="2026 年第一季度", taken_on=dt.date(2026, 4, 1),
                           rows=[(2, "P1", "grain"), (3, "P2", "seasonal"), (4, "P3", "non_agri"), (5, "P4", "grain")],
                           actor=clerk_qian)
    return made


@pytest.fixture
def arable_round(county, clerk_qian, plots):
    return services.open_round(region=county, subsidy_type="arable_protection", year=2026,
                               opens_on=dt.date(2026, 6, 1), closes_on=dt.date(2026, 6, 30), actor=clerk_qian)
