"""Employment: job seekers (with their consent), vacancies, recommendations and hires, training courses and
their completion (atomic, audited). A hire records the employment on the person's profile, with the employer,
so that the employer's quota review counts it."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import can, require

from ..choices import (
    Category,
    CertificateStatus,
    EmploymentForm,
    EnrolmentStatus,
    Grade,
    PlacementStatus,
    PostingStatus,
    SeekerStatus,
)
from ..matching import matches_for_seeker
from ..models import Employment, Enrolment, JobPosting, JobSeeker, Person, Placement, TrainingCourse
from .profile import _past_day, _text


def _is_self(actor, person: Person) -> bool:
    return bool(person.id_number_index and getattr(actor, "verified_at", None)
                and getattr(actor, "id_number_index", "") == person.id_number_index)


def _coordinate(value, field: str, low: int, high: int):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValidationError({field: _("须为数字")}, code="invalid") from None
    if not low <= number <= high:
        raise ValidationError({field: _("须在 {low} 到 {high} 之间").format(low=low, high=high)}, code="range")
    return number


def _codes(value: str, allowed, field: str) -> str:
    codes = "".join(sorted(set((value or "").replace(",", "").replace(" ", ""))))
    if not codes or any(c not in allowed for c in codes):
        raise ValidationError({field: _("须为 {allowed} 中的一个或几个代码").format(allowed="".join(allowed))},
                              code="invalid")
    return codes


@transaction.atomic
def register_seeker(person: Person, *, actor, consent: bool, skills: str = "", wishes: str = "",
                    full_time: bool = True, max_distance_km: int = 10, latitude=None,
                    longitude=None) -> JobSeeker:
    """Register (or update) the person's wish to work (求职登记): by the person on their page, or by the worker or
    clerk with the person's consent given at the visit. Without consent nothing is stored."""
    if not _is_self(actor, person):
        require(actor, "disability_aid.person.serve", person)
    if consent is not True:
        raise ValidationError({"consent": _("须本人同意将残疾类别、等级和技能用于岗位匹配")}, code="required")
    if not person.certificates.filter(status=CertificateStatus.ACTIVE).exists():
        raise ValidationError({"person": _("须持有有效残疾人证")}, code="no_certificate")
    if not isinstance(max_distance_km, int) or not 1 <= max_distance_km <= 100:
        raise ValidationError({"max_distance_km": _("须为 1 到 100 之间的整数")}, code="range")
    values = {"skills": _text(skills, "skills", 200, required=False), "wishes": _text(wishes, "wishes", 200,
                                                                                        required=False),
              "full_time": bool(full_time), "max_distance_km": max_distance_km,
              "latitude": _coordinate(latitude, "latitude", -90, 90),
              "longitude": _coordinate(longitude, "longitude", -180, 180),
              "consent_at": timezone.now(), "status": SeekerStatus.ACTIVE}
    if (values["latitude"] is None) != (values["longitude"] is None):
        raise ValidationError({"longitude": _("经纬度须同时填写")}, code="pair")
    seeker = JobSeeker.objects.select_for_update().filter(person=person).first()
    if seeker is None:
        seeker = JobSeeker.objects.create(person=person, registered_by=actor, **values)
    else:
        for name, value in values.items():
            setattr(seeker, name, value)
        seeker.save()
    audit.record("disability_aid.seeker.registered", actor=actor, target=seeker,
                 data={"person": person.key, "by_self": _is_self(actor, person)})
    return seeker


@transaction.atomic
def withdraw_seeker(seeker: JobSeeker, *, actor) -> JobSeeker:
    """The person withdraws: their consent ends and they are no longer matched or recommended."""
    if not _is_self(actor, seeker.person):
        require(actor, "disability_aid.person.serve", seeker.person)
    seeker.status, seeker.consent_at = SeekerStatus.WITHDRAWN, None
    seeker.save(update_fields=["status", "consent_at", "updated_at"])
    audit.record("disability_aid.seeker.withdrawn", actor=actor, target=seeker, data={"person": seeker.person.key})
    return seeker


