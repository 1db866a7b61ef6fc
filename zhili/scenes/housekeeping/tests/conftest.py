"""Personas of the 浙里好家政 scene: 钱敏 a 商务局 clerk of 建德市, 孙涛 a clerk of 淳安县, 周丽 who runs 安心家政,
吴军 who runs 好帮手家政, 王秀英 a housekeeper with a login, 陈明 a customer."""

import datetime as dt

import pytest
from django.utils import timezone

from zhili.core.testing.api import RegionFactory, UserFactory, personas
from zhili.scenes.housekeeping import services
from zhili.scenes.housekeeping.choices import BackgroundCheck
from zhili.scenes.housekeeping.roles import CLERK
from zhili.scenes.housekeeping.synth import id_number, uscc


@pytest.fixture
def county(db):
    return personas.county()


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
def admin_zhou(db):
    return UserFactory(name="周丽", username="admin_zhou", phone="13800000031")


@pytest.fixture
def admin_wu(db):
    return UserFactory(name="吴军", username="admin_wu", phone="13800000032")


@pytest.fixture
def anxin(county, clerk_qian, admin_zhou):
    return services.register_agency(region=county, name="安心家政", uscc=uscc(1), licence_number="JZ-001",
                                    services=["cleaning", "maternity"], admins=[admin_zhou], actor=clerk_qian)


@pytest.fixture
def haobangshou(county, clerk_qian, admin_wu):
    return services.register_agency(region=county, name="好帮手家政", uscc=uscc(2), licence_number="JZ-002",
                                    services=["cleaning"], admins=[admin_wu], actor=clerk_qian)


def make_worker(agency, actor, *, name="李桂兰", serial="001", health_days=180, insurance_days=180, user=None,
                background=BackgroundCheck.CLEAR, clerk=None, **extra):
    today = timezone.localdate()
    worker = services.register_worker(
        agency=agency, name=name, id_number=id_number(f"33018219800101{serial}"), phone="13900000" + serial,
        skills=extra.pop("skills", ["cleaning"]), hourly_price=extra.pop("hourly_price", "50"),
        latitude=extra.pop("latitude", 29.48), longitude=extra.pop("longitude", 119.28),
        health_certificate_expires=None if health_days is None else today + dt.timedelta(days=health_days),
        insurance_expires=None if insurance_days is None else today + dt.timedelta(days=insurance_days),
        user=user, actor=actor, **extra)
    if clerk is not None:
        worker = services.record_checks(worker, background_check=background, actor=clerk)
    return worker


@pytest.fixture
def wang_user(db):
    return UserFactory(name="王秀英", username="worker_wang", phone="13800000041", verified=True)


@pytest.fixture
def worker_wang(anxin, admin_zhou, clerk_qian, wang_user):
    return make_worker(anxin, admin_zhou, name="王秀英", serial="011", user=wang_user, clerk=clerk_qian)


@pytest.fixture
def customer_chen(county):
    user = UserFactory(name="陈明", username="customer_chen", phone="13800000051", verified=True)
    services.register_customer(user=user, region=county, name="陈明", phone="13800000051",
                               address="建德市新安江街道严州大道 100 号", latitude=29.479, longitude=119.287, actor=user)
    return user
