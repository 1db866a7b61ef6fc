"""Demo data of the 关键小事 scene: the 50 matters, a benefit clerk, 发改委's officer and a citizen (logins printed
by ``bin/up``), and a day of 人社局 data from which the unemployment benefit is found for eight people."""

import datetime as dt
import hashlib
import tempfile
from pathlib import Path

from zhili.core.scenes.api import COUNTY_CODE, register_demo

COUNTY = "330127"  # 淳安县: the core demo's people live in 建德市; this scene's offices serve another county
CLERK_USERNAME = "small_matters_clerk"
OFFICER_USERNAME = "small_matters_officer"
POLICE_USERNAME = "small_matters_police"
VET_USERNAME = "small_matters_vet"
CITIZEN_USERNAME = "small_matters_citizen"
EXPERIENCE_USERNAME = "small_matters_experience"
CITIZEN_NAME = "周晓梅"
EMPLOYER = ("91330182MA2DEMO01X", "建德市新安江纺织有限公司")

# (name, months contributed, separation reason, registered?, re-employed?, unused months) — the citizen first.
PEOPLE = [
    (CITIZEN_NAME, 74, "contract_expired", True, False, 0),
    ("陈国强", 130, "employer_terminated", True, False, 0),
    ("李娜", 30, "mutual_by_employer", True, False, 4),
    ("王建军", 8, "employer_terminated", True, False, 0),
    ("赵敏", 40, "voluntary", True, False, 0),
    ("孙立", 60, "contract_expired", False, False, 0),
    ("吴海燕", 90, "dismissed", True, True, 0),
    ("郑涛", 15, "employer_fault", True, False, 0),
]


def _phone(username: str) -> str:
    return "139" + f"{int(hashlib.sha256(username.encode()).hexdigest(), 16) % 10 ** 8:08d}"


def id_number(index: int, birth: str = "19880512") -> str:
    """A valid demo ID number of 建德市 (GB 11643 check digit)."""
    first17 = f"{COUNTY_CODE}{birth}{index:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def _person(username: str, name: str, role: str, *, organization=None, region=None, id_no: str = ""):
    from django.conf import settings

    from zhili.core.identity.api import User, add_membership, create_person

    user = User.objects.filter(username=username).first()
    if user is None:
        user = create_person(name=name, username=username, password=settings.DEMO_PASSWORD, phone=_phone(username),
                             id_number=id_no, actor=None)
    add_membership(user, role=role, organization=organization, region=region, actor=None)
    return user


def _department(name: str, county):
    from zhili.core.orgs.api import Organization, OrganizationKind, register_department

    return (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=name, region=county).first()
            or register_department(name=name, region=county, actor=None))


def write_day(folder: Path, today: dt.date, region_code: str = COUNTY) -> dict[str, Path]:
    """The datasets' CSV files for ``PEOPLE`` insured in ``region_code``, stops 20 days before ``today``, and the
    landlord's and employer's residence reports on the citizen."""
    from zhili.core.foundation.api import pii

    stop = today - dt.timedelta(days=20)
    files = {code: folder / f"{code}.csv" for code in
             ("sm_insurance_stops", "sm_employment_records", "sm_unemployment_registrations")}
    stops = ["record_id,person_key,name,region_code,employer_uscc,employer_name,stop_date,contribution_months,"
             "unused_months"]
    jobs = ["record_id,person_key,employer_uscc,started_on,ended_on,separation_reason"]
    registrations = ["record_id,person_key,registered_on,seeking_work"]
    for index, (name, months, reason, registered, reemployed, unused) in enumerate(PEOPLE, start=1):
        key = pii.blind_index(id_number(index))
        stops.append(f"S{index:04d},{key},{name},{region_code},{EMPLOYER[0]},{EMPLOYER[1]},{stop},{months},{unused}")
        jobs.append(f"E{index:04d}a,{key},{EMPLOYER[0]},{stop - dt.timedelta(days=months * 30)},{stop},{reason}")
        if reemployed:
            jobs.append(f"E{index:04d}b,{key},91330182MA2DEMO02Y,{stop + dt.timedelta(days=10)},,")
        if registered:
            registrations.append(f"R{index:04d},{key},{stop + dt.timedelta(days=5)},true")
    for code, lines in zip(files, (stops, jobs, registrations), strict=True):
        files[code].write_text("\n".join(lines) + "\n", encoding="utf-8")
    citizen = pii.blind_index(id_number(1))
    files["sm_residence_reports"] = folder / "sm_residence_reports.csv"
    files["sm_residence_reports"].write_text(
        "record_id,person_key,region_code,reporter_kind,reporter_name,address,employer_name,reported_on,moved_in_on\n"
        f"H0001,{citizen},{region_code},landlord,方建华,千岛湖镇新安东路88号3幢201室,,{stop - dt.timedelta(days=88)},"
        f"{stop - dt.timedelta(days=90)}\n"
        f"H0002,{citizen},{region_code},employer,{EMPLOYER[1]},,{EMPLOYER[1]},{stop - dt.timedelta(days=400)},"
        f"{stop - dt.timedelta(days=403)}\n", encoding="utf-8")
    return files


