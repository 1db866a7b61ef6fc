"""Demo 助共体: 三门县's 10 towns and 287 villages (synthetic codes), a synthetic county of 3,000 persons run
through discovery and matching, the helps' owners, and one login per role:

- citizen_li (李秀英, a household of 小湘村 that may apply), officer_chen (海游街道救助服务站: visits, recognises),
- mingzheng_zhou (县民政局: warnings, cockpit), volunteer_xu (三门湾公益谷: claims 微心愿).
Runs once: when the demo household exists, nothing is added.
"""

import datetime as dt
import tempfile
from pathlib import Path

from zhili.core.scenes.api import register_demo

from .roles import APPLICANT, VOLUNTEER

COUNTY = "331022"
PERSONS = 3000
STAFF = (  # username, name, role, organisation, region code, phone
    ("officer_chen", "陈敏", "officer", "海游街道社会救助服务站", "331022001000", "13900000031"),
    ("mingzheng_zhou", "周建国", "officer", "县民政局", COUNTY, "13900000033"),
)


def _regions() -> None:
    from zhili.core.orgs.api import import_regions

    from .synth import TOWNS, village_codes

    rows, line = [], 1
    for index, town in enumerate(TOWNS, start=1):
        rows.append((line, {"code": f"{COUNTY}{index:03d}000", "name": town, "level": "town", "parent_code": COUNTY}))
        line += 1
    for code in village_codes():
        town = TOWNS[int(code[6:9]) - 1]
        rows.append((line, {"code": code, "name": f"{town}第{int(code[9:]):d}村（示例）", "level": "village",
                            "parent_code": code[:9] + "000"}))
        line += 1
    import_regions(rows, source="relief_match demo (synthetic town and village codes)")


def load(report) -> list[str]:

    from zhili.core.cases.api import AssignmentRule
    from zhili.core.datapool.api import snapshot_from_csv
    from zhili.core.identity.api import User, add_membership, create_person, verify_real_name
    from zhili.core.orgs.api import Organization, OrganizationKind, Region, register_department
    from zhili.core.policy.api import get_domain

    from .engine import run_county
    from .facts import DATASET_CODES
    from .models import ReliefHousehold
    from .services import record_county_run
    from .synth import generate
    from .workflows import WARNING_CASE_TYPE

    if ReliefHousehold.objects.filter(key="H0000002").exists():
        return ["助共体演示数据：已存在，未重复创建"]
    password = report.logins[0][2] if report.logins else "Zhili-demo-2026"
    _regions()
    county = Region.objects.get(code=COUNTY)
    owners = {}
    for policy in get_domain("relief_match").policies.values():
        if policy.owner not in owners:
            kind = OrganizationKind.DEPARTMENT if policy.owner_kind == "department" else OrganizationKind.OTHER
            owners[policy.owner] = (Organization.objects.filter(name=policy.owner, region=county).first()
                                    or register_department(name=policy.owner, region=county, kind=kind, actor=None))
    town = Region.objects.get(code="331022001000")
    station = (Organization.objects.filter(name="海游街道社会救助服务站").first()
               or register_department(name="海游街道社会救助服务站", region=town, actor=None))
    users = {}
    for username, name, role, organisation, region_code, phone in STAFF:
        user = User.objects.filter(username=username).first() or create_person(
            name=name, username=username, password=password, phone=phone, actor=None)
        organization = station if organisation == station.name else owners[organisation]
        add_membership(user, role=role, organization=organization, region=Region.objects.get(code=region_code),
                       actor=None)
        users[username] = user
        report.logins.append(("助共体 · 部门工作人员", username, password, f"{name} · {organization.name}"))
    if not AssignmentRule.objects.filter(case_type=WARNING_CASE_TYPE, region=county).exists():
        AssignmentRule.objects.create(case_type=WARNING_CASE_TYPE, region=county, organization=station,
                                      assignee=users["officer_chen"])
    volunteer = User.objects.filter(username="volunteer_xu").first() or create_person(
        name="徐晓东", username="volunteer_xu", password=password, phone="13900000034", actor=None)
    add_membership(volunteer, role=VOLUNTEER, organization=owners["三门湾公益谷"], actor=None)
    report.logins.append(("助共体 · 社会组织志愿者", "volunteer_xu", password, "徐晓东 · 三门湾公益谷"))
    citizen = User.objects.filter(username="citizen_li").first() or create_person(
        name="李秀英", username="citizen_li", password=password, phone="13900000032",
        id_number="331022197204020044", actor=None)
    if not citizen.is_verified:
        verify_real_name(citizen, name="李秀英", id_number="331022197204020044")
    add_membership(citizen, role=APPLICANT, actor=None)
    report.logins.append(("助共体 · 困难群众", "citizen_li", password, "李秀英 · 小湘村（示例）"))

    on = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="zhili-demo-relief-") as folder:
        summary = generate(Path(folder), persons=PERSONS, on=on, seed=20260102)
        for code in DATASET_CODES:
            snapshot_from_csv(code, Path(folder) / f"{code}.csv")
    run = run_county(get_domain("relief_match"), on)
    recorded = record_county_run(run, actor=None)
    household = ReliefHousehold.objects.filter(key="H0000002").first()
    if household is None:
        village = Region.objects.get(code="331022001001")
        household = ReliefHousehold.objects.create(key="H0000002", region=village)
    household.user, household.head_name = citizen, "李秀英"
    household.save(update_fields=["user", "head_name", "updated_at"])
    return [f"助共体演示数据：{summary['persons']} 人 {summary['households']} 户 {summary['records']} 条部门数据，"
            f"主动发现预警 {recorded['warnings']} 条（工单 {recorded['cases']} 件）"]


register_demo("relief_match", load)