@transaction.atomic
def post_job(*, actor, organization, title: str, region, latitude, longitude, positions: int, monthly_wage,
             categories: str, grades: str = "1234", skills: str = "", full_time: bool = True,
             accessible: bool = False, welfare_enterprise: bool = False) -> JobPosting:
    """Register a vacancy an employer offers to disabled persons (the employment service centre's clerk)."""
    require(actor, "disability_aid.job.manage")
    if organization is None:
        raise ValidationError({"organization": _("必填")}, code="required")
    if region is None:
        raise ValidationError({"region": _("必填")}, code="required")
    if not isinstance(positions, int) or not 1 <= positions <= 500:
        raise ValidationError({"positions": _("须为 1 到 500 之间的整数")}, code="range")
    try:
        wage = Decimal(str(monthly_wage)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError({"monthly_wage": _("须为金额")}, code="invalid") from None
    if wage <= 0:
        raise ValidationError({"monthly_wage": _("须大于 0")}, code="range")
    lat, lon = _coordinate(latitude, "latitude", -90, 90), _coordinate(longitude, "longitude", -180, 180)
    if lat is None or lon is None:
        raise ValidationError({"latitude" if lat is None else "longitude": _("必填")}, code="required")
    posting = JobPosting.objects.create(
        organization=organization, title=_text(title, "title", 100), region=region, latitude=lat, longitude=lon,
        positions=positions, monthly_wage=wage, skills=_text(skills, "skills", 200, required=False),
        categories=_codes(categories, Category.values, "categories"), grades=_codes(grades, Grade.values, "grades"),
        full_time=bool(full_time), accessible=bool(accessible), welfare_enterprise=bool(welfare_enterprise),
        posted_by=actor)
    audit.record("disability_aid.job.posted", actor=actor, target=posting,
                 data={"organization": organization.pk, "title": posting.title, "positions": positions})
    return posting


def _match_or_refuse(seeker: JobSeeker, posting: JobPosting):
    match = next((m for m in matches_for_seeker(seeker) if m.posting.pk == posting.pk), None)
    if match is None:
        raise ValidationError({"posting": _("该岗位与求职者不匹配（类别等级、工时、距离或本人未同意推荐）")},
                              code="no_match")
    return match


@transaction.atomic
def recommend(seeker: JobSeeker, posting: JobPosting, *, actor, interested: bool = False) -> Placement:
    """Recommend a matched seeker for a vacancy (the clerk), or record the person's own interest in one it
    suits (``interested``, by the person on their page). The match's score and reasons are kept."""
    if interested:
        if not _is_self(actor, seeker.person):
            raise PermissionDenied(_("只有本人可以表达求职意向"))
    else:
        require(actor, "disability_aid.job.manage")
        require(actor, "disability_aid.person.serve", seeker.person)
    match = _match_or_refuse(seeker, posting)
    status = PlacementStatus.INTERESTED if interested else PlacementStatus.RECOMMENDED
    placement, created = Placement.objects.get_or_create(seeker=seeker, posting=posting, defaults={
        "score": match.score, "distance_km": match.distance_km, "reasons": match.reasons, "status": status,
        "recommended_by": actor})
    if not created:
        if placement.status in (PlacementStatus.HIRED, PlacementStatus.DECLINED):
            raise ValidationError({"posting": _("该推荐已有结果")}, code="decided")
        if interested and placement.status != PlacementStatus.INTERESTED:
            placement.status = PlacementStatus.INTERESTED
            placement.save(update_fields=["status", "updated_at"])
    audit.record("disability_aid.placement.recommended", actor=actor, target=placement,
                 data={"person": seeker.person.key, "posting": posting.pk, "score": match.score,
                       "interested": interested})
    return placement


@transaction.atomic
def decide_placement(placement: Placement, *, actor, hired: bool, on: dt.date) -> Placement:
    """Record the employer's answer: a hire adds the employment (按比例 or, at a welfare enterprise, 集中就业) to
    the person's profile and places the seeker; the vacancy is filled once all its positions are."""
    require(actor, "disability_aid.job.manage")
    placement = Placement.objects.select_for_update().select_related("seeker__person", "posting__organization").get(
        pk=placement.pk)
    if placement.status in (PlacementStatus.HIRED, PlacementStatus.DECLINED):
        raise ValidationError({"placement": _("该推荐已有结果")}, code="decided")
    on = _past_day(on, "on")
    posting = JobPosting.objects.select_for_update().get(pk=placement.posting_id)
    if hired:
        if posting.status != PostingStatus.OPEN:
            raise ValidationError({"posting": _("岗位已招满或已关闭")}, code="closed")
        form = EmploymentForm.CONCENTRATED if posting.welfare_enterprise else EmploymentForm.QUOTA
        placement.employment = Employment.objects.create(
            person=placement.seeker.person, employer=posting.organization.name[:100],
            organization=posting.organization, form=form, since=on, recorded_by=actor)
        placement.seeker.status = SeekerStatus.PLACED
        placement.seeker.save(update_fields=["status", "updated_at"])
        if posting.placements.filter(status=PlacementStatus.HIRED).count() + 1 >= posting.positions:
            posting.status = PostingStatus.FILLED
            posting.save(update_fields=["status", "updated_at"])
    placement.status = PlacementStatus.HIRED if hired else PlacementStatus.DECLINED
    placement.decided_on = on
    placement.save(update_fields=["status", "decided_on", "employment", "updated_at"])
    audit.record("disability_aid.placement.decided", actor=actor, target=placement,
                 data={"person": placement.seeker.person.key, "posting": posting.pk, "hired": hired,
                       "on": on.isoformat()})
    if hired:
        events.publish("disability_aid.person.employed", person_id=placement.seeker.person_id,
                       organization_id=posting.organization_id)
    return placement


@transaction.atomic
def create_course(*, actor, title: str, provider: str, skill: str, region, starts_on: dt.date, ends_on: dt.date,
                  capacity: int) -> TrainingCourse:
    """Open a vocational training course (职业技能培训班) that teaches ``skill``."""
    require(actor, "disability_aid.job.manage")
    if not isinstance(starts_on, dt.date) or not isinstance(ends_on, dt.date):
        raise ValidationError({"starts_on": _("须为日期")}, code="invalid")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("结业日期不能早于开班日期")}, code="before_start")
    if not isinstance(capacity, int) or not 1 <= capacity <= 200:
        raise ValidationError({"capacity": _("须为 1 到 200 之间的整数")}, code="range")
    if region is None:
        raise ValidationError({"region": _("必填")}, code="required")
    course = TrainingCourse.objects.create(
        title=_text(title, "title", 100), provider=_text(provider, "provider", 100), skill=_text(skill, "skill", 20),
        region=region, starts_on=starts_on, ends_on=ends_on, capacity=capacity, created_by=actor)
    audit.record("disability_aid.course.created", actor=actor, target=course, data={"skill": course.skill})
    return course


