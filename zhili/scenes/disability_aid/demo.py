"""Demo data of the 智慧助残 scene: the county federation's clerk and a town's disability worker (logins printed by
``bin/up``), a designated hospital, a small synthetic county in the data pool, one night's detection and one case
taken through visit, application, assessment and certificate."""

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

from zhili.core.scenes.api import register_demo

from .synth import COUNTY, TOWNS

CLERK_USERNAME = "disability_aid_clerk"
WORKER_USERNAME = "disability_aid_worker"
APPROVER_USERNAME = "disability_aid_approver"
CLERK2_USERNAME = "disability_aid_clerk2"
PREVENTION_USERNAME = "disability_aid_prevention"
PERSON_USERNAME = "disability_aid_person"
PERSON_NAME = "叶秀英"
PERSON_LOGIN = ("残疾人（本人）", PERSON_USERNAME)
PERSON_NOTE = "智慧助残 · 我的助残档案（/disability_aid/me/）"
EMPLOYERS = [  # (name, town suffix, staff last year, average wage, welfare enterprise)
    ("浙江亚格电子科技有限公司", "001", 180, 82000, False),
    ("江山市福康包装有限公司", "002", 64, 61000, True),
    ("江山市城南汽车配件厂", "003", 26, 58000, False),
]
TOWN_CODE = f"{COUNTY}001000"  # 双塔街道
PERSONS, RECORDS = 4000, 12000
DEMO_ID_SEQUENCE = 517


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _id_number(person) -> str:
    from zhili.core.foundation.api import validate_id_number

    first17 = f"{COUNTY}{person.birth_date:%Y%m%d}{DEMO_ID_SEQUENCE if person.gender == 'M' else DEMO_ID_SEQUENCE + 1}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    number = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
    validate_id_number(number)
    return number


def _towns() -> None:
    """江山市's towns under the county (synthetic codes; the platform's code list stops at counties)."""
    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv, region_by_code

    if region_by_code(COUNTY) is None:  # the province, the city and the county from the platform's code list
        wanted = {"330000", COUNTY[:4] + "00", COUNTY}
        import_regions([row for row in read_csv(ZHEJIANG_REGIONS_CSV) if row[1]["code"] in wanted],
                       source="disability_aid demo (江山市)")
    rows = [(line, {"code": f"{COUNTY}{suffix}000", "name": name, "level": "town", "parent_code": COUNTY})
            for line, (suffix, name) in enumerate(TOWNS.items(), start=1)]
    import_regions(rows, source="disability_aid demo (江山市's towns, synthetic codes)")


