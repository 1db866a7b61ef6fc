"""Demo data of the 劳务派遣监管 scene: an officer, the demo agency's 填报员 and the demo employer administrator
(special working hours) with logins printed by ``bin/up``; a dozen agencies with rosters and
planted breaches, last year's reports (some verified), host checks run for last month, one pending
working-hours application."""

import datetime as dt
import hashlib

from zhili.core.scenes.api import register_demo

OFFICER_USERNAME = "dispatch_officer"
AGENCY_USERNAME = "dispatch_agency"
EMPLOYER_USERNAME = "dispatch_employer"
LABEL = "demo:dispatch_watch"


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def _person(username: str, name: str, role: str, *, organization=None, region=None):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             actor=None)
    if not user.memberships.filter(role=role, organization=organization, is_active=True).exists():
        add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _report_data(agency, year, rng, problem: bool) -> dict:
    from .services.reports import roster_figures

    roster = roster_figures(agency, year)
    total = roster["workers"]
    aux = total - total // 4
    return {"revenue": total * 9000 + 200000, "audit_attached": not problem, "dispatched_total": total,
            "temporary_count": total // 8, "auxiliary_count": aux - total // 8, "substitute_count": total - aux,
            "contracts_signed": total, "union_members": total // 2, "wages_paid": total * 62000,
            "insured_count": total - (1 if problem and total else 0), "insurance_paid": total * 14000,
            "hosts_count": roster["hosts"], "agreements_count": roster["hosts"], "branches_count": agency.branches}


COUNTY = "500107"
TOWNS = ("杨家坪街道", "谢家湾街道", "石坪桥街道", "石桥铺街道", "二郎街道", "华岩镇", "含谷镇", "白市驿镇", "西彭镇")


def _regions() -> None:
    """九龙坡区 (the seed's district) and its towns; the towns' 12-digit codes here are synthetic."""
    from zhili.core.orgs.api import import_regions

    rows = [(1, {"code": "500000", "name": "重庆市", "level": "province", "parent_code": ""}),
            (2, {"code": "500100", "name": "重庆市市辖区", "level": "city", "parent_code": "500000"}),
            (3, {"code": COUNTY, "name": "九龙坡区", "level": "county", "parent_code": "500100"})]
    rows += [(4 + i, {"code": f"{COUNTY}{i + 1:03d}000", "name": town, "level": "town", "parent_code": COUNTY})
             for i, town in enumerate(TOWNS)]
    import_regions(rows, source="dispatch_watch demo (九龙坡区; town codes synthetic)")


