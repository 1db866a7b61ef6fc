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
    if SuspectedCase.objects.exists():
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
                              "已上门，本人表示暂不申请", wishes_to_apply=consent, name="示例对象" if consent else "",
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
    return [f"智慧助残：数据池 {synth.records} 条记录，主动发现疑似残疾 {found['new']} 人（工单 {found['cases']} 件），"
            f"演示办结 {len(done)} 件；{month:%Y-%m} 两项补贴 {run.recipients} 人 {run.total} 元（待复核）"]


register_demo("disability_aid", load)
