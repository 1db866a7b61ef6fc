"""Mediators and assignment: the roll (名册), automatic assignment by region and dispute type with
conflict-of-interest refusal (回避), manual assignment by the committee, and a mediator's own refusal."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, validate_uscc
from zhili.core.identity.api import Role, has_role, organizations_of, require

from ..choices import OPEN_STATUSES, DisputeType, MediationStatus
from ..models import Mediation, MediatorProfile
from .common import locked, move_case, notify_user, publish, record


@transaction.atomic
def save_mediator_profile(user, *, organization, region, dispute_types=(), conflict_usccs=(), introduction: str = "",
                          active: bool = True, actor) -> MediatorProfile:
    """Put a mediator on the committee's roll (or update the entry); the person must hold the mediator role."""
    require(actor, "mediation.mediator.manage", region)
    errors = {}
    if not has_role(user, Role.MEDIATOR):
        errors["user"] = _("调解员：该用户没有调解员角色")
    unknown = [t for t in dispute_types if t not in DisputeType.values]
    if unknown:
        errors["dispute_types"] = _("擅长争议类型：未知类型 {types}").format(types="、".join(unknown))
    usccs = []
    for code in conflict_usccs:
        code = (code or "").strip().upper()
        if not code:
            continue
        try:
            validate_uscc(code)
        except ValidationError:
            errors["conflict_usccs"] = _("须回避的单位：{code} 不是有效的统一社会信用代码").format(code=code)
        usccs.append(code)
    if errors:
        raise ValidationError(errors, code="invalid")
    profile, created = MediatorProfile.objects.update_or_create(user=user, defaults={
        "organization": organization, "region": region, "dispute_types": sorted(set(dispute_types)),
        "conflict_usccs": sorted(set(usccs)), "introduction": (introduction or "")[:300], "active": active})
    audit.record("mediation.mediator.saved", actor=actor, target=profile,
                 data={"user_id": user.pk, "created": created, "region": region.code,
                       "dispute_types": profile.dispute_types, "conflicts": len(profile.conflict_usccs)})
    return profile


def conflict_reason(profile: MediatorProfile, mediation: Mediation) -> str:
    """Why ``profile``'s mediator must not mediate this case (empty if nothing stands in the way)."""
    user = profile.user
    if mediation.employer_uscc in profile.conflict_usccs:
        return _("调解员已声明与用人单位存在利害关系")
    if user.phone_index and user.phone_index in (mediation.worker_phone_index, mediation.employer_phone_index):
        return _("调解员是本案当事人")
    if user.pk in (mediation.worker_id, mediation.employer_contact_id):
        return _("调解员是本案当事人")
    if mediation.employer_id and mediation.employer_id in organizations_of(user):
        return _("调解员在用人单位任职")
    return ""


def eligible_mediators(mediation: Mediation, *, exclude=()) -> list[MediatorProfile]:
    """Mediators on the roll whose area covers the case's region and who take its dispute type, without a
    conflict of interest, fewest open cases first (then the longest on the roll)."""
    profiles = (MediatorProfile.objects.filter(active=True, user__is_active=True)
                .exclude(user_id__in=list(exclude)).select_related("user", "region", "organization")
                .annotate(load=Count("user__mediation_cases", filter=Q(user__mediation_cases__status__in=OPEN_STATUSES)))
                .order_by("load", "id"))
    path = mediation.region.path
    chosen = []
    for profile in profiles:
        if not (path == profile.region.path or path.startswith(profile.region.path.rstrip("/") + "/")):
            continue
        if profile.dispute_types and mediation.dispute_type not in profile.dispute_types:
            continue
        if conflict_reason(profile, mediation):
            continue
        chosen.append(profile)
    return chosen


def committee_for(mediation: Mediation):
    """The mediation organisation that takes the case: the first eligible mediator's, else any on the roll
    whose area covers the region."""
    candidates = eligible_mediators(mediation)
    if candidates:
        return candidates[0].organization, candidates[0].user
    path = mediation.region.path
    for profile in MediatorProfile.objects.filter(active=True).select_related("region", "organization"):
        if path == profile.region.path or path.startswith(profile.region.path.rstrip("/") + "/"):
            return profile.organization, None
    return None, None


def _set_mediator(mediation: Mediation, mediator, *, actor, comment: str) -> None:
    from zhili.core.cases.api import assign_case

    mediation.mediator = mediator
    mediation.save(update_fields=["mediator", "updated_at"])
    if mediation.case_id:
        assign_case(mediation.case, actor=actor, assignee=mediator, organization=mediation.committee,
                    comment=comment)


@transaction.atomic
def assign_mediator(mediation: Mediation, mediator, *, actor, comment: str = "") -> Mediation:
    """指派调解员 by the committee: refused when the mediator has a conflict of interest or is not on the roll."""
    require(actor, "mediation.mediation.assign", mediation)
    mediation = locked(mediation)
    if not mediation.is_open:
        raise ValidationError({"status": _("案件状态为「{s}」，不能再指派").format(s=mediation.status_choice.label)},
                              code="closed")
    profile = MediatorProfile.objects.filter(user=mediator, active=True).select_related("user").first()
    if profile is None:
        raise ValidationError({"mediator": _("调解员：不在调解员名册中")}, code="not_on_roll")
    reason = conflict_reason(profile, mediation)
    if reason:
        raise ValidationError({"mediator": _("调解员须回避：{reason}").format(reason=reason)}, code="conflict")
    previous = mediation.mediator_id
    _set_mediator(mediation, mediator, actor=actor, comment=comment or _("调解委员会指派"))
    record("mediator.assigned", mediation, actor=actor, previous=previous, mediator_id=mediator.pk)
    if mediation.status == MediationStatus.MEDIATING:
        move_case(mediation, "start", actor=actor)
    notify_user(mediator, "mediation_assigned", mediation, actor=actor, dedup=f"assigned:{mediator.pk}")
    publish("mediator.assigned", mediation, mediator_id=mediator.pk)
    return mediation


@transaction.atomic
def decline_for_conflict(mediation: Mediation, *, actor, reason: str) -> Mediation:
    """The assigned mediator declares a conflict of interest (回避): the employer goes on their list and the case
    passes to the next eligible mediator, or back to the committee if there is none."""
    require(actor, "mediation.mediation.decline_conflict", mediation)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("回避理由：必须填写")}, code="required")
    mediation = locked(mediation)
    if not mediation.is_open:
        raise ValidationError({"status": _("案件已结案")}, code="closed")
    profile = MediatorProfile.objects.select_for_update().get(user=actor)
    if mediation.employer_uscc not in profile.conflict_usccs:
        profile.conflict_usccs = sorted({*profile.conflict_usccs, mediation.employer_uscc})
        profile.save(update_fields=["conflict_usccs", "updated_at"])
    candidates = eligible_mediators(mediation, exclude=[actor.pk])
    successor = candidates[0].user if candidates else None
    record("mediator.declined", mediation, actor=actor, reason=reason[:300],
           successor_id=getattr(successor, "pk", None))
    _set_mediator(mediation, successor, actor=actor, comment=_("调解员申请回避：{r}").format(r=reason[:200]))
    if successor is not None:
        notify_user(successor, "mediation_assigned", mediation, actor=actor, dedup=f"assigned:{successor.pk}")
    publish("mediator.declined", mediation, successor_id=getattr(successor, "pk", None))
    return mediation