def load(report) -> list[str]:
    """Create (once) the federation, its clerk, a worker, a hospital, the pool's data and a night's detection."""
    from django.conf import settings
    from django.utils import timezone

    from zhili.core.cases.api import AssignmentRule
    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code, register_department

    from . import services
    from .choices import SuspectStatus
    from .models import SuspectedCase
    from .roles import APPROVER, CLERK, WORKER
    from .synth import load as load_pool
    from .synth import synthesize
    from .workflows import SUSPECT_CASE_TYPE

    _towns()
    county, town = region_by_code(COUNTY), region_by_code(TOWN_CODE)
    federation = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name="江山市残疾人联合会",
                                              region=county).first()
                  or register_department(name="江山市残疾人联合会", region=county, actor=None))
    clerk = _person(CLERK_USERNAME, "方慧敏", CLERK, organization=federation, region=county)
    worker = _person(WORKER_USERNAME, "叶春燕", WORKER, organization=federation, region=town)
    approver = _person(APPROVER_USERNAME, "周建华", APPROVER, organization=federation, region=county)
    for role, user, note in ((CLERK, clerk, "江山市残联"), (WORKER, worker, "双塔街道残疾人专职委员"),
                             (APPROVER, approver, "江山市残联（补贴复核）")):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, f"智慧助残 · {note}"))
    _prevention_desk(report, county)
    from zhili.core.identity.api import User

    if SuspectedCase.objects.exists():
        if User.objects.filter(username=PERSON_USERNAME).exists():
            report.logins.append(PERSON_LOGIN + (settings.DEMO_PASSWORD, PERSON_NOTE))
        return [f"智慧助残：{SuspectedCase.objects.count()} 条疑似残疾线索（已存在，未重复创建）"]
    hospital_org = (Organization.objects.filter(kind=OrganizationKind.MEDICAL, name="江山市人民医院").first()
                    or register_department(name="江山市人民医院", region=county, kind=OrganizationKind.MEDICAL,
                                           actor=None))
    services.register_hospital(organization=hospital_org, region=county, categories="1234567", daily_capacity=8,
                               actor=clerk)
    if not AssignmentRule.objects.filter(case_type=SUSPECT_CASE_TYPE, region=county).exists():
        # a village without its own disability worker: the federation receives the case and assigns it
        AssignmentRule.objects.create(case_type=SUSPECT_CASE_TYPE, region=county, organization=federation,
                                      assignee=clerk)
    today = timezone.localdate()
    with tempfile.TemporaryDirectory(prefix="zhili-demo-disability-") as folder:
        synth = synthesize(Path(folder), persons=PERSONS, records=RECORDS, certificates=150, on=today, seed=2026,
                           towns=("001", "002", "003"))
        load_pool(synth, actor="demo:disability_aid")
    found = services.run_detection(today, actor=clerk)
    mine = (SuspectedCase.objects.filter(person__region=town, worker=worker, status=SuspectStatus.DETECTED)
            .order_by("id"))
    done = []
    for suspect, consent in zip(mine[:2], (True, False), strict=False):
        person = suspect.person
        services.record_visit(suspect, actor=worker, notes="已上门，本人右下肢截肢，行走需拐杖" if consent else
                              "已上门，本人表示暂不申请", wishes_to_apply=consent, name=PERSON_NAME if consent else "",
                              id_number=_id_number(person) if consent else "", observed_category="4")
        if consent:
            application = services.prepare_application(suspect, actor=worker, category="4",
                                                       today=today - dt.timedelta(days=30))
            application = services.record_assessment(application, actor=clerk, disabled=True, category="4",
                                                     grade="3", assessed_on=application.appointment_on,
                                                     assessor="示例医师")
            services.issue_certificate(application, actor=clerk,
                                       issued_on=application.appointment_on + dt.timedelta(days=2))
        done.append(suspect.pk)
    month = today.replace(day=1)
    run = services.prepare_payment_run(month, actor=clerk)
    services.approve_payment_run(run, actor=_person(CLERK2_USERNAME, "毛丽", CLERK, organization=federation,
                                                      region=county))
    work = _employment(report, county, federation, clerk, worker, done, today)
    prevention = _prevention(report, county, clerk, today)
    return [f"智慧助残：数据池 {synth.records} 条记录，主动发现疑似残疾 {found['new']} 人（工单 {found['cases']} 件），"
            f"演示办结 {len(done)} 件；{month:%Y-%m} 两项补贴 {run.recipients} 人 {run.total} 元（待复核）",
            f"智慧助残：{work}；{prevention}"]


def _uscc(sequence: int) -> str:
    from zhili.core.foundation.api import uscc_check_character

    alphabet, tail, n = "0123456789ABCDEFGHJKLMNPQRTUWXY", "", sequence
    for _ in range(9):
        tail = alphabet[n % 31] + tail
        n //= 31
    return f"91{COUNTY}{tail}" + uscc_check_character(f"91{COUNTY}{tail}")


