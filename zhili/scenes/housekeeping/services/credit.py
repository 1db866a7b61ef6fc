"""评家政 and 当家政: ratings after service, credit grades from dated points, complaints as cases, and the path of
low-income and unemployed people into housekeeping (offer, training, health check, registration, first order)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import comment_case, open_case
from zhili.core.foundation.api import audit, events, pii, validate_id_number
from zhili.core.identity.api import Membership, require

from ..choices import CodeColour, OrderStatus, RatingTarget, SeekerCategory, SeekerStage
from ..models import Agency, Complaint, Customer, JobSeeker, Order, Rating, Worker
from ..roles import CLERK
from ..rules import rule
from .common import signer_role

COMPLAINT_CASE = "housekeeping.complaint"


def stars_for(points: float, day: dt.date) -> int:
    """Stars (or A's) for a score: the dated thresholds of 5, 4, 3 and 2; below them 1."""
    for stars, line in zip((5, 4, 3, 2), rule("grade_thresholds", day).value, strict=True):
        if points >= line:
            return stars
    return 1


def worker_points(worker: Worker, day: dt.date) -> float:
    """A worker's credit points: code, certificate, years, customer ratings, upheld complaints in the window."""
    p = rule("worker_grade_points", day).value
    window = int(rule("complaint_window_days", day).value)
    complaints = worker.complaints.filter(upheld=True, lodged_on__gt=day - dt.timedelta(days=window)).count()
    rating = (float(worker.rating_avg) / 5 * p["rating_max"] if worker.rating_count >= p["min_ratings"]
              else p["rating_neutral"])
    return (p["green_code"] * (worker.code_colour == CodeColour.GREEN) + p["certificate"] * bool(worker.certificates)
            + p["years_3"] * (worker.years_of_service >= 3) + rating - p["complaint_penalty"] * complaints)


def agency_points(agency: Agency, day: dt.date) -> float:
    """An agency's credit points: ratings, the share of its workers on green, complaints per finished order."""
    p = rule("agency_grade_points", day).value
    workers = agency.workers.filter(active=True)
    total = workers.count()
    green = workers.filter(code_colour=CodeColour.GREEN).count()
    done = agency.orders.filter(status=OrderStatus.DONE).count()
    upheld = Complaint.objects.filter(worker__agency=agency, upheld=True).count()
    rating = (float(agency.rating_avg) / 5 * p["rating_max"] if agency.rating_count >= p["min_ratings"]
              else p["rating_neutral"])
    return (rating + p["green_share_max"] * (green / total if total else 0) + p["licence"]
            - p["complaint_rate_penalty"] * (upheld / done if done else 0))


def _average(queryset) -> tuple[Decimal, int]:
    found = queryset.aggregate(avg=Avg("stars"), n=Count("id"))
    avg = Decimal(str(found["avg"] or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return avg, found["n"]


def regrade_worker(worker: Worker, day: dt.date) -> Worker:
    worker.rating_avg, worker.rating_count = _average(Rating.objects.filter(
        order__worker=worker, target=RatingTarget.WORKER))
    worker.stars = stars_for(worker_points(worker, day), day)
    worker.save(update_fields=["rating_avg", "rating_count", "stars", "updated_at"])
    return worker


def regrade_agency(agency: Agency, day: dt.date) -> Agency:
    agency.rating_avg, agency.rating_count = _average(Rating.objects.filter(
        order__agency=agency, target=RatingTarget.AGENCY))
    agency.stars = stars_for(agency_points(agency, day), day)
    agency.save(update_fields=["rating_avg", "rating_count", "stars", "updated_at"])
    return agency


def regrade_customer(customer: Customer, day: dt.date) -> Customer:
    customer.rating_avg, customer.rating_count = _average(Rating.objects.filter(
        order__customer=customer, target=RatingTarget.CUSTOMER))
    points = float(customer.rating_avg) / 5 * 100 if customer.rating_count else 60.0
    customer.stars = stars_for(points, day)
    customer.save(update_fields=["rating_avg", "rating_count", "stars", "updated_at"])
    return customer


@transaction.atomic
def rate_order(order: Order, *, target: str, stars: int, comment: str = "", actor) -> Rating:
    """Rate a finished order: the customer rates the worker and the agency, the agency rates the customer."""
    role = signer_role(actor, order)
    allowed = {"customer": {RatingTarget.WORKER, RatingTarget.AGENCY}, "agency": {RatingTarget.CUSTOMER}}
    if target not in allowed.get(role, set()):
        raise PermissionDenied(_("您不能对此对象作出评价"))
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != OrderStatus.DONE:
        raise ValidationError({"status": _("服务完成后才能评价")}, code="not_done")
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": _("评分须为 1 至 5 星")}, code="out_of_range")
    if Rating.objects.filter(order=order, target=target).exists():
        raise ValidationError({"target": _("已评价过")}, code="already_rated")
    rating = Rating.objects.create(order=order, target=target, stars=stars, comment=(comment or "")[:300],
                                   rated_by=actor)
    day = timezone.localdate()
    if target == RatingTarget.WORKER:
        regrade_worker(order.worker, day)
    elif target == RatingTarget.AGENCY:
        regrade_agency(order.agency, day)
    else:
        regrade_customer(order.customer, day)
    audit.record("housekeeping.order.rated", actor=actor, target=rating, data={"target": target, "stars": stars})
    return rating


def _office(region):
    """The 商务局 office that handles complaints in ``region`` (a clerk's organisation there)."""
    membership = (Membership.objects.filter(role=CLERK, is_active=True, organization__isnull=False,
                                            organization__region=region).select_related("organization").first())
    return membership.organization if membership else None


@transaction.atomic
def lodge_complaint(order: Order, *, text: str, actor) -> Complaint:
    """The customer complains about an order's service; it becomes a case for the 商务局 with its deadlines."""
    if signer_role(actor, order) != "customer":
        raise PermissionDenied(_("只有本单客户可以投诉"))
    if order.status not in (OrderStatus.IN_SERVICE, OrderStatus.DONE):
        raise ValidationError({"status": _("服务开始后才能投诉")}, code="not_started")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写投诉内容")}, code="required")
    complaint = Complaint.objects.create(worker=order.worker, customer=order.customer, order=order,
                                         lodged_on=timezone.localdate(), text=text[:2000])
    case = open_case(COMPLAINT_CASE, title=_("家政服务投诉：订单 {n}").format(n=order.number), region=order.region,
                     actor=actor, subject=complaint, requester=actor, description=text[:2000],
                     organization=_office(order.region))
    complaint.case_id = case.pk
    complaint.save(update_fields=["case_id", "updated_at"])
    audit.record("housekeeping.complaint.lodged", actor=actor, target=complaint, data={"case": case.pk})
    events.publish("housekeeping.complaint.lodged", complaint_id=complaint.pk, case_id=case.pk)
    return complaint


@transaction.atomic
def decide_complaint(complaint: Complaint, *, upheld: bool, note: str, actor) -> Complaint:
    """A clerk finds the complaint upheld or not; an upheld one counts in the worker's code and grade."""
    require(actor, "housekeeping.checks.record", complaint.worker)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写核查意见")}, code="required")
    complaint = Complaint.objects.select_for_update().select_related("worker").get(pk=complaint.pk)
    complaint.upheld = bool(upheld)
    complaint.save(update_fields=["upheld", "updated_at"])
    from zhili.core.cases.api import Case

    case = Case.objects.filter(pk=complaint.case_id).first()
    if case is not None:
        comment_case(case, actor=actor, comment=(_("投诉成立：") if upheld else _("投诉不成立：")) + note)
    regrade_worker(complaint.worker, timezone.localdate())
    audit.record("housekeeping.complaint.decided", actor=actor, target=complaint, data={"upheld": complaint.upheld})
    return complaint


# ---------------------------------------------------------------- 当家政

@transaction.atomic
def identify_seeker(*, region, name: str, id_number: str, phone: str, category: str, consent: bool,
                    actor) -> JobSeeker:
    """Take a person from the data pool (低收入 or 登记失业, with consent) as a job seeker; once per person."""
    require(actor, "housekeeping.checks.record", None)
    if category not in SeekerCategory.values:
        raise ValidationError({"category": _("类别不在可选范围内")}, code="invalid_choice")
    if not consent:
        raise ValidationError({"consent": _("未经本人同意，不能推送就业信息")}, code="no_consent")
    id_number = (id_number or "").strip().upper()
    try:
        validate_id_number(id_number)
    except ValidationError as problem:
        raise ValidationError({"id_number": problem.messages}, code="invalid") from None
    existing = JobSeeker.objects.filter(id_number_index=pii.blind_index(id_number)).first()
    if existing is not None:
        return existing
    seeker = JobSeeker(region=region, name=(name or "").strip()[:50], phone=phone, category=category, consent=True,
                       history=[{"stage": SeekerStage.IDENTIFIED, "on": timezone.localdate().isoformat()}])
    seeker.id_number = id_number
    seeker.save()
    audit.record("housekeeping.seeker.identified", actor=actor, target=seeker, data={"category": category})
    return seeker


STAGE_ORDER = [SeekerStage.IDENTIFIED, SeekerStage.OFFERED, SeekerStage.TRAINING, SeekerStage.HEALTH_CHECKED,
               SeekerStage.REGISTERED, SeekerStage.FIRST_ORDER]


@transaction.atomic
def advance_seeker(seeker: JobSeeker, *, stage: str, actor, worker: Worker | None = None) -> JobSeeker:
    """Move a job seeker one step on (offer → training → health check → registered → first order) or out."""
    require(actor, "housekeeping.checks.record", None)
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if stage == SeekerStage.DECLINED:
        allowed = seeker.stage not in (SeekerStage.REGISTERED, SeekerStage.FIRST_ORDER, SeekerStage.DECLINED)
    else:
        allowed = (seeker.stage in STAGE_ORDER and stage in STAGE_ORDER
                   and STAGE_ORDER.index(stage) == STAGE_ORDER.index(seeker.stage) + 1)
    if not allowed:
        raise ValidationError({"stage": _("不能从「{a}」转到「{b}」").format(
            a=SeekerStage(seeker.stage).label, b=SeekerStage(stage).label if stage in SeekerStage.values else stage)},
            code="wrong_stage")
    if stage == SeekerStage.REGISTERED:
        if worker is None or worker.id_number_index != seeker.id_number_index:
            raise ValidationError({"worker": _("须关联本人的家政服务员登记")}, code="worker_required")
        seeker.worker = worker
    seeker.stage = stage
    seeker.history = seeker.history + [{"stage": stage, "on": timezone.localdate().isoformat()}]
    seeker.save()
    audit.record("housekeeping.seeker.advanced", actor=actor, target=seeker, data={"stage": stage})
    return seeker


def note_first_order(worker_id: int) -> None:
    """A registered job seeker's first finished order completes their path (called on ``order.finished``)."""
    seeker = JobSeeker.objects.filter(worker_id=worker_id, stage=SeekerStage.REGISTERED).first()
    if seeker is not None:
        seeker.stage = SeekerStage.FIRST_ORDER
        seeker.history = seeker.history + [{"stage": SeekerStage.FIRST_ORDER,
                                            "on": timezone.localdate().isoformat()}]
        seeker.save(update_fields=["stage", "history", "updated_at"])
        audit.record("housekeeping.seeker.advanced", actor="event:housekeeping.order.finished", target=seeker,
                     data={"stage": SeekerStage.FIRST_ORDER})
