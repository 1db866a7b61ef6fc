"""Reads of the 云调解室 scene: what a person may see, and the figures of the cockpit."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .choices import DisputeType, MediationStatus
from .models import Mediation
from .roles import ADMIN

# The seed's figure (九龙坡: 53 cases, 33 settled), the reference line of the cockpit.
SEED_SETTLE_RATE = 0.63


def visible_mediations(user) -> QuerySet:
    """A committee administrator's cases in their scope (a platform administrator's everywhere); a mediator's
    own; a party's own (by account, by the phone they log in with, or as the employer's administrator)."""
    rows = Mediation.objects.select_related("region", "mediator", "committee")
    if not getattr(user, "is_authenticated", False):
        return rows.none()
    if has_role(user, ADMIN, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, rows)
    mine = Q(mediator=user) | Q(worker=user) | Q(employer_contact=user)
    if user.phone_index:
        mine |= Q(worker_phone_index=user.phone_index) | Q(employer_phone_index=user.phone_index)
    employers = organizations_of(user, Role.EMPLOYER_ADMIN)
    if employers:
        mine |= Q(employer_id__in=employers)
    return rows.filter(mine)


def mediation_for(user, pk: int) -> Mediation:
    """The mediation ``pk`` if ``user`` may see it; "not found" otherwise, as for one that does not exist."""
    return get_object_or_404(visible_mediations(user), pk=pk)


def filtered(rows: QuerySet, *, status: str = "", dispute_type: str = "", q: str = "") -> QuerySet:
    if status in MediationStatus.values:
        rows = rows.filter(status=status)
    if dispute_type in DisputeType.values:
        rows = rows.filter(dispute_type=dispute_type)
    q = (q or "").strip()
    if q:
        rows = rows.filter(Q(number__icontains=q) | Q(employer_name__icontains=q) | Q(employer_uscc__icontains=q))
    return rows


def status_counts(rows: QuerySet) -> dict[str, int]:
    counts = Counter(rows.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in MediationStatus.values}


def settle_rate(rows: QuerySet) -> float | None:
    """Settled among the mediations that ended with or without agreement (withdrawals left out)."""
    counts = status_counts(rows)
    ended = counts[MediationStatus.SETTLED] + counts[MediationStatus.FAILED]
    return round(counts[MediationStatus.SETTLED] / ended, 4) if ended else None


def recovered_amount(rows: QuerySet) -> Decimal:
    """The total agreed in settled mediations (yuan)."""
    total = Decimal("0.00")
    for value in rows.filter(status=MediationStatus.SETTLED).values_list("claims__agreed_amount", flat=True):
        total += value or 0
    return total


def average_days(rows: QuerySet) -> float | None:
    """Average days from receipt to closure of the closed mediations."""
    spans = [(closed.date() - received).days
             for received, closed in rows.filter(closed_at__isnull=False).values_list("received_on", "closed_at")]
    return round(sum(spans) / len(spans), 1) if spans else None


def by_type(rows: QuerySet) -> list[dict]:
    counts = Counter(rows.values_list("dispute_type", flat=True))
    return [{"type": t, "label": str(DisputeType(t).label), "count": counts.get(t, 0)} for t in DisputeType.values]


def by_mediator(rows: QuerySet) -> list[dict]:
    table: dict = defaultdict(lambda: {"cases": 0, "settled": 0, "failed": 0})
    for name, username, status in rows.filter(mediator__isnull=False).values_list(
            "mediator__name", "mediator__username", "status"):
        row = table[name or username]
        row["cases"] += 1
        row["settled"] += status == MediationStatus.SETTLED
        row["failed"] += status == MediationStatus.FAILED
    result = []
    for name, row in sorted(table.items()):
        ended = row["settled"] + row["failed"]
        result.append({"mediator": name, **row, "settle_rate": round(row["settled"] / ended, 4) if ended else None})
    return result


def by_region(rows: QuerySet) -> list[dict]:
    counts = Counter(rows.values_list("region__name", "status"))
    regions = sorted({name for name, _status in counts})
    return [{"region": r, "cases": sum(n for (name, _s), n in counts.items() if name == r),
             "settled": counts.get((r, MediationStatus.SETTLED), 0)} for r in regions]


def overview(rows: QuerySet) -> dict:
    counts = status_counts(rows)
    return {"cases": sum(counts.values()), "status": counts, "settle_rate": settle_rate(rows),
            "seed_settle_rate": SEED_SETTLE_RATE, "recovered": str(recovered_amount(rows)),
            "average_days": average_days(rows), "types": by_type(rows), "mediators": by_mediator(rows),
            "regions": by_region(rows)}
