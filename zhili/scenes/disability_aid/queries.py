"""Reads of the 智慧助残 scene: what a person may see, and the figures of the cockpit."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhili.core.identity.api import filter_by_scope, has_role

from .choices import CertificateStatus, EntitlementStatus, Mark, ServiceKind, SuspectStatus
from .models import (
    AssessmentApplication,
    Certificate,
    PaymentLine,
    PaymentRun,
    Person,
    Recovery,
    SuspectedCase,
)
from .roles import APPROVER, CLERK, WORKER


def visible_suspects(user) -> QuerySet:
    """Suspected cases in the user's data scope (a worker's villages, a clerk's county); none for anyone else."""
    suspects = SuspectedCase.objects.select_related("person", "person__region", "worker", "case")
    if not has_role(user, CLERK, WORKER):
        return suspects.none()
    return filter_by_scope(user, suspects, "person__region")


def suspect_for(user, pk: int) -> SuspectedCase:
    """The suspected case ``pk`` if ``user`` may see it; "not found" otherwise, as for one that does not exist."""
    return get_object_or_404(visible_suspects(user), pk=pk)


def worker_queue(user) -> QuerySet:
    """The worker's cases still to visit or to apply for, oldest first (the phone page)."""
    return (visible_suspects(user).filter(status__in=[SuspectStatus.DETECTED, SuspectStatus.VISITED])
            .order_by("found_on", "id"))


def visible_applications(user) -> QuerySet:
    applications = AssessmentApplication.objects.select_related("person", "person__region", "hospital__organization",
                                                                "suspect")
    if not has_role(user, CLERK, WORKER):
        return applications.none()
    return filter_by_scope(user, applications, "person__region")


def application_for(user, pk: int) -> AssessmentApplication:
    return get_object_or_404(visible_applications(user), pk=pk)


def visible_certificates(user) -> QuerySet:
    certificates = Certificate.objects.select_related("person", "person__region")
    if not has_role(user, CLERK):
        return certificates.none()
    return filter_by_scope(user, certificates, "person__region")


def status_counts(suspects: QuerySet) -> dict[str, int]:
    """How many suspected cases stand in each state (every state listed, zero included)."""
    counts = Counter(suspects.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in SuspectStatus.values}


def conversion(suspects: QuerySet) -> dict[str, int]:
    """Detection → visit → application → certificate: how many suspected cases reached each step."""
    counts = status_counts(suspects)
    certified = counts[SuspectStatus.CERTIFIED]
    assessed = certified + counts[SuspectStatus.NOT_DISABLED]
    applied = assessed + counts[SuspectStatus.APPLIED]
    visited = applied + counts[SuspectStatus.VISITED] + counts[SuspectStatus.DECLINED]
    return {"detected": sum(counts.values()), "visited": visited, "applied": applied, "assessed": assessed,
            "certified": certified}


def certificate_counts(certificates: QuerySet, field: str) -> dict[str, int]:
    """Active certificates by ``category`` or ``grade``."""
    return dict(Counter(certificates.filter(status=CertificateStatus.ACTIVE).values_list(field, flat=True)))


def visible_runs(user) -> QuerySet:
    """Payment runs: the county federation's clerks and approvers see them (a run is the county's)."""
    runs = PaymentRun.objects.select_related("prepared_by", "first_approver", "second_approver")
    return runs if has_role(user, CLERK, APPROVER) else runs.none()


def run_for(user, pk: int) -> PaymentRun:
    return get_object_or_404(visible_runs(user), pk=pk)


def recoveries_for_run(run) -> QuerySet:
    """The recoveries opened when this month's run stopped entitlements (money paid after an end)."""
    return Recovery.objects.filter(found_by_run=run).select_related("person", "line__run").order_by("person__key")


def visible_persons(user) -> QuerySet:
    """Profiles (一人一档) in the user's scope: the clerk's county, the worker's villages; none for anyone else."""
    persons = Person.objects.select_related("region")
    if not has_role(user, CLERK, WORKER):
        return persons.none()
    return filter_by_scope(user, persons, "region")


