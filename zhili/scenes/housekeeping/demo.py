"""Demo data of the 浙里好家政 scene in 临海市 (the seed's pilot, outside the core demo's 建德市, so the core demo's
counts stay its own): a clerk, an agency administrator, a worker and a customer (logins printed by ``bin/up``), an
agency with workers in green, yellow and red, their codes computed."""

import datetime as dt
import hashlib
import random

from zhili.core.scenes.api import register_demo

CLERK_USERNAME = "housekeeping_clerk"
AGENCY_USERNAME = "housekeeping_agency"
WORKER_USERNAME = "housekeeping_worker"
CUSTOMER_USERNAME = "housekeeping_customer"
AGENCY_USCC_SERIAL = 3201
COUNTY_CODE = "331082"  # 临海市
CENTRE = (28.8585, 121.1449)


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str | None = None, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    if role:
        add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def load(report) -> list[str]:
    """Create (once) the 商务局's clerk, an agency with five workers (one of them a demo login) and a customer."""
    from django.conf import settings
    from django.utils import timezone

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code, register_department

    from . import services, synth
    from .choices import BackgroundCheck
    from .models import Agency, Customer, Worker
    from .roles import AGENCY_ADMIN, CLERK, CUSTOMER, WORKER

    county = region_by_code(COUNTY_CODE)
    department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name="商务局", region=county)
                  .first() or register_department(name="商务局", region=county, actor=None))
    clerk = _person(CLERK_USERNAME, "商务局家政监管员", CLERK, organization=department, region=county)
    admin = _person(AGENCY_USERNAME, "安心家政管理员")
    worker_user = _person(WORKER_USERNAME, "王秀英")
    customer_user = _person(CUSTOMER_USERNAME, "陈明")
    today = timezone.localdate()
    agency = Agency.objects.filter(organization__uscc=synth.uscc(AGENCY_USCC_SERIAL)).first()
    if agency is None:
        agency = services.register_agency(
            region=county, name="临海市安心家政服务有限公司", uscc=synth.uscc(AGENCY_USCC_SERIAL),
            licence_number="JD-JZ-2026-001", services=["cleaning", "maternity", "eldercare"], area="古城街道、大洋街道",
            admins=[admin], actor=clerk)
        rng = random.Random(32)
        plans = [("王秀英", worker_user, {}), ("李桂兰", None, {}),
                 ("张玉梅", None, {"health_certificate_expires": today - dt.timedelta(days=10)}),
                 ("刘丽芳", None, {"insurance_expires": None}),
                 ("赵红霞", None, {"background_check": BackgroundCheck.ABNORMAL})]
        for serial, (name, user, change) in enumerate(plans, start=1):
            spec = synth.worker_spec(rng, serial, today, centre=CENTRE, spread_km=5, red_share=0, yellow_share=0)
            worker = services.register_worker(
                agency=agency, name=name, id_number=spec.id_number, phone=spec.phone, skills=spec.skills,
                languages=spec.languages, hourly_price=spec.hourly_price, latitude=spec.latitude,
                longitude=spec.longitude, certificates=spec.certificates, years_of_service=spec.years_of_service,
                health_certificate_expires=change.get("health_certificate_expires", spec.health_certificate_expires),
                insurance_expires=change.get("insurance_expires", spec.insurance_expires), user=user, actor=admin)
            services.record_checks(worker, background_check=change.get("background_check", BackgroundCheck.CLEAR),
                                   actor=clerk)
        services.recompute_codes(today, actor=clerk)
    if not Customer.objects.filter(user=customer_user).exists():
        services.register_customer(user=customer_user, region=county, name="陈明", phone=_phone(CUSTOMER_USERNAME),
                                   address="临海市古城街道赤城路 100 号", latitude=28.8560, longitude=121.1400,
                                   actor=customer_user)
    for role, user in ((CLERK, clerk), (AGENCY_ADMIN, admin), (WORKER, worker_user), (CUSTOMER, customer_user)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "浙里好家政"))
    return [f"浙里好家政：{Agency.objects.count()} 家机构，{Worker.objects.count()} 名家政服务员"]


register_demo("housekeeping", load)