# The seed's province-wide daily figures (浙江省发改委): 821,000 visits and 38,600 handled a day, good ratings > 99 %.
SEED_VISITS, SEED_HANDLED = 821_000, 38_600


def write_statistics(path: Path, today: dt.date, codes: list[str], *, days: int = 30,
                     region_code: str = "330000") -> Path:
    """``days`` of the province's daily statistics per matter (``sm_service_statistics``) around the seed's
    figures: each matter a fixed share (the first matters of the catalogue weigh more), weekends lower, a rating
    for every fourth handled matter, about 99.4 % of them good. Deterministic."""
    import random

    rng = random.Random(29)
    weights = [1 / (1 + i) ** 0.8 for i in range(len(codes))]
    scale = sum(weights)
    lines = ["day,matter_code,region_code,visits,handled,ratings,good_ratings"]
    for back in range(days, 0, -1):
        day = today - dt.timedelta(days=back)
        factor = (0.55 if day.weekday() >= 5 else 1.12) * rng.uniform(0.94, 1.06)
        for code, weight in zip(codes, weights, strict=True):
            visits = round(SEED_VISITS * factor * weight / scale)
            handled = round(SEED_HANDLED * factor * weight / scale * rng.uniform(0.9, 1.1))
            ratings = handled // 4
            good = ratings - round(ratings * rng.uniform(0.002, 0.01))
            lines.append(f"{day},{code},{region_code},{visits},{handled},{ratings},{good}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(report) -> list[str]:
    """Create (once) the departments, the three logins, the catalogue and the day's benefit detection."""
    from django.conf import settings
    from django.utils import timezone

    from zhili.core.datapool.api import ingest_file
    from zhili.core.identity.api import role_label
    from zhili.core.orgs.api import region_by_code

    from . import services
    from .models import BenefitClaim, Matter
    from .roles import CITIZEN, CLERK, EXPERIENCE, OFFICER, POLICE, VET

    county = region_by_code(COUNTY)
    clerk = _person(CLERK_USERNAME, "失业保险经办员", CLERK, organization=_department("人力资源和社会保障局", county),
                    region=county)
    officer = _person(OFFICER_USERNAME, "关键小事统筹员", OFFICER, organization=_department("发改委", county),
                      region=county)
    police = _person(POLICE_USERNAME, "户籍民警", POLICE, organization=_department("公安局", county), region=county)
    vet = _person(VET_USERNAME, "宠物医院经办员", VET, organization=_department("千岛湖爱宠动物医院", county), region=county)
    citizen = _person(CITIZEN_USERNAME, CITIZEN_NAME, CITIZEN, id_no=id_number(1))
    experience = _person(EXPERIENCE_USERNAME, "体验员汪丽", EXPERIENCE, region=county)
    services.load_catalogue(actor=officer)
    if not BenefitClaim.objects.exists():
        today = timezone.localdate()
        with tempfile.TemporaryDirectory() as folder:
            for code, path in write_day(Path(folder), today).items():
                ingest_file(code, path, actor="demo:small_matters")
        services.detect_unemployment_benefits(on=today, actor=clerk)
        licence = services.apply_dog_licence(region=county, dog_name="豆豆", breed="柴犬", hospital="千岛湖爱宠动物医院",
                                             visit_on=today + dt.timedelta(days=3), actor=citizen)
        services.review_dog_licence(licence, approve=True, actor=police)
        with tempfile.TemporaryDirectory() as folder:
            codes = list(Matter.objects.order_by("position").values_list("code", flat=True))
            ingest_file("sm_service_statistics", write_statistics(Path(folder) / "stats.csv", today, codes),
                        actor="demo:small_matters")
        services.file_finding(matter=Matter.objects.get(code="residence_permit"), place="千岛湖镇便民服务中心 3 号窗口",
                              happened_on=today - dt.timedelta(days=1), actor=experience,
                              description="窗口仍要求提交纸质证件照片和租房合同复印件，等候 40 分钟，未告知可网上办理。")
    for role, user in ((CITIZEN, citizen), (CLERK, clerk), (POLICE, police), (VET, vet), (OFFICER, officer),
                       (EXPERIENCE, experience)):
        report.logins.append((role_label(role), user.username, settings.DEMO_PASSWORD, "关键小事"))
    return [f"关键小事：{Matter.objects.count()} 个事项，失业保险金主动发现 {BenefitClaim.objects.count()} 人"]


register_demo("small_matters", load)
