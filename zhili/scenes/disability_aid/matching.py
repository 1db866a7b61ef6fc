"""Employment matching (就业精准匹配): which open vacancies suit a job seeker, with a score and its reasons.

A vacancy is considered only when it suits the seeker's certificate (category and grade), working hours and
commuting distance; it is then scored by skills (the seeker's own and those of completed training), distance,
the household's need (a family on 低保 or 低边, known by the living subsidy) and an accessible workplace. The weights
and the lowest score recommended are the scene's dated parameters (``match_weights``, ``match_min_score``).
Only seekers whose consent stands are matched.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import parameter_on

from .choices import CertificateStatus, EnrolmentStatus, EntitlementStatus, PostingStatus, SeekerStatus
from .models import Certificate, Enrolment, Entitlement, JobPosting, JobSeeker
from .policies import DOMAIN

EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)


@dataclass
class Match:
    """A vacancy's fit for a seeker: the score out of 100, the distance (None if unknown) and the reasons."""

    posting: JobPosting
    seeker: JobSeeker
    score: int
    distance_km: Decimal | None
    reasons: list[str] = field(default_factory=list)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """The great-circle distance in kilometres between two WGS84 points (haversine)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def seeker_skills(seeker: JobSeeker) -> set[str]:
    """The seeker's skills and the skills of the training courses they completed."""
    from .models.employment import split_words

    trained = Enrolment.objects.filter(person_id=seeker.person_id, status=EnrolmentStatus.COMPLETED)
    return seeker.skill_set | {w for s in trained.values_list("course__skill", flat=True) for w in split_words(s)}


def score(seeker: JobSeeker, posting: JobPosting, *, certificate, skills: set[str], in_need: bool,
          weights: dict) -> Match | None:
    """The match of one seeker and one vacancy, or None when the vacancy does not suit them."""
    if certificate is None or certificate.category not in posting.categories or certificate.grade not in posting.grades:
        return None
    if posting.full_time and not seeker.full_time:
        return None
    reasons = [_("残疾类别和等级适合该岗位（{category}{grade}）").format(
        category=certificate.get_category_display(), grade=certificate.get_grade_display())]
    points = 0
    if seeker.latitude is not None and seeker.longitude is not None:
        km = distance_km(seeker.latitude, seeker.longitude, posting.latitude, posting.longitude)
        if km > seeker.max_distance_km:
            return None
        near = weights["distance"] * (1 - km / seeker.max_distance_km) if seeker.max_distance_km else 0
        points += round(near)
        distance = Decimal(str(round(km, 1)))
        reasons.append(_("距居住地 {km} 公里（可接受 {max} 公里）").format(km=distance, max=seeker.max_distance_km))
    elif posting.region_id == seeker.person.region_id:
        points += weights["distance"]
        distance = None
        reasons.append(_("与居住地在同一乡镇（街道）"))
    else:
        return None
    wanted = posting.skill_set
    if not wanted:
        points += weights["skills"]
        reasons.append(_("岗位不要求特定技能"))
    else:
        held = sorted(wanted & skills)
        points += round(weights["skills"] * len(held) / len(wanted))
        reasons.append(_("具备所需技能 {held}/{wanted}：{names}").format(
            held=len(held), wanted=len(wanted), names="、".join(held) or _("无")))
    if in_need:
        points += weights["need"]
        reasons.append(_("困难家庭（享受困难残疾人生活补贴），优先推荐"))
    if posting.accessible:
        points += weights["accessible"]
        reasons.append(_("无障碍工作场所"))
    return Match(posting, seeker, int(points), distance, reasons)


def _context(seekers):
    person_ids = [s.person_id for s in seekers]
    certificates = {c.person_id: c for c in Certificate.objects.filter(person_id__in=person_ids,
                                                                       status=CertificateStatus.ACTIVE)}
    in_need = set(Entitlement.objects.filter(person_id__in=person_ids, policy="living_subsidy",
                                             status=EntitlementStatus.ACTIVE).values_list("person_id", flat=True))
    return certificates, in_need


def matchable_seekers():
    return (JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_at__isnull=False)
            .select_related("person", "person__region"))


def open_postings():
    return JobPosting.objects.filter(status=PostingStatus.OPEN).select_related("organization", "region")


def matches_for_seeker(seeker: JobSeeker, day: dt.date | None = None) -> list[Match]:
    """The open vacancies that suit ``seeker``, best first (none without their consent)."""
    if seeker.status != SeekerStatus.ACTIVE or seeker.consent_at is None:
        return []
    day = day or timezone.localdate()
    weights, least = parameter_on(DOMAIN, "match_weights", day).value, parameter_on(DOMAIN, "match_min_score", day).value
    certificates, in_need = _context([seeker])
    skills = seeker_skills(seeker)
    found = [score(seeker, p, certificate=certificates.get(seeker.person_id), skills=skills,
                   in_need=seeker.person_id in in_need, weights=weights) for p in open_postings()]
    return sorted((m for m in found if m and m.score >= least), key=lambda m: (-m.score, m.posting.pk))


def matches_for_posting(posting: JobPosting, seekers=None, day: dt.date | None = None) -> list[Match]:
    """The consenting seekers ``posting`` suits, best first (``seekers``: a queryset to narrow, e.g. by scope)."""
    day = day or timezone.localdate()
    weights, least = parameter_on(DOMAIN, "match_weights", day).value, parameter_on(DOMAIN, "match_min_score", day).value
    seekers = list(seekers if seekers is not None else matchable_seekers())
    seekers = [s for s in seekers if s.status == SeekerStatus.ACTIVE and s.consent_at is not None]
    certificates, in_need = _context(seekers)
    found = [score(s, posting, certificate=certificates.get(s.person_id), skills=seeker_skills(s),
                   in_need=s.person_id in in_need, weights=weights) for s in seekers]
    return sorted((m for m in found if m and m.score >= least), key=lambda m: (-m.score, m.seeker.person.key))
