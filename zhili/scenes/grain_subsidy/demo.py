"""Demo data of the 浙农补 scene in 平湖市 (the seed's county, outside the core demo's 建德市, so the core demo's
counts stay as they are): a clerk, two approvers and a farmer (logins printed by ``bin/up``); 40 households with
120 plots in two towns, a survey, this year's 耕地地力保护补贴 round pre-verified, claims audited and paid through
one payment file — and the demo farmer's own plots still waiting for their confirmation.

The core code list holds 平湖市 but not its towns; the demo adds the nine towns and streets by name with 12-digit
codes in the GB/T 2260 extension's pattern (001– streets, 101– towns). The names are Pinghu's; the codes were not
checked against the statistical code list, and an official import later overwrites them by code."""

import datetime as dt
import hashlib

from zhili.core.scenes.api import register_demo

CLERK_USERNAME = "grain_subsidy_clerk"
APPROVER_USERNAMES = ("grain_subsidy_approver", "grain_subsidy_approver2")
FARMER_USERNAME = "grain_subsidy_farmer"
COUNTY_CODE = "330482"  # 平湖市
TOWNS = (("330482001000", "当湖街道"), ("330482002000", "钟埭街道"), ("330482003000", "曹桥街道"),
         ("330482101000", "乍浦镇"), ("330482102000", "新埭镇"), ("330482103000", "新仓镇"),
         ("330482104000", "独山港镇"), ("330482105000", "广陈镇"), ("330482106000", "林埭镇"))
TOWN_CODES = ("330482102000", "330482105000")  # 新埭镇, 广陈镇: the plain's grain towns
PINGHU = (120.98, 30.76)
HOUSEHOLDS, PLOTS = 40, 120


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


def _build(county, clerk, approvers, farmer_user) -> None:
    from django.utils import timezone

    from zhili.core.orgs.api import region_by_code

    from . import services, synth
    from .choices import SubsidyType
    from .models import Farmer

    towns = [region_by_code(code) for code in TOWN_CODES]
    households = []
    for index, spec in enumerate(synth.farmers(HOUSEHOLDS, region_code=COUNTY_CODE, seed=7)):
        households.append(services.register_farmer(
            region=towns[index % 2], name=spec.name, id_number=spec.id_number, bank_name="浙江农商银行",
            bank_card=spec.bank_card, members=spec.members, user=farmer_user if index == 0 else None, actor=clerk))
    farmer_plots = synth.plots(PLOTS, farmers_count=HOUSEHOLDS, towns=2, seed=7, per_row=12, base=PINGHU,
                                prefix="DM")
    rows = []
    for line, spec in enumerate(farmer_plots, start=2):
        if spec.farmer_index == 0:
            spec.land_use = ("grain", "seasonal", "non_agri")[len([r for r in rows if r[3] == 0]) % 3]
        plot = services.register_plot(code=spec.code, region=towns[spec.town_index], village=spec.village,
                                      contractor=households[spec.farmer_index], boundary=spec.boundary,
                                      registered_area_mu=spec.registered_area_mu, grain_zone=spec.grain_zone,
                                      actor=clerk)
        rows.append((line, plot.code, spec.land_use, spec.farmer_index))
    today = timezone.localdate()
    services.record_survey(region=county, name=f"{today.year} 年第二季度航拍监测", taken_on=today - dt.timedelta(days=60),
                           rows=[r[:3] for r in rows], source="demo", actor=clerk)
    round_ = services.open_round(region=county, subsidy_type=SubsidyType.ARABLE_PROTECTION, year=today.year,
                                 opens_on=today - dt.timedelta(days=20), closes_on=today + dt.timedelta(days=60),
                                 actor=clerk)
    services.pre_verify_round(round_, actor=clerk)
    for household in households[1:31]:
        household.user = _person(f"grain_demo_farmer_{household.pk}", household.name, "grain_subsidy_farmer")
        Farmer.objects.filter(pk=household.pk).update(user=household.user)
        if household.pre_verifications.filter(status="offered").exists():
            services.claim_plots(round_, actor=household.user)
    services.audit_round(round_, actor=clerk)
    payment_file = services.make_payment_file(round_, actor=clerk)
    services.approve_payment_file(payment_file, actor=approvers[0])
    services.approve_payment_file(payment_file, actor=approvers[1])
    services.issue_rectifications(round_, actor=clerk)
    _storage_returns(rows, today)