def person_for(user, pk: int) -> Person:
    return get_object_or_404(visible_persons(user), pk=pk)


def own_person(user) -> Person:
    """The profile whose ID number is the signed-in person's own, verified (实名认证); "not found" otherwise."""
    index = getattr(user, "id_number_index", "") if getattr(user, "verified_at", None) else ""
    person = Person.objects.select_related("region").filter(id_number_index=index).first() if index else None
    if person is None:
        raise Http404
    return person


@dataclass
class IndexPart:
    label: str
    points: int
    out_of: int
    reason: str


# 一指数: five parts of 20 points, each met or not, with the reason shown. The parts and their weights are the
# scene's design (no published index was found), not an official measure.
INDEX_SERVICE_MONTHS = 12
INDEX_DEVICE_YEARS = 5


def profile(person: Person, today: dt.date | None = None) -> dict:
    """Everything on the person's profile (一人一档一画像一笑脸一指数): certificate, subsidies and payments,
    services, assistive devices, employment, the satisfaction marks and the index with its parts."""
    today = today or timezone.localdate()
    certificates = list(person.certificates.order_by("-issued_on", "-id"))
    certificate = next((c for c in certificates if c.status == CertificateStatus.ACTIVE), None)
    entitlements = list(person.entitlements.order_by("-since_month", "policy"))
    active = [e for e in entitlements if e.status == EntitlementStatus.ACTIVE]
    payments = list(PaymentLine.objects.filter(person=person).select_related("run").order_by("-run__month")[:12])
    services = list(person.services.all())
    devices = [s for s in services if s.kind == ServiceKind.DEVICE]
    employments = list(person.employments.all())
    working = next((e for e in employments if e.until is None or e.until >= today), None)
    marks = list(person.satisfactions.all()[:10])
    recent = today - dt.timedelta(days=INDEX_SERVICE_MONTHS * 366 // 12)
    recent_service = next((s for s in services if s.provided_on >= recent and s.kind != ServiceKind.DEVICE), None)
    device = next((d for d in devices if d.provided_on >= today - dt.timedelta(days=INDEX_DEVICE_YEARS * 366)), None)
    mark_points = {Mark.SATISFIED: 20, Mark.NEUTRAL: 10, Mark.UNSATISFIED: 0}
    parts = [
        IndexPart(_("持证"), 20 if certificate else 0, 20,
                  _("持有有效残疾人证") if certificate else _("没有有效残疾人证")),
        IndexPart(_("补贴"), 20 if active else 0, 20,
                  _("正在享受两项补贴") if active else _("没有正在享受的补贴")),
        IndexPart(_("服务"), 20 if recent_service else 0, 20,
                  _("近 12 个月接受过服务") if recent_service else _("近 12 个月没有服务记录")),
        IndexPart(_("就业或辅具"), 20 if (working or device) else 0, 20,
                  _("在业") if working else (_("近 5 年适配过辅助器具") if device else _("未就业，近 5 年未适配辅具"))),
        IndexPart(_("满意度"), mark_points[Mark(marks[0].mark)] if marks else 0, 20,
                  Mark(marks[0].mark).label if marks else _("本人尚未评价")),
    ]
    return {"person": person, "certificate": certificate, "certificates": certificates,
            "entitlements": entitlements, "payments": payments, "services": [s for s in services if s not in devices],
            "devices": devices, "employments": employments, "working": working, "marks": marks,
            "mark": Mark(marks[0].mark) if marks else None,
            "index": sum(p.points for p in parts), "index_parts": parts}


# --- employment, training, quota, prevention --------------------------------------------------------------------

def visible_postings(user) -> QuerySet:
    """Vacancies in the clerk's scope (the employment service works for the county)."""
    from .models import JobPosting

    postings = JobPosting.objects.select_related("organization", "region")
    if not has_role(user, CLERK):
        return postings.none()
    return filter_by_scope(user, postings, "region")


def posting_for(user, pk: int):
    return get_object_or_404(visible_postings(user), pk=pk)


def visible_seekers(user) -> QuerySet:
    from .models import JobSeeker

    seekers = JobSeeker.objects.select_related("person", "person__region")
    if not has_role(user, CLERK, WORKER):
        return seekers.none()
    return filter_by_scope(user, seekers, "person__region")


def visible_placements(user) -> QuerySet:
    from .models import Placement

    placements = Placement.objects.select_related("seeker__person", "posting__organization", "posting__region")
    if not has_role(user, CLERK):
        return placements.none()
    return filter_by_scope(user, placements, "posting__region")


def placement_for(user, pk: int):
    return get_object_or_404(visible_placements(user), pk=pk)


def visible_courses(user) -> QuerySet:
    from .models import TrainingCourse

    courses = TrainingCourse.objects.select_related("region")
    if not has_role(user, CLERK):
        return courses.none()
    return filter_by_scope(user, courses, "region")


def course_for(user, pk: int):
    return get_object_or_404(visible_courses(user), pk=pk)


def enrolment_for(user, pk: int):
    from .models import Enrolment

    return get_object_or_404(Enrolment.objects.select_related("course", "person").filter(
        course__in=visible_courses(user)), pk=pk)


def open_courses(today: dt.date | None = None) -> QuerySet:
    """Courses a person may still join (not yet ended), soonest first."""
    from .models import TrainingCourse

    today = today or timezone.localdate()
    return TrainingCourse.objects.filter(ends_on__gte=today).select_related("region").order_by("starts_on", "id")


def visible_quota_reviews(user) -> QuerySet:
    from .models import QuotaReview

    reviews = QuotaReview.objects.select_related("organization", "organization__region")
    if not has_role(user, CLERK):
        return reviews.none()
    return filter_by_scope(user, reviews, "organization__region")


def visible_injuries(user) -> QuerySet:
    """Pushed disabling accidents: the federation's clerk and the departments' prevention contacts in scope."""
    from .models import InjuryPush
    from .roles import PREVENTION

    pushes = InjuryPush.objects.select_related("region", "case")
    if not has_role(user, CLERK, PREVENTION):
        return pushes.none()
    return filter_by_scope(user, pushes, "region")


def jobs_for_person(person: Person) -> dict:
    """The person's own employment section: registration, the vacancies that suit them, their recommendations,
    training open to them and their enrolments."""
    from .matching import matches_for_seeker
    from .models import JobSeeker

    seeker = JobSeeker.objects.filter(person=person).first()
    placements = list(seeker.placements.select_related("posting__organization")) if seeker else []
    taken = {p.posting_id for p in placements}
    matches = [m for m in matches_for_seeker(seeker)][:10] if seeker else []
    enrolments = list(person.enrolments.select_related("course"))
    joined = {e.course_id for e in enrolments}
    return {"seeker": seeker, "matches": [(m, m.posting.pk in taken) for m in matches], "placements": placements,
            "courses": [c for c in open_courses()[:10] if c.pk not in joined], "enrolments": enrolments}


def employment_figures(user) -> dict:
    """Seekers by state, hires by form and the quota reviews' fund due by conclusion (the cockpit)."""
    from django.db.models import Count, Sum

    seekers = Counter(visible_seekers(user).values_list("status", flat=True))
    hires = Counter(visible_placements(user).filter(status="hired").values_list("employment__form", flat=True))
    quota = {row["status"]: (row["n"], row["fund"]) for row in visible_quota_reviews(user).values("status")
             .annotate(n=Count("id"), fund=Sum("fund_due"))}
    return {"seekers": seekers, "hires": hires, "quota": quota}


def injury_counts(user) -> dict:
    """Pushed accidents by source and cause (or place), and how many of their cases are closed."""
    pushes = visible_injuries(user)
    by_cause = Counter((source, cause or place or "") for source, cause, place
                       in pushes.values_list("source", "cause", "place"))
    return {"by_cause": by_cause}


def visible_postings_for_people():
    """Open vacancies a person may see (no personal data in them)."""
    from .choices import PostingStatus
    from .models import JobPosting

    return JobPosting.objects.filter(status=PostingStatus.OPEN).select_related("organization", "region")