def load(report) -> list[str]:
    """Create the scene's demo data once in 九龙坡区 (outside the core demo's 建德市); a second load changes nothing."""
    import random

    from django.conf import settings
    from django.utils import timezone

    from zhili.core.cases.api import AssignmentRule
    from zhili.core.identity.api import Role, role_label
    from zhili.core.orgs.api import Organization, OrganizationKind, Region, register_department, register_enterprise

    from . import services
    from .models import Agency, AnnualReport, SpecialHoursApproval
    from .roles import AGENCY, OFFICER
    from .services.checks import run_host_checks
    from .synth import synthesize_county, uscc
    from .workflows import CASE_TYPES

    _regions()
    county = Region.objects.get(code=COUNTY)
    towns = list(Region.objects.filter(parent=county).order_by("code"))
    bureau = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name="九龙坡区人力资源和社会保障局").first()
              or register_department(name="九龙坡区人力资源和社会保障局", region=county, actor=None))
    agency_org = (Organization.objects.filter(uscc=uscc(COUNTY, 9001)).first()
                  or register_enterprise(name="重庆九龙人力资源服务有限公司", uscc=uscc(COUNTY, 9001), region=towns[0],
                                         is_dispatch_agency=True, address="九龙坡区杨家坪街道西郊路1号", actor=None))
    employer_org = (Organization.objects.filter(uscc=uscc(COUNTY, 9002)).first()
                    or register_enterprise(name="重庆西彭铝业物流有限公司", uscc=uscc(COUNTY, 9002), region=towns[-1],
                                           actor=None))
    officer = _person(OFFICER_USERNAME, "冯晓军", OFFICER, organization=bureau, region=county)
    clerk = _person(AGENCY_USERNAME, "许丽萍", AGENCY, organization=agency_org)
    employer = _person(EMPLOYER_USERNAME, "邓建平", Role.EMPLOYER_ADMIN, organization=employer_org)
    for role, user in ((OFFICER, officer), (AGENCY, clerk), (Role.EMPLOYER_ADMIN, employer)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "劳务派遣监管"))
    if Agency.objects.filter(organization=agency_org).exists():
        return ["劳务派遣监管演示数据：已存在，未重复创建"]

    today = timezone.localdate()
    rng = random.Random(26)
    for case_type in CASE_TYPES:
        AssignmentRule.objects.get_or_create(case_type=case_type.code, region=county,
                                             defaults={"organization": bureau})
    own = services.register_agency(name=agency_org.name, uscc=agency_org.uscc, region=towns[0],
                                   licence_no=f"{COUNTY}{today.year - 2}0001",
                                   licence_issued_on=dt.date(today.year - 2, 3, 15), registered_capital="5000000",
                                   premises=agency_org.address, branches=1, actor=LABEL)
    synth = synthesize_county(county=county, towns=towns, agencies=11, hosts=24, workers_per_agency=9, day=today,
                              seed=26, share_violating=0.35, actor=LABEL, first_licence=2)
    last_year = today.year - 1
    for index, agency in enumerate(Agency.objects.exclude(pk=own.pk).order_by("licence_no")):
        if agency.licence_issued_on.year > last_year:
            continue
        problem = index % 4 == 1
        filed = services.submit_report(agency, year=last_year, data=_report_data(agency, last_year, rng, problem),
                                       submitted_on=dt.date(today.year, 3, 20) if today.month > 3 else today,
                                       actor=LABEL)
        if index % 2 == 0 or problem:
            services.verify_report(filed, verdict=filed.suggested, reasons="演示：按系统建议" if problem else "",
                                   actor=officer)
    services.publish_results(last_year, region=county, actor=officer)
    run = run_host_checks(today.replace(day=1) - dt.timedelta(days=1), actor=LABEL)
    if last_year >= 2025:
        services.grade_agencies(last_year, region=county, actor=officer)
    services.request_licence_change(own, new_premises="九龙坡区谢家湾街道华润路6号", explanation="经营场所搬迁",
                                    actor=clerk)
    decided = services.apply_special_hours(
        employer_org, kind="flexible", posts="高级管理人员、长途运输押运员", workers=6, period_start=today,
        period_end=today.replace(year=today.year + 1) - dt.timedelta(days=1),
        arrangement="不定时工作制，采用轮休调休保障休息", actor=employer)
    services.decide_special_hours(decided, approve=True, note="符合不定时工作制适用岗位", actor=officer)
    services.apply_special_hours(employer_org, kind="comprehensive", cycle="month", posts="物流驾驶员、装卸工", workers=18,
                                 period_start=today, period_end=today.replace(year=today.year + 1) - dt.timedelta(days=1),
                                 arrangement="以月为周期综合计算工时，月平均工作时间不超过法定标准，每周至少休息一日", actor=employer)
    return [f"劳务派遣监管演示数据（九龙坡区）：{Agency.objects.count()} 家派遣单位、{synth.workers} 名被派遣劳动者、"
            f"{synth.hosts} 家用工单位（植入违规 {len(synth.planted)} 家），{AnnualReport.objects.count()} 份年度报告，"
            f"用工单位核查 {run.period}；特殊工时申请 {SpecialHoursApproval.objects.count()} 件（1 件已批准并盖章）；"
            f"{last_year} 年度信用等级已评价；1 件许可变更申请待审核"]


register_demo("dispatch_watch", load)
