"""Demo data of the 安薪在线 scene (logins printed by ``bin/up``).

桐庐县 (outside the core demo's 建德市, so the core demo's counts stay its own): the housing officer registers
富春江畔安置房一期 with 桐庐富春建设集团有限公司 as general contractor and a wood-work subcontractor; twelve workers on the roster, last month's attendance imported from a device file, the
sheet issued and answered (one dispute, one unanswered), the bank file made and its return reconciled with one
failure waiting for a retry. Logins: a general contractor's labour manager, a subcontractor's team lead, a worker,
a housing-construction officer and an HR-bureau officer.
"""

import datetime as dt
import hashlib
from decimal import Decimal

from zhili.core.foundation.api import uscc_check_character
from zhili.core.scenes.api import register_demo

COUNTY_CODE = "330122"  # 桐庐县
PERMIT = "330122DEMO0001"
GC_NAME = "桐庐富春建设集团有限公司"
BUILDER_NAME = "桐庐县城市发展投资有限公司"
SUB_NAME = "桐庐江南建筑劳务有限公司"
ENTERPRISES = [(GC_NAME, "吴建平"), (BUILDER_NAME, "何国华"), (SUB_NAME, "俞志军")]
HRSS_BUREAU = "桐庐县人力资源和社会保障局"
HOUSING_BUREAU = "桐庐县住房和城乡建设局"
LOGINS = [
    # username, name, role key
    ("wage_guard_gc", "刘强", "contractor"),
    ("wage_guard_lead", "陈刚", "lead"),
    ("wage_guard_worker", "张建华", "worker"),
    ("wage_guard_housing", "周建", "housing"),
    ("wage_guard_hrss", "钱敏", "hrss"),
]
WORKERS = [
    ("张建华", "19850312", "钢筋工", "380"), ("李国庆", "19791001", "钢筋工", "360"), ("王小兵", "19900704", "木工", "340"),
    ("赵春来", "19820215", "木工", "340"), ("孙立新", "19770520", "普工", "260"), ("周红梅", "19880808", "普工", "260"),
    ("吴志强", "19930111", "瓦工", "320"), ("郑海涛", "19860923", "瓦工", "320"), ("冯德胜", "19750630", "架子工", "350"),
    ("陈永福", "19810417", "架子工", "350"), ("褚明亮", "19950228", "电工", "360"), ("卫小龙", "19970905", "普工", "250"),
]


def _check_digit(first17: str) -> str:
    """The GB 11643 check character of an ID number's first 17 digits."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def _id_number(birth: str, sequence: int) -> str:
    first17 = f"{COUNTY_CODE}{birth}{sequence:03d}"
    return first17 + _check_digit(first17)


def _uscc(sequence: int) -> str:
    """A well-formed unified social credit code (GB 32100) of 桐庐县; the organisation part is synthetic."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    tail, n = "", 7_654_321 + sequence * 1_000_003
    for _ in range(9):
        tail, n = alphabet[n % 31] + tail, n // 31
    first17 = f"91{COUNTY_CODE}{tail}"
    return first17 + uscc_check_character(first17)


def _phone(key: str) -> str:
    return "137" + f"{int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _card(index: int) -> str:
    return f"62284800{index:011d}"


def _user(username: str, name: str, password: str):
    from zhili.core.identity.api import User, create_person

    return User.objects.filter(username=username).first() or create_person(
        name=name, username=username, password=password, phone=_phone(username), actor=None)