DEPOTS = (("PH01", "平湖市粮食收储有限公司新埭库", 30000, 24000, 22500, 60, 60),
          ("PH02", "平湖市粮食收储有限公司广陈库", 20000, 19600, 15000, 40, 31),
          ("PH03", "平湖市乍浦粮食储备库", 15000, 9000, 12000, 20, 21))


def _storage_returns(rows, today) -> None:
    """The grain bureau's storage returns of three depots (one near full, one below its seed reserve, one far below
    its grain reserve) and the grain sold into storage from the demo's grain plots (one plot over any real yield)."""
    import csv
    import tempfile
    from pathlib import Path

    from zhili.core.datapool.api import ingest_file

    with tempfile.TemporaryDirectory() as folder:
        storage = Path(folder) / "storage.csv"
        with storage.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["report_id", "depot_code", "depot_name", "reported_on", "capacity_t", "stock_t",
                             "reserve_t", "seed_stock_t", "seed_reserve_t"])
            for code, name, capacity, stock, reserve, seed, seed_plan in DEPOTS:
                writer.writerow([f"{code}-{today:%Y%m}", code, name, (today - dt.timedelta(days=5)).isoformat(),
                                 capacity, stock, reserve, seed_plan if seed == 60 else seed, seed_plan])
        sales = Path(folder) / "sales.csv"
        with sales.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["receipt_id", "depot_code", "plot_code", "sold_on", "crop", "weight_kg"])
            for line, code, use, _farmer in rows:
                if use == "grain":
                    kg = 6000 if line == 2 else 420 + line % 7 * 10  # per plot; the first one far too much
                    writer.writerow([f"RK{today.year}{line:05d}", DEPOTS[line % 2][0], code,
                                     (today - dt.timedelta(days=15)).isoformat(), "稻谷", kg])
        ingest_file("grain_subsidy_storage", storage, actor="demo:grain_subsidy")
        ingest_file("grain_subsidy_sales", sales, actor="demo:grain_subsidy")


def load(report) -> list[str]:
    """Create (once) the scene's department, its people, plots, a round and a paid payment file."""
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import (
        Organization,
        OrganizationKind,
        import_regions,
        region_by_code,
        register_department,
    )

    from .models import Plot, PreVerifiedPlot
    from .roles import APPROVER, CLERK, FARMER

    county = region_by_code(COUNTY_CODE)
    if county is None:
        return ["浙农补：缺少平湖市区划，未加载"]
    missing = [(code, name) for code, name in TOWNS if region_by_code(code) is None]
    if missing:
        import_regions([(line, {"code": code, "name": name, "level": "town", "parent_code": COUNTY_CODE})
                        for line, (code, name) in enumerate(missing, start=1)], source="grain_subsidy demo")
    department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name="农业农村局", region=county)
                  .first() or register_department(name="农业农村局", region=county, actor=None))
    clerk = _person(CLERK_USERNAME, "浙农补经办员", CLERK, organization=department, region=county)
    approvers = [_person(username, name, APPROVER, organization=department, region=county)
                 for username, name in zip(APPROVER_USERNAMES, ("资金初审员", "资金复审员"), strict=True)]
    farmer_user = _person(FARMER_USERNAME, "种粮农户", FARMER)
    if not Plot.objects.filter(code__startswith="DM").exists():
        _build(county, clerk, approvers, farmer_user)
    for role, user in ((CLERK, clerk), (APPROVER, approvers[0]), (APPROVER, approvers[1]), (FARMER, farmer_user)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "浙农补"))
    return [f"浙农补：{Plot.objects.count()} 个地块，{PreVerifiedPlot.objects.filter(status='paid').count()} 个已发放"]


register_demo("grain_subsidy", load)
