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
    registration), dog owner (a dog licence) — one query."""
    from django.db.models import Exists, OuterRef

    from zhili.core.identity.api import User

    if not user.is_authenticated:
        return set()
    found = User.objects.filter(pk=user.pk).values_list(
        Exists(BenefitClaim.objects.filter(person=OuterRef("pk"))),
        Exists(ResidenceRegistration.objects.filter(person=OuterRef("pk"))),
        Exists(DogLicence.objects.filter(person=OuterRef("pk")))).first() or (False, False, False)
    return {tag for tag, held in zip(("unemployed", "migrant", "dog_owner"), found, strict=True) if held}


_CATALOGUE: dict[str, list] = {}


def catalogue_version() -> str:
    """A cheap fingerprint of the catalogue (count and last change): a cached copy is used while it holds."""
    from django.db.models import Count, Max

    found = Matter.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return f"{found['n']}-{found['at'].timestamp() if found['at'] else 0}"


def catalogue(version: str | None = None) -> list:
    """The catalogue's matters in order, kept per process for the ``version`` it was read at (a change made by
    any process changes the version, so no process serves a stale catalogue)."""
    version = version or catalogue_version()
    matters = _CATALOGUE.get(version)
    if matters is None:
        matters = list(Matter.objects.all())
        _CATALOGUE.clear()
        _CATALOGUE[version] = matters
    return matters


def matters_for(user, *, stage: str = "", chosen: set[str] | frozenset = frozenset(), held: set[str] | None = None,
                version: str | None = None) -> tuple[list, list]:
    """(matters for the person's situation, the rest) — those matching a held or chosen situation come first."""
    tags = (situations_of(user) if held is None else held) | set(chosen)
    first, rest = [], []
    for matter in catalogue(version):
        if stage and matter.stage != stage:
            continue
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


def service_monitoring(on, days: int = 30) -> dict:
    """Visits, handled and good ratings of the ``days`` up to ``on`` from the province's daily statistics
    (``sm_service_statistics``), summed by day and by matter in DuckDB; each matter with its measured reduction
    of materials and time from the catalogue."""
    import datetime as dt

    from zhili.core.datapool.api import connect, ibis_table

    since = on - dt.timedelta(days=days - 1)
    con = connect("duckdb")
    try:
        stats = ibis_table("sm_service_statistics", "duckdb", con=con)
        stats = stats.filter((stats.day >= since) & (stats.day <= on))
        sums = {"visits": stats.visits.sum(), "handled": stats.handled.sum(), "ratings": stats.ratings.sum(),
                "good": stats.good_ratings.sum()}
        per_day = stats.group_by("day").aggregate(**sums).order_by("day").to_pyarrow().to_pylist()
        per_matter = stats.group_by("matter_code").aggregate(**sums).to_pyarrow().to_pylist()
    finally:
        con.disconnect()
    matters = {m.code: m for m in Matter.objects.filter(code__in=[r["matter_code"] for r in per_matter])}
    rows = []
    for row in per_matter:
        matter = matters.get(row["matter_code"])
        if matter is not None:
            rows.append({**row, "matter": matter,
                         "good_rate": row["good"] / row["ratings"] if row["ratings"] else None})
    rows.sort(key=lambda r: -r["visits"])
    n_days = len(per_day)
    total = {key: sum(r[key] for r in per_day) for key in sums}
    return {"per_day": per_day, "per_matter": rows, "days": n_days, "since": since,
            "visits_per_day": total["visits"] / n_days if n_days else None,
            "handled_per_day": total["handled"] / n_days if n_days else None,
            "good_rate": total["good"] / total["ratings"] if total["ratings"] else None}


def visible_findings(user) -> QuerySet:
    """An experience officer's own findings; 发改委's officer's in their scope; a platform administrator's all."""
    from .models import Finding
    from .roles import EXPERIENCE, OFFICER

    findings = Finding.objects.select_related("matter", "region", "case")
    if has_role(user, OFFICER, Role.PLATFORM_ADMIN):
        scoped = filter_by_scope(user, findings)
        return scoped | findings.filter(officer=user) if has_role(user, EXPERIENCE) else scoped
    return findings.filter(officer=user)


def finding_for(user, pk: int):
    """The finding ``pk`` if ``user`` may see it (the officer, 发改委, the department on its case); 404 otherwise."""
    from django.http import Http404

    from zhili.core.identity.api import can

    from .models import Finding

    finding = get_object_or_404(Finding.objects.select_related("matter", "region", "case", "officer"), pk=pk)
    if not can(user, "small_matters.finding.view", finding):
        raise Http404("没有这条体验发现")
    return finding


def findings_per_matter(user) -> list[tuple[str, int]]:
    """(matter name, findings) in ``user``'s scope, most first."""
    from django.db.models import Count

    rows = (visible_findings(user).order_by().values("matter__name").annotate(n=Count("id")).order_by("-n"))
    return [(row["matter__name"], row["n"]) for row in rows]