@transaction.atomic
def enrol(course: TrainingCourse, person: Person, *, actor) -> Enrolment:
    """Put a certificate holder on a course (the person on their page, or the clerk or worker); refused when full."""
    if not _is_self(actor, person):
        require(actor, "disability_aid.person.serve", person)
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    if course.ends_on < timezone.localdate():
        raise ValidationError({"course": _("培训班已结业")}, code="ended")
    if not person.certificates.filter(status=CertificateStatus.ACTIVE).exists():
        raise ValidationError({"person": _("须持有有效残疾人证")}, code="no_certificate")
    if Enrolment.objects.filter(course=course, person=person).exists():
        raise ValidationError({"course": _("已报名该培训班")}, code="duplicate")
    if course.enrolments.exclude(status=EnrolmentStatus.DROPPED).count() >= course.capacity:
        raise ValidationError({"course": _("名额已满")}, code="full")
    enrolment = Enrolment.objects.create(course=course, person=person)
    audit.record("disability_aid.course.enrolled", actor=actor, target=enrolment,
                 data={"person": person.key, "course": course.pk})
    return enrolment


@transaction.atomic
def complete_enrolment(enrolment: Enrolment, *, actor, completed: bool, on: dt.date) -> Enrolment:
    """Record the course's end for one person: 结业 (the skill then counts in the matching) or 退训."""
    require(actor, "disability_aid.job.manage")
    enrolment = Enrolment.objects.select_for_update().select_related("course", "person").get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise ValidationError({"enrolment": _("该学员的培训已有结果")}, code="decided")
    on = _past_day(on, "on")
    if completed and on < enrolment.course.starts_on:
        raise ValidationError({"on": _("结业日期不能早于开班日期")}, code="before_start")
    enrolment.status = EnrolmentStatus.COMPLETED if completed else EnrolmentStatus.DROPPED
    enrolment.completed_on = on if completed else None
    enrolment.save(update_fields=["status", "completed_on", "updated_at"])
    audit.record("disability_aid.course.completed" if completed else "disability_aid.course.dropped", actor=actor,
                 target=enrolment, data={"person": enrolment.person.key, "skill": enrolment.course.skill})
    return enrolment


def may_manage_jobs(user) -> bool:
    return can(user, "disability_aid.job.manage")
