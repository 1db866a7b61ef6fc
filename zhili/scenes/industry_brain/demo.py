"""Demo data of the 童装产业大脑 scene in 湖州市吴兴区 (织里, outside the core demo's 建德市): an officer, firms of
every role around 织里, a brand, a factory, a supplier, a worker and a bank with their logins, orders dispatched,
a procurement round awarded, designs, jobs, six months of monitoring, credit profiles and a loan decided."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from zhili.core.scenes.api import register_demo

COUNTY = "330502"  # 湖州市吴兴区
DEPARTMENT = "湖州市吴兴区经济和信息化局"
LOGINS = {"officer": "ib_officer", "brand": "ib_brand", "factory": "ib_factory", "supplier": "ib_supplier",
          "worker": "ib_worker", "bank": "ib_bank"}
FIRMS = [  # name, role, specialities, grade, lines
    ("湖州织里小棉袄童装有限公司", "brand", [], "1", 0),
    ("湖州织里贝贝熊服饰有限公司", "brand", [], "2", 0),
    ("湖州织里童年工坊服饰有限公司", "brand", [], "2", 0),
    ("湖州织里星辰针织童装厂", "factory", ["knit"], "1", 6),
    ("湖州织里和美制衣厂", "factory", ["woven"], "2", 4),
    ("湖州织里金秋服装加工厂", "factory", ["knit", "woven"], "2", 5),
    ("湖州织里巧手绣花厂", "factory", ["embroidery"], "1", 2),
    ("湖州织里阳光制衣厂", "factory", ["knit"], "3", 3),
    ("湖州织里恒信服装厂", "factory", ["woven"], "1", 8),
    ("湖州织里小太阳童装加工厂", "factory", ["knit", "print"], "2", 4),
    ("湖州织里东方面料有限公司", "supplier", [], "2", 0),
    ("湖州织里锦程纺织有限公司", "supplier", [], "2", 0),
    ("湖州织里彩虹印花厂", "printer", ["print"], "2", 2),
]


def _uscc(n: int) -> str:
    from zhili.core.foundation.api import uscc_check_character

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    tail = ""
    for _ in range(9):
        tail, n = alphabet[n % 31] + tail, n // 31
    first17 = f"91{COUNTY}{tail}"
    return first17 + uscc_check_character(first17)


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _id_number(birth: str, sequence: int) -> str:
    """A well-formed resident ID number (GB 11643) of 吴兴区; the person is invented."""
    first17 = f"{COUNTY}{birth}{sequence:03d}"
    total = sum(int(digit) * weight for digit, weight in zip(first17, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8,
                                                                          4, 2), strict=True))
    return first17 + "10X98765432"[total % 11]


def _person(username: str, name: str, role: str, *, organization=None, region=None, id_number: str = ""):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             id_number=id_number, actor=None)
        add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _county():
    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv, region_by_code

    if region_by_code(COUNTY) is None:
        wanted = {"330000", "330500", COUNTY}
        import_regions([row for row in read_csv(ZHEJIANG_REGIONS_CSV) if row[1]["code"] in wanted],
                       source="industry_brain demo (吴兴区)")
    return region_by_code(COUNTY)


def load(report) -> list[str]:
    """Create (once) the scene's people and firms and walk every face once."""
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, register_department

    from .models import Firm
    from .roles import BANK, BRAND, FACTORY, OFFICER, SUPPLIER, WORKER

    county = _county()
    department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=DEPARTMENT, region=county).first()
                  or register_department(name=DEPARTMENT, region=county, actor=None))
    officer = _person(LOGINS["officer"], "沈建国", OFFICER, organization=department, region=county)
    if not Firm.objects.filter(region=county).exists():
        _walk(county, officer)
    users = {role: _person(LOGINS[key], "", role) for key, role in
             (("brand", BRAND), ("factory", FACTORY), ("supplier", SUPPLIER), ("worker", WORKER), ("bank", BANK))}
    for role, user in ((OFFICER, officer), *users.items()):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "童装产业大脑"))
    return [f"童装产业大脑：{Firm.objects.filter(region=county).count()} 家入驻企业（吴兴区）"]


