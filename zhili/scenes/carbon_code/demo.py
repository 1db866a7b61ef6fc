"""Demo data of the 碳效码 scene: 60 enterprises of 长兴县 (the seed's county) with a year of energy and value added (a few rows
flawed on purpose), the year and its last month evaluated; an officer and an enterprise's administrator (logins
printed by ``bin/up``)."""

import hashlib
import tempfile
from pathlib import Path

from zhili.core.scenes.api import register_demo

COUNTY_CODE = "330522"  # 长兴县, the seed's county (the core demo lives in 建德市)

OFFICER_USERNAME = "carbon_officer"
BANK_USERNAME = "carbon_bank"
ENTERPRISE_USERNAME = "carbon_firm"
DEMO_YEAR = 2025
DEMO_FIRMS = 60


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import Membership, User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    if not Membership.objects.filter(user=user, role=role, organization=organization).exists():
        add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def load_data(county, *, count: int = DEMO_FIRMS, year: int = DEMO_YEAR, seed: int = 30):
    """Register ``count`` synthetic enterprises under ``county``'s towns and ingest their year into the data pool."""
    from zhili.core.datapool.api import ingest_file
    from zhili.core.orgs.api import Industry, Organization, Region, register_enterprise

    from . import synth

    towns = list(Region.objects.filter(parent=county).order_by("code")) or [county]
    by_code = {t.code: t for t in towns}
    found = synth.firms(count, [t.code for t in towns], seed=seed)
    industries = {i.code: i for i in Industry.objects.filter(code__in=synth.PROFILES)}
    existing = set(Organization.objects.filter(uscc__in=[f.uscc for f in found]).values_list("uscc", flat=True))
    for firm in found:
        if firm.uscc not in existing:
            register_enterprise(name=firm.name, uscc=firm.uscc, region=by_code[firm.region_code],
                                industry=industries.get(firm.industry), actor=None)
    data = synth.generate(found, year, seed=seed)
    with tempfile.TemporaryDirectory() as folder:
        energy, va = Path(folder) / "carbon_code_energy.csv", Path(folder) / "carbon_code_value_added.csv"
        synth.write_csv(data, energy, va)
        ingest_file("carbon_code_energy", energy, actor="demo:carbon_code")
        ingest_file("carbon_code_value_added", va, actor="demo:carbon_code")
    return data


def load(report) -> list[str]:
    """Create (once) the officer, the enterprises and their data, evaluate the year and its last month."""
    from django.conf import settings

    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, region_by_code, register_department

    from . import services
    from .models import CarbonResult, Evaluation
    from .roles import BANK, ENTERPRISE, OFFICER

    county = region_by_code(COUNTY_CODE)
    department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name="长兴县经济和信息化局",
                                               region=county).first()
                  or register_department(name="长兴县经济和信息化局", region=county, actor=None))
    officer = _person(OFFICER_USERNAME, "周明", OFFICER, organization=department, region=county)
    _route_rectification(county, department, officer)
    first_load = not Evaluation.objects.filter(period=str(DEMO_YEAR)).exists()
    if first_load:
        data = load_data(county)
        services.evaluate_period(str(DEMO_YEAR), actor=officer)
        for month in range(1, 13):
            services.evaluate_period(f"{DEMO_YEAR}-{month:02d}", actor=officer)
        clean = next(f for f in data.firms if not f.planted)
        firm = Organization.objects.get(uscc=clean.uscc)
    else:
        firm = (CarbonResult.objects.filter(period=str(DEMO_YEAR)).exclude(grade="")
                .order_by("enterprise__uscc").first().enterprise)
    owner = _person(ENTERPRISE_USERNAME, "沈洁", ENTERPRISE, organization=firm)
    banker = _bank(county, officer)
    from . import effects

    if first_load:  # a second load_demo adds nothing: no new batch, no new evaluation
        effects.publish_effects(str(DEMO_YEAR), actor="demo:carbon_code")
    for role, user in ((OFFICER, officer), (ENTERPRISE, owner), (BANK, banker)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "碳效码"))
    graded = CarbonResult.objects.filter(period=str(DEMO_YEAR)).exclude(grade="").count()
    return [f"碳效码：{DEMO_YEAR} 年 {graded} 家企业已评价"]


def _route_rectification(county, department, officer) -> None:
    """碳效整改 cases of the county go to its 经信局, the officer supervising (registered once, as a platform
    administrator would on core.cases' page)."""
    from zhili.core.cases.api import AssignmentRule

    AssignmentRule.objects.get_or_create(case_type="carbon_code.rectification", region=county,
                                         defaults={"organization": department, "supervisor": officer})


def _bank(county, officer):
    """A bank (registered here: core.orgs has no bank registration service yet), its account manager, a preferential
    and a transition product, and one approved loan to a grade 1–2 enterprise."""
    from zhili.core.orgs.api import Organization, OrganizationKind

    from . import loans, synth
    from .models import CarbonResult, LoanProduct
    from .roles import BANK, ENTERPRISE

    bank, _created = Organization.objects.get_or_create(
        uscc=synth.make_uscc("330522", 9_000_001),
        defaults={"kind": OrganizationKind.BANK, "name": "农业银行长兴支行", "region": county})
    banker = _person(BANK_USERNAME, "何静", BANK, organization=bank)
    if not LoanProduct.objects.filter(bank=bank).exists():
        green = loans.publish_product(name="绿色工业碳效贷", min_grade=1, max_grade=2, max_amount="1000",
                                      annual_rate="3.15", actor=banker)
        loans.publish_product(name="低碳转型贷", min_grade=4, max_grade=5, max_amount="500", annual_rate="3.85",
                              actor=banker)
        best = (CarbonResult.objects.filter(period=str(DEMO_YEAR), grade="1").order_by("enterprise__uscc")
                .select_related("enterprise").first())
        if best:
            owner = _person("carbon_firm_best", "钱立", ENTERPRISE, organization=best.enterprise)
            application = loans.apply_loan(green, enterprise=best.enterprise, amount="800", actor=owner)
            loans.decide_loan(application, approve=True, actor=banker, amount="800", note="碳效 1 级，执行优惠利率")
    return banker


register_demo("carbon_code", load)
