"""Reads of the 关键小事 scene: what a person may see, the matters for their situation, and the cockpit's figures."""

from collections import Counter

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import Role, filter_by_scope, has_role

from .choices import ClaimStatus
from .models import BenefitClaim, DogLicence, Matter, Rating, ResidenceRegistration
from .roles import CLERK, POLICE


def visible_claims(user) -> QuerySet:
    """A clerk's claims in their region's scope (a platform administrator's everywhere); anyone else's own."""
    claims = BenefitClaim.objects.select_related("region", "person")
    if has_role(user, CLERK, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, claims)
    return claims.filter(person=user) if user.is_authenticated else claims.none()


def claim_for(user, pk: int) -> BenefitClaim:
    """The claim ``pk`` if ``user`` may see it; "not found" otherwise, as for one that does not exist."""
    return get_object_or_404(visible_claims(user), pk=pk)


def own_claims(user) -> QuerySet:
    return BenefitClaim.objects.filter(person=user).select_related("region") if user.is_authenticated \
        else BenefitClaim.objects.none()


def status_counts(claims: QuerySet) -> dict[str, int]:
    """How many claims stand in each state (every state listed, zero included)."""
    counts = Counter(claims.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def situations_of(user) -> set[str]:
    """The situation tags the platform holds for ``user``: unemployed (a benefit claim), migrant (a residence
    registration), dog owner (a dog licence)."""
    tags = set()
    if own_claims(user).exists():
        tags.add("unemployed")
    if user.is_authenticated and ResidenceRegistration.objects.filter(person=user).exists():
        tags.add("migrant")
    if user.is_authenticated and DogLicence.objects.filter(person=user).exists():
        tags.add("dog_owner")
    return tags


def matters_for(user, *, stage: str = "", chosen: set[str] | frozenset = frozenset()) -> tuple[list, list]:
    """(matters for the person's situation, the rest) — those matching a held or chosen situation come first."""
    matters = Matter.objects.all()
    if stage:
        matters = matters.filter(stage=stage)
    tags = situations_of(user) | set(chosen)
    first, rest = [], []
    for matter in matters:
        (first if tags & set(matter.situations) else rest).append(matter)
    return first, rest


def catalogue_figures(matters=None) -> dict:
    """Counts per stage and the measured reduction of materials and time over the catalogue (totals, 0–1)."""
    matters = list(matters if matters is not None else Matter.objects.all())
    before_materials = sum(m.materials_before for m in matters)
    before_days = sum(m.days_before for m in matters)
    return {
        "matters": len(matters),
        "per_stage": Counter(m.stage for m in matters),
        "materials_cut": 1 - sum(len(m.materials) for m in matters) / before_materials if before_materials else 0.0,
        "time_cut": 1 - sum(m.time_limit_days for m in matters) / before_days if before_days else 0.0,
    }


def visible_registrations(user) -> QuerySet:
    """A police officer's residence registrations in their region's scope; anyone else's own."""
    registrations = ResidenceRegistration.objects.select_related("region", "person")
    if has_role(user, POLICE, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, registrations)
    return registrations.filter(person=user) if user.is_authenticated else registrations.none()


def registration_for(user, pk: int) -> ResidenceRegistration:
    return get_object_or_404(visible_registrations(user), pk=pk)


def rating_of(subject_key: str):
    return Rating.objects.filter(subject=subject_key).first()


def satisfaction(ratings=None) -> dict:
    """Ratings per grade and the good-rating rate (基本满意 and better, over all ratings; None without ratings)."""
    ratings = ratings if ratings is not None else Rating.objects.all()
    counts = Counter(ratings.values_list("grade", flat=True))
    total = sum(counts.values())
    good = sum(n for grade, n in counts.items() if int(grade) >= 3)
    return {"counts": counts, "total": total, "good_rate": good / total if total else None}


def satisfaction_per_matter() -> list[tuple]:
    """(matter, ratings, good-rating rate) for every rated matter, worst first."""
    rows = []
    for matter in Matter.objects.filter(ratings__isnull=False).distinct():
        figures = satisfaction(matter.ratings.all())
        rows.append((matter, figures["total"], figures["good_rate"]))
    return sorted(rows, key=lambda row: (row[2], row[0].position))