def _walk(county, officer):
    from django.utils import timezone

    from zhili.core.identity.api import Role, add_membership
    from zhili.core.orgs.api import Organization, OrganizationKind, register_enterprise

    from . import credit, designs, procurement, services, workers
    from .roles import BANK, BRAND, FACTORY, SUPPLIER, WORKER
    from .synth import CENTRE, garment_picture

    rng = random.Random(35)
    today = timezone.localdate()
    firms = []
    for n, (name, role, specialities, grade, lines) in enumerate(FIRMS, start=1):
        organization = register_enterprise(name=name, uscc=_uscc(35_000 + n), region=county,
                                           address=f"湖州市吴兴区织里镇{n}号", actor=None)
        firms.append(services.register_firm(
            organization=organization, region=county, role=role, specialities=specialities, grade=grade,
            lines=lines, machines=lines * 18, skilled_workers=lines * 16, monthly_capacity=lines * 7000,
            lon=CENTRE[0] + rng.uniform(-0.08, 0.08), lat=CENTRE[1] + rng.uniform(-0.06, 0.06), actor=officer))
    brand, factory, supplier = firms[0], firms[3], firms[10]
    brand_user = _person(LOGINS["brand"], "陈丽华", BRAND, organization=brand.organization)
    factory_user = _person(LOGINS["factory"], "王国强", FACTORY, organization=factory.organization)
    # the same person keeps the factory's labour contracts (labor_contract acts for an employer's administrator)
    add_membership(factory_user, role=Role.EMPLOYER_ADMIN, organization=factory.organization, actor=None)
    supplier_user = _person(LOGINS["supplier"], "李明", SUPPLIER, organization=supplier.organization)
    others = {f.pk: _person(f"ib_firm_{f.pk}", f"{f.name[4:8]}负责人", {"brand": BRAND, "factory": FACTORY}.get(
        f.role, SUPPLIER), organization=f.organization) for f in firms if f not in (brand, factory, supplier)}
    people = {brand.pk: brand_user, factory.pk: factory_user, supplier.pk: supplier_user, **others}

    styles = [("女童针织连衣裙", "knit", 3000), ("男童梭织衬衫", "woven", 2500), ("婴童印花连体衣", "print", 1500),
              ("女童绣花外套", "embroidery", 800), ("儿童针织卫衣", "knit", 5000)]
    for i, (style, speciality, quantity) in enumerate(styles):
        owner = firms[i % 3]
        services.post_order(brand=owner, style=style, speciality=speciality, quantity=quantity, unit_price="12.50",
                            grade="3", start_date=today, due_date=today + dt.timedelta(days=21 + 7 * i),
                            actor=people[owner.pk])
    services.dispatch_orders(region=county, actor=officer)
    for part in factory.parts.all()[:1]:
        services.respond_part(part, accept=True, actor=factory_user)
        services.report_progress(part, made=part.quantity // 3, checked=part.quantity // 3,
                                 passed=part.quantity // 3, actor=factory_user)

    for owner, quantity, price in ((firms[0], 1200, "18.60"), (firms[1], 800, "19.20"), (firms[2], 600, "18.90")):
        procurement.post_need(firm=owner, material="精梳棉汗布 180g", colour="粉色", quantity=quantity,
                              needed_by=today + dt.timedelta(days=20), own_unit_price=price, actor=people[owner.pk])
    batch = procurement.pool_needs(region=county, actor=officer)[0]
    procurement.submit_quote(batch, supplier=supplier, unit_price="17.70", actor=supplier_user)
    procurement.submit_quote(batch, supplier=firms[11], unit_price="17.95", actor=people[firms[11].pk])
    procurement.award_batch(batch, actor=officer)
    procurement.post_need(firm=firms[1], material="全棉府绸 40支", colour="白色", quantity=500,
                          needed_by=today + dt.timedelta(days=25), own_unit_price="12.80", actor=people[firms[1].pk])

    designs.add_design(owner=brand, title="小熊刺绣圆领卫衣纸样", sizes="90/100/110/120/130", tags="卫衣,刺绣,秋冬",
                       licence="paid", fee="800", private=False, file_name="bear.png",
                       content=garment_picture("tee"), actor=brand_user)
    designs.add_design(owner=brand, title="2027 春夏新款（未发布）", sizes="100/110/120", tags="连衣裙,春夏",
                       licence="exclusive", fee="5000", private=True, file_name="draft.png",
                       content=garment_picture("dress", stripes=2), actor=brand_user)
    designs.add_design(owner=firms[2], title="条纹圆领T恤（扫描件）", sizes="100/110/120", tags="T恤,春夏",
                       licence="paid", fee="300", private=False, file_name="tee-scan.jpg",
                       content=garment_picture("tee", width=480, height=600, fmt="JPEG", quality=70,
                                               colour=(120, 180, 230), stripes=1), actor=people[firms[2].pk])
    designs.add_design(owner=firms[1], title="基础款梭织短裤", sizes="90/100/110", tags="短裤,基础款", licence="free",
                       private=False, file_name="shorts.svg", content=b'<svg xmlns="http://www.w3.org/2000/svg"/>',
                       actor=people[firms[1].pk])

    worker = _person(LOGINS["worker"], "张秀英", WORKER, id_number=_id_number("19920314", 42))
    workers.save_profile(user=worker, region=county, skills=["knit", "woven"], piece_rate="1.20",
                         available_from=today, available_to=today + dt.timedelta(days=120), actor=worker)
    job = workers.post_job(factory=factory, title="针织平车工（旺季）", skill="knit", piece_rate="1.50",
                           starts=today + dt.timedelta(days=7), ends=today + dt.timedelta(days=90), openings=5,
                           actor=factory_user)
    # a second worker applies and is taken on: labor_contract drafts the contract (core event) for the factory
    seamstress = _person("ib_worker_li", "李春梅", WORKER, id_number=_id_number("19880921", 57))
    applied = workers.propose_match(profile=workers.save_profile(
        user=seamstress, region=county, skills=["knit"], piece_rate="1.40", available_from=today,
        available_to=today + dt.timedelta(days=150), actor=seamstress), job=job, by_worker=True, actor=seamstress)
    workers.answer_match(applied, accept=True, actor=factory_user)
    workers.post_job(factory=firms[4], title="梭织锁边工", skill="woven", piece_rate="1.30",
                     starts=today + dt.timedelta(days=10), ends=today + dt.timedelta(days=60), openings=3,
                     actor=people[firms[4].pk])

    _monthly_file(firms, today, rng, officer)
    credit.compute_profiles(region=county, actor=officer)

    bank, _created = Organization.objects.get_or_create(
        uscc=_uscc(99_001), defaults={"kind": OrganizationKind.BANK, "name": "湖州银行织里支行", "region": county})
    banker = _person(LOGINS["bank"], "吴敏", BANK, organization=bank)
    loan = credit.apply_loan(firm=brand, bank=bank, amount="50", actor=brand_user)
    credit.read_credit(loan, actor=banker)
    credit.decide_loan(loan, approve=True, note="信用等级良好，依订单与交付记录给予信用贷款", actor=banker)
    credit.apply_loan(firm=factory, bank=bank, amount="30", actor=factory_user)


def _monthly_file(firms, today, rng, officer):
    """Six months of the 经信局's monthly file and the power company's for every firm, loaded through core.datapool
    like real ones (one line of the first deliberately bad, refused by its line number), taken onto the firms'
    monthly reports and evaluated. One factory stopped reporting three months ago and another's power use fell
    to 900 kWh a month for the last two: both are warned, whatever day the demo is loaded on."""
    import csv
    import tempfile
    from pathlib import Path

    from zhili.core.datapool.api import ingest_file

    from .monitoring import MONTHLY, POWER, evaluate, take_monthly

    stopped, slowed = firms[8].organization.uscc, firms[7].organization.uscc
    monthly, power = [], []
    for firm in firms:
        month_end = today.replace(day=1) - dt.timedelta(days=1)
        for back in range(1, 7):
            uscc = firm.organization.uscc
            if not (uscc == stopped and back <= 3):  # silent for three months: none in any 60-day window
                output = int(firm.monthly_capacity * rng.uniform(0.55, 0.95)) if firm.monthly_capacity else 0
                energy = 900 if uscc == slowed and back <= 2 else int(output * 0.6) + rng.randint(5000, 8000)
                monthly.append([f"JX-{uscc}-{month_end:%Y%m}", uscc, month_end.isoformat(), output, rng.randint(2, 12)])
                power.append([f"DL-{uscc}-{month_end:%Y%m}", uscc, month_end.isoformat(), energy])
            month_end = month_end.replace(day=1) - dt.timedelta(days=1)
    monthly.append(["JX-BAD-1", firms[0].organization.uscc, "2026-13-31", "一万", 1])  # refused by its line
    with tempfile.TemporaryDirectory() as folder:
        for code, header, rows, bad in ((MONTHLY, ["record_id", "uscc", "recorded_on", "output_pieces", "orders"],
                                         monthly, 1),
                                        (POWER, ["record_id", "uscc", "recorded_on", "energy_kwh"], power, 0)):
            path = Path(folder) / f"{code}_demo.csv"
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
            batch = ingest_file(code, path, actor="demo:industry_brain")
            if batch.status != "succeeded" or batch.rows_rejected != bad:
                raise RuntimeError(f"{code} demo batch {batch.pk}: {batch.status}, {batch.rows_rejected} refused")
    take_monthly(actor="demo:industry_brain")
    evaluate(actor=officer, region=firms[0].region, period_end=today)


register_demo("industry_brain", load)