def _month_before(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def load(report) -> list[str]:
    """Create (once) the scene's people, project, roster, attendance, a wage sheet and its payment."""
    from django.conf import settings
    from django.utils import timezone

    from zhili.core.cases.api import AssignmentRule
    from zhili.core.identity.api import Role, add_membership, role_label
    from zhili.core.orgs.api import Organization, region_by_code, register_department, register_enterprise

    from . import services
    from .models import Project
    from .roles import CONTRACTOR, HOUSING, HRSS, TEAM_LEAD
    from .workflows import CASE_TYPES

    password = settings.DEMO_PASSWORD
    county = region_by_code(COUNTY_CODE)
    orgs = {o.name: o for o in Organization.objects.filter(region=county, name__in=[
        GC_NAME, BUILDER_NAME, SUB_NAME, HRSS_BUREAU, HOUSING_BUREAU])}
    for index, (name, legal) in enumerate(ENTERPRISES, start=1):
        if name not in orgs:
            orgs[name] = register_enterprise(name=name, uscc=_uscc(index), region=county, size="medium",
                                             legal_representative=legal, actor=None)
    hrss_bureau = orgs.get(HRSS_BUREAU) or register_department(name=HRSS_BUREAU, region=county, actor=None)
    housing_bureau = orgs.get(HOUSING_BUREAU) or register_department(name=HOUSING_BUREAU, region=county, actor=None)
    users = {key: _user(username, name, password) for username, name, key in LOGINS}
    add_membership(users["contractor"], role=CONTRACTOR, organization=orgs[GC_NAME], actor=None)
    add_membership(users["lead"], role=TEAM_LEAD, organization=orgs[SUB_NAME], actor=None)
    add_membership(users["housing"], role=HOUSING, organization=housing_bureau, region=county, actor=None)
    add_membership(users["hrss"], role=HRSS, organization=hrss_bureau, region=county, actor=None)
    for case_type in CASE_TYPES:
        if not AssignmentRule.objects.filter(case_type=case_type.code, region=county).exists():
            AssignmentRule.objects.create(case_type=case_type.code, region=county, organization=hrss_bureau,
                                          assignee=users["hrss"])
    roles = {"contractor": CONTRACTOR, "lead": TEAM_LEAD, "worker": Role.WORKER, "housing": HOUSING, "hrss": HRSS}
    for username, _name, key in LOGINS:
        report.logins.append((role_label(roles[key]), username, password, "安薪在线"))
    if Project.objects.filter(permit_number=PERMIT).exists():
        return [f"安薪在线：{Project.objects.count()} 个在建项目"]

    today = timezone.localdate()
    month = _month_before(today)
    start = _month_before(_month_before(month))
    gc, lead = users["contractor"], users["lead"]
    project = services.register_project(
        region=county, name="富春江畔安置房一期", permit_number=PERMIT, builder=orgs[BUILDER_NAME],
        general_contractor=orgs[GC_NAME], contract_sum="18600000", start_date=start,
        planned_finish=start + dt.timedelta(days=540), work_start=dt.time(6, 0), work_end=dt.time(19, 0),
        pay_day=15, address="桐庐县桐君街道富春路", latitude=Decimal("29.793500"), longitude=Decimal("119.691200"),
        geofence_m=500, labor_manager=gc, actor=users["housing"])
    sub = services.add_subcontract(project, contractor=orgs[SUB_NAME], scope="木结构修缮", contract_sum="2400000",
                                   actor=gc)
    team = services.add_team(project, name="木工一班", subcontract=sub, leader=lead, actor=gc)
    services.open_special_account(project, bank_name="中国农业银行桐庐支行", account_number="19135101040088886",
                                  opened_on=start + dt.timedelta(days=10), actor=gc)
    services.schedule_labor_cost(project, instalments=[(start + dt.timedelta(days=30 * i), "160000")
                                                       for i in range(1, 4)], actor=gc)
    services.record_labor_cost_payment(project, amount="160000", paid_on=start + dt.timedelta(days=30), actor=gc)
    services.record_labor_cost_payment(project, amount="160000", paid_on=start + dt.timedelta(days=62), actor=gc)
    services.lodge_deposit(project, form="guarantee", lodged_on=start, clean_years=2, bank_name="建设银行桐庐支行",
                           actor=gc)
    entries = []
    for index, (name, birth, trade, rate) in enumerate(WORKERS, start=1):
        username = "wage_guard_worker" if index == 1 else None
        person = users["worker"] if index == 1 else None
        entry = services.register_worker(
            project, team=team, name=person.name if person else name, id_number=_id_number(birth, 100 + index),
            phone="" if person else _phone(f"wg-worker-{index}"), badge=f"{index:03d}", trade=trade,
            daily_rate=rate, bank_name="农业银行", bank_card=_card(index), entered_on=start, actor=lead,
            # three workers (the demo worker among them) have no labour contract on record: flagged, and may ask
            contract_reference="" if index in (1, 6, 11) else f"LC{start:%Y%m}{index:04d}")
        entries.append((entry, username))
    lines = ["工号,姓名,打卡时间"]
    day = month
    while day.month == month.month:
        if day.weekday() < 6:
            for entry, _u in entries:
                if (int(entry.badge) + day.day) % 9 == 0:
                    continue  # a day off now and then
                lines.append(f"{entry.badge},{entry.worker.name},{day:%Y-%m-%d} 07:0{int(entry.badge) % 6}")
                lines.append(f"{entry.badge},{entry.worker.name},{day:%Y-%m-%d} 17:3{int(entry.badge) % 6}")
        day += dt.timedelta(days=1)
    services.import_attendance(project, source="\n".join(lines).encode(), file_name="考勤机导出.csv", actor=lead)
    sheet = services.build_wage_sheet(team, month, actor=lead, today=today)
    services.issue_wage_sheet(sheet, actor=lead, today=today)
    answered = list(sheet.lines.select_related("entry__worker").order_by("entry__badge"))
    for line in answered[1:10]:
        services.confirm_wage_line(line, actor=line.entry.worker)
    services.dispute_wage_line(answered[10], reason="本月加班两天未计入", claimed_net=str(answered[10].net + 720),
                               actor=answered[10].entry.worker)
    batch = services.create_payment_batch(sheet, actor=gc, today=today)
    head = f"H|{batch.number}|{batch.line_count}|{batch.total:.2f}|{today:%Y%m%d}"
    details = []
    for pay in batch.lines.select_related("wage_line__entry").order_by("serial"):
        ok = pay.serial != 3
        details.append(f"D|{pay.serial}|{pay.wage_line.entry.bank_card}|{pay.amount:.2f}|{'S' if ok else 'F'}|"
                       f"{'交易成功' if ok else '账户已冻结'}")
    services.reconcile_return_file(batch, content=("\n".join([head, *details]) + "\n").encode(), actor=gc)
    complainant = answered[11].entry.worker
    services.file_complaint(project, amount="1800", period_from=month, period_to=month, workers=1,
                            description="上月有 5 天工资未结清", actor=complainant)
    _department_signals(orgs, today)
    services.run_checks(today, evaluate=False)
    for organization in (orgs[GC_NAME], orgs[SUB_NAME]):
        services.rate_enterprise(organization, today.year - 1, actor=users["hrss"])
    return [f"安薪在线：{Project.objects.count()} 个在建项目，{len(entries)} 名工人，代发批次 {batch.number}"]


def _department_signals(orgs, today: dt.date) -> None:
    """The departments' feed (``wage_guard_dept_signals``) for the demo's enterprises: the subcontractor is behind
    on its electricity bill and has a pay lawsuit, the general contractor owes a small tax instalment. Invented
    figures, loaded through core.datapool like a real file."""
    import csv
    import tempfile
    from pathlib import Path

    from zhili.core.datapool.api import ingest_file

    rows = [("DEMO-WG-S1", orgs[SUB_NAME].uscc, today - dt.timedelta(days=40), "utility_arrears", "18650.00"),
            ("DEMO-WG-S2", orgs[SUB_NAME].uscc, today - dt.timedelta(days=75), "lawsuit", "96000.00"),
            ("DEMO-WG-S3", orgs[GC_NAME].uscc, today - dt.timedelta(days=20), "tax_arrears", "5200.00")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "wage_guard_dept_signals_demo.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["signal_id", "uscc", "signal_on", "kind", "amount"])
            writer.writerows([sid, uscc, day.isoformat(), kind, amount] for sid, uscc, day, kind, amount in rows)
        batch = ingest_file("wage_guard_dept_signals", path, actor="demo:wage_guard")
    if batch.status != "succeeded" or batch.rows_accepted != len(rows):
        raise RuntimeError(f"wage_guard_dept_signals demo batch {batch.pk}: {batch.status}")


register_demo("wage_guard", load)
