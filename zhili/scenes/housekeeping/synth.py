"""Realistic synthetic housekeeping data: identity numbers, USCCs and points around a county; ``synth_housekeeping``.

The registry at scale (agencies, workers with checks, some of them planted with an abnormal background check,
an expired health certificate or lapsed insurance) so the code recompute and the matching can be measured with
the planted truth known.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from zhili.core.foundation.api import uscc_check_character

from .choices import BackgroundCheck, Language, ServiceKind

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈"
GIVEN = "秀英桂兰玉梅丽芳红霞明华建国小燕美玲春花海燕雪琴翠萍金凤彩云静雅慧敏"
# The demo county (建德市) around its centre, WGS84.
CENTRE = (29.4766, 119.2795)


def id_number(first17: str) -> str:
    """A resident ID number with its GB 11643 check digit."""
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def uscc(serial: int) -> str:
    first17 = f"913310820{serial:08d}"
    return first17 + uscc_check_character(first17)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


@dataclass
class WorkerSpec:
    """One synthetic worker, with the planted cause of a non-green code (if any)."""

    name: str
    id_number: str
    phone: str
    skills: list
    languages: list
    latitude: float
    longitude: float
    hourly_price: Decimal
    years_of_service: int
    background_check: str
    health_certificate_expires: dt.date
    insurance_expires: dt.date
    planted: str = ""
    certificates: list = field(default_factory=list)


def worker_spec(rng: random.Random, serial: int, day: dt.date, *, centre=CENTRE, spread_km: float = 15.0,
                red_share: float = 0.01, yellow_share: float = 0.08) -> WorkerSpec:
    """A plausible worker near ``centre``; ``red_share`` get an abnormal check, ``yellow_share`` a lapsed document."""
    born = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 35))
    first17 = f"330182{born:%Y%m%d}{serial % 1000:03d}"
    skills = rng.sample(ServiceKind.values, rng.randint(1, 3))
    roll = rng.random()
    planted = "red" if roll < red_share else "yellow" if roll < red_share + yellow_share else ""
    health = day + dt.timedelta(days=rng.randint(30, 360))
    insurance = day + dt.timedelta(days=rng.randint(30, 360))
    if planted == "yellow":
        if rng.random() < 0.5:
            health = day - dt.timedelta(days=rng.randint(1, 90))
        else:
            insurance = day - dt.timedelta(days=rng.randint(1, 90))
    degrees = spread_km / 111.0
    return WorkerSpec(
        name=person_name(rng), id_number=id_number(first17), phone=f"13{rng.randint(100000000, 999999999)}",
        skills=skills, languages=[Language.MANDARIN.value] + ([Language.TAIZHOU.value] if rng.random() < 0.3 else []),
        latitude=centre[0] + rng.uniform(-degrees, degrees), longitude=centre[1] + rng.uniform(-degrees, degrees),
        hourly_price=Decimal(rng.randint(35, 90)), years_of_service=rng.randint(0, 15),
        background_check=BackgroundCheck.ABNORMAL if planted == "red" else BackgroundCheck.CLEAR,
        health_certificate_expires=health, insurance_expires=insurance, planted=planted,
        certificates=[{"name": "家政服务员（五级）职业技能等级证书"}] if rng.random() < 0.6 else [])


@dataclass
class SynthReport:
    workers: int = 0
    planted_red: int = 0
    planted_yellow: int = 0
    found_red: int = 0
    found_yellow: int = 0


def synthesize(count: int, *, agency, actor, seed: int = 19) -> SynthReport:
    """Register ``count`` workers at ``agency`` through the services, recompute the codes, count what was found."""
    from django.utils import timezone

    from . import services
    from .choices import CodeColour
    from .models import Worker

    rng = random.Random(seed)
    day = timezone.localdate()
    report = SynthReport()
    start = Worker.objects.count() + 1000
    created = []
    for index in range(count):
        spec = worker_spec(rng, start + index, day)
        worker = services.register_worker(
            agency=agency, name=spec.name, id_number=spec.id_number, phone=spec.phone, skills=spec.skills,
            languages=spec.languages, hourly_price=spec.hourly_price, latitude=spec.latitude,
            longitude=spec.longitude, years_of_service=spec.years_of_service, certificates=spec.certificates,
            health_certificate_expires=spec.health_certificate_expires, insurance_expires=spec.insurance_expires,
            actor=actor)
        services.record_checks(worker, background_check=spec.background_check, actor=actor)
        created.append((worker.pk, spec.planted))
        report.workers += 1
        report.planted_red += spec.planted == "red"
        report.planted_yellow += spec.planted == "yellow"
    services.recompute_codes(day, actor=actor)
    colours = dict(Worker.objects.filter(pk__in=[pk for pk, _ in created]).values_list("pk", "code_colour"))
    report.found_red = sum(1 for pk, planted in created if planted == "red" and colours[pk] == CodeColour.RED)
    report.found_yellow = sum(1 for pk, planted in created if planted == "yellow" and colours[pk] == CodeColour.YELLOW)
    return report
