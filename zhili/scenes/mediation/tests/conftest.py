"""Personas of the 云调解室 scene, in 建德市: 张伟 a worker, 李娜 the HR administrator of his employer, the
county's mediation committee with its administrator 周静 and mediators 陈明 and 林芳; 孙涛, a mediator of
淳安县, and 赵强, an outsider."""

import datetime as dt

import pytest

from zhili.core.identity.api import Role
from zhili.core.testing.api import (
    EnterpriseFactory,
    MembershipFactory,
    RegionFactory,
    UserFactory,
    make_id_number,
    make_uscc,
    personas,
)

from .. import services
from ..choices import Channel, Side
from ..roles import ADMIN


@pytest.fixture
def county(db):
    return personas.county()


@pytest.fixture
def committee(county):
    from zhili.core.orgs.api import Organization, OrganizationKind

    return Organization.objects.create(kind=OrganizationKind.MEDIATION_ORG, name="建德市劳动人事争议调解委员会",
                                       region=county)


def _member(role, committee, region, **fields):
    user = UserFactory(verified=True, **fields)
    MembershipFactory(user=user, role=role, organization=committee, region=region)
    return user


@pytest.fixture
def admin_zhou(committee, county):
    return _member(ADMIN, committee, county, name="周静", username="admin_zhou", phone="13800000031")


@pytest.fixture
def mediator_chen(committee, county, admin_zhou):
    user = _member(Role.MEDIATOR, committee, county, name="陈明", username="mediator_chen", phone="13800000032")
    services.save_mediator_profile(user, organization=committee, region=county, actor=admin_zhou)
    return user


@pytest.fixture
def mediator_lin(committee, county, admin_zhou, mediator_chen):
    user = _member(Role.MEDIATOR, committee, county, name="林芳", username="mediator_lin", phone="13800000033")
    services.save_mediator_profile(user, organization=committee, region=county, actor=admin_zhou,
                                   dispute_types=["wages", "severance", "double_wages"])
    return user


@pytest.fixture
def mediator_sun(db, admin_zhou):
    from zhili.core.orgs.api import Organization, OrganizationKind

    chun_an = RegionFactory(code="330127", name="淳安县")
    other = Organization.objects.create(kind=OrganizationKind.MEDIATION_ORG, name="淳安县劳动人事争议调解委员会",
                                        region=chun_an)
    user = _member(Role.MEDIATOR, other, chun_an, name="孙涛", username="mediator_sun", phone="13800000034")
    from ..models import MediatorProfile

    MediatorProfile.objects.create(user=user, organization=other, region=chun_an)
    return user


@pytest.fixture
def enterprise(county):
    return EnterpriseFactory(region=county, name="建德宏达建材有限公司", uscc=make_uscc(sequence=77))


@pytest.fixture
def worker_zhang(db):
    user = personas.worker()
    user.verification_method, user.verified_at = "sms_id_match", dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    user.save()
    return user


@pytest.fixture
def hr_li(enterprise):
    user = personas.employer_admin(enterprise)
    user.id_number = make_id_number(birth="19880101", sequence=2)
    user.verification_method, user.verified_at = "sms_id_match", dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    user.save()
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(name="赵强", username="outsider_zhao", phone="13800000039")


def application(**overrides):
    values = {
        "channel": Channel.WORKER, "applicant_side": Side.WORKER, "worker_name": "张伟", "worker_phone": "13800000001",
        "employer_name": "建德宏达建材有限公司", "employer_uscc": make_uscc(sequence=77),
        "employer_phone": "13800000002", "dispute_type": "wages",
        "facts": "2026年9月至10月工资共计12,000元未发放，多次催要未果。",
        "claims": [{"kind": "wages", "amount": "12000"}, {"kind": "severance", "amount": "6000.50"}],
    }
    values.update(overrides)
    return values


@pytest.fixture
def applied(worker_zhang, enterprise, hr_li, mediator_chen, county):
    """张伟 applies online against his employer; 陈明 is assigned automatically."""
    return services.apply_for_mediation(region=county, actor=worker_zhang, **application())


@pytest.fixture
def mediating(applied, hr_li):
    return services.respond_to_invitation(applied, accept=True, actor=hr_li)


@pytest.fixture
def dictating_page(browser, live_server, page_errors):
    """A desktop page whose microphone plays a real Mandarin recording (Chromium's fake capture device reading
    tests/data/fleurs_cmn_1883.wav in a loop), with the microphone permission granted. Its own Chromium: the
    capture file is a launch flag."""
    import os
    from pathlib import Path

    clip = Path(__file__).parent / "data" / "fleurs_cmn_1883.wav"
    instance = browser.browser_type.launch(
        executable_path=os.environ.get("ZHILI_CHROMIUM", "/usr/bin/chromium"), headless=True,
        args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
              f"--use-file-for-fake-audio-capture={clip}"])
    context = instance.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.grant_permissions(["microphone"])
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    yield page
    context.close()
    instance.close()
