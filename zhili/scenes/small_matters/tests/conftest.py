"""Personas of the 关键小事 scene: 钱敏 a benefit clerk of 建德市, 孙涛 one of 淳安县, 马骏 发改委's officer, and
周晓梅 who lost her job at a textile mill (the first person of the demo's day of data)."""

import datetime as dt

import pytest

from zhili.core.testing.api import MembershipFactory, RegionFactory, UserFactory, personas

from ..demo import id_number
from ..roles import CITIZEN, CLERK, OFFICER, POLICE, VET

DAY = dt.date(2026, 3, 20)


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def clerk_qian(county):
    from zhili.core.orgs.api import register_department

    register_department(name="人力资源和社会保障局", region=county, actor=None)
    return personas.department_user(role=CLERK, name="钱敏", username="clerk_qian", region=county,
                                    phone="13800000021")


@pytest.fixture
def clerk_sun(db):
    chun_an = RegionFactory(code="330127", name="淳安县")
    return personas.department_user(role=CLERK, name="孙涛", username="clerk_sun", region=chun_an,
                                    phone="13800000022")


@pytest.fixture
def officer_ma(county):
    return personas.department_user(role=OFFICER, name="马骏", username="officer_ma", region=county,
                                    phone="13800000024")


@pytest.fixture
def citizen_zhou(db):
    user = UserFactory(name="周晓梅", username="citizen_zhou", phone="13800000023", id_number=id_number(1))
    MembershipFactory(user=user, role=CITIZEN)
    return user


@pytest.fixture
def day_data(county, tmp_path):
    """The demo's day of 人社局 data (eight people, stops on 2026-02-28) ingested through core.datapool."""
    from zhili.core.datapool.api import ingest_file

    from ..demo import write_day

    for code, path in write_day(tmp_path, DAY, county.code).items():
        assert ingest_file(code, path, actor="test").status == "succeeded"
    return DAY


@pytest.fixture
def detected(day_data, clerk_qian, citizen_zhou):
    from .. import services

    return services.detect_unemployment_benefits(on=day_data, actor=clerk_qian)


def claim_named(name: str):
    """The claim of the person called ``name`` (names are encrypted at rest, so found by reading them)."""
    from ..models import BenefitClaim

    return next(c for c in BenefitClaim.objects.all() if c.name == name)


@pytest.fixture
def catalogue(officer_ma):
    from .. import services

    return services.load_catalogue(actor=officer_ma)


@pytest.fixture
def police_lin(county):
    from zhili.core.orgs.api import register_department

    register_department(name="公安局", region=county, actor=None)
    return personas.department_user(role=POLICE, name="林峰", username="police_lin", region=county,
                                    phone="13800000025")


@pytest.fixture
def vet_he(county):
    return personas.department_user(role=VET, name="何静", username="vet_he", region=county, phone="13800000026")


@pytest.fixture
def vet_elsewhere(db):
    return personas.department_user(role=VET, name="许诺", username="vet_xu",
                                    region=RegionFactory(code="330122", name="桐庐县"), phone="13800000027")


@pytest.fixture
def bureau_police(county):
    """The 公安局 of the county (owner of residence and dog matters) and its case handler 蒋伟."""
    from zhili.core.identity.api import Role
    from zhili.core.orgs.api import register_department

    bureau = register_department(name="公安局", region=county, actor=None)
    handler = UserFactory(name="蒋伟", username="handler_jiang", phone="13800000028")
    MembershipFactory(user=handler, role=Role.OFFICER, organization=bureau, region=county)
    return bureau, handler


@pytest.fixture
def experience_wang(county):
    from ..roles import EXPERIENCE

    user = UserFactory(name="汪丽", username="experience_wang", phone="13800000029")
    MembershipFactory(user=user, role=EXPERIENCE, region=county)
    return user


def jpeg(size=(600, 800), colour=(200, 180, 160)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()