def _employment(report, county, federation, clerk, worker, done, today) -> str:
    """Three employers with last year's staff from 人社, vacancies, a course, the certified demo person as a
    consenting job seeker (and a citizen login for their own page), two employees counted, the year's review."""
    import csv
    from decimal import Decimal

    from django.conf import settings

    from zhili.core.datapool.api import ingest_file
    from zhili.core.identity.api import User, create_person, verify_real_name
    from zhili.core.orgs.api import Organization, region_by_code, register_enterprise

    from . import services
    from .models import Person, SuspectedCase

    employers = []
    for index, (name, suffix, _staff, _wage, _welfare) in enumerate(EMPLOYERS):
        uscc = _uscc(28_000_001 + index)
        employers.append(Organization.objects.filter(uscc=uscc).first() or register_enterprise(
            name=name, uscc=uscc, region=region_by_code(f"{COUNTY}{suffix}000"), actor=None))
    year = today.year - 1
    with tempfile.TemporaryDirectory(prefix="zhili-demo-disability-staff-") as folder:
        path = Path(folder) / "staff.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["uscc", "year", "staff", "average_wage"])
            writer.writerows([o.uscc, year, staff, wage] for o, (_n, _s, staff, wage, _w) in zip(
                employers, EMPLOYERS, strict=True))
        ingest_file("da_employer_staff", path, actor="demo:disability_aid", check_permission=False)
    holders = list(Person.objects.filter(region__code__startswith=COUNTY).exclude(entitlements=None)
                   .order_by("key")[:2])
    for person in holders:  # already at work last year: the review counts them
        services.record_employment(person, actor=clerk, employer=employers[1].name, form="concentrated",
                                   since=dt.date(year, 1, 1), organization=employers[1])
    town = region_by_code(TOWN_CODE)
    shop = services.post_job(actor=clerk, organization=employers[0], title="电商客服", region=town,
                             latitude=Decimal("28.745000"), longitude=Decimal("118.626000"), positions=2,
                             monthly_wage=Decimal("3000"), categories="14", grades="234", skills="电子商务、客服",
                             accessible=True)
    services.post_job(actor=clerk, organization=employers[1], title="包装工", region=employers[1].region,
                      latitude=Decimal("28.700000"), longitude=Decimal("118.600000"), positions=5,
                      monthly_wage=Decimal("2600"), categories="2345", welfare_enterprise=True, accessible=True)
    services.create_course(actor=clerk, title="电商客服技能培训班", provider="江山市残疾人职业技能培训基地",
                           skill="客服", region=town, starts_on=today + dt.timedelta(days=14),
                           ends_on=today + dt.timedelta(days=44), capacity=20)
    certified = SuspectedCase.objects.filter(pk__in=done, status="certified").select_related("person").first()
    seekers = 0
    if certified is not None:
        person = certified.person
        services.register_seeker(person, actor=worker, consent=True, skills="电子商务",
                                 wishes="电商、客服类工作，离家近", full_time=True, max_distance_km=10)
        seekers = 1
        citizen = User.objects.filter(username=PERSON_USERNAME).first()
        if citizen is None:
            citizen = create_person(name=PERSON_NAME, username=PERSON_USERNAME, password=settings.DEMO_PASSWORD,
                                    phone=_phone(PERSON_USERNAME), actor=None)
            verify_real_name(citizen, name=PERSON_NAME, id_number=person.id_number, actor=None)
        report.logins.append(PERSON_LOGIN + (settings.DEMO_PASSWORD, PERSON_NOTE))
    reviewed = services.review_quotas(year, actor=clerk)
    return (f"岗位 2 个（{shop.title} 等），求职登记 {seekers} 人，培训班 1 个；{year} 年按比例就业年审 "
            f"{reviewed['reviewed']} 家，应缴保障金 {reviewed['fund_due']} 元")


def _prevention_desk(report, county):
    """The departments' prevention contact (人社局) and the assignment rules of the two case types (once)."""
    from django.conf import settings

    from zhili.core.cases.api import AssignmentRule
    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, register_department

    from .roles import PREVENTION
    from .workflows import PREVENTION_TRAFFIC_CASE_TYPE, PREVENTION_WORK_CASE_TYPE

    def department(name):
        return (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=name, region=county).first()
                or register_department(name=name, region=county, actor=None))

    hr, police = department("江山市人力资源和社会保障局"), department("江山市公安局交通警察大队")
    contact = _person(PREVENTION_USERNAME, "吴卫东", PREVENTION, organization=hr, region=county)
    report.logins.append((role_label(PREVENTION), contact.username, settings.DEMO_PASSWORD,
                          "智慧助残 · 江山市人社局（工伤致残事故）"))
    for case_type, organization, assignee in ((PREVENTION_WORK_CASE_TYPE, hr, contact),
                                              (PREVENTION_TRAFFIC_CASE_TYPE, police, None)):
        if not AssignmentRule.objects.filter(case_type=case_type, region=county).exists():
            AssignmentRule.objects.create(case_type=case_type, region=county, organization=organization,
                                          assignee=assignee)


def _prevention(report, county, clerk, today) -> str:
    """The first push: every disabling accident assessed so far."""
    from . import services

    pushed = services.push_injuries(today, actor=clerk)
    return f"致残事故推送 {pushed['records']} 条、工单 {pushed['cases']} 件"


register_demo("disability_aid", load)
