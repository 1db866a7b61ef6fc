"""Reads of the 童装产业大脑 scene: what a person may see, and the figures of the map, monitoring and cockpit."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .choices import FirmRole, OrderStatus, PartStatus
from .models import Design, Firm, LoanDecision, OrderPart, ProcurementBatch, ProductionOrder, WorkerProfile
from .roles import BANK, FIRM_ROLES, OFFICER
from .rules import value
from .similarity import Likeness, likeness


def is_officer(user) -> bool:
    return has_role(user, OFFICER, Role.PLATFORM_ADMIN)


def firms(user) -> QuerySet:
    """The firms an officer sees (their district); anyone else sees the cluster's directory too (names, roles)."""
    found = Firm.objects.select_related("organization", "region")
    return filter_by_scope(user, found) if is_officer(user) else found


def my_firm(user) -> Firm | None:
    """The firm the user acts for (the first, if several)."""
    return (Firm.objects.filter(organization_id__in=organizations_of(user, *FIRM_ROLES))
            .select_related("organization", "region").order_by("id").first())


def orders(user) -> QuerySet:
    """An officer's district's orders; a brand's own; a factory's the ones it has a part of."""
    found = ProductionOrder.objects.select_related("brand__organization")
    if is_officer(user):
        return filter_by_scope(user, found)
    mine = organizations_of(user, *FIRM_ROLES)
    return found.filter(Q(brand__organization_id__in=mine) | Q(parts__factory__organization_id__in=mine)).distinct()


def order_for(user, pk: int) -> ProductionOrder:
    found = orders(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个订单")
    return found


def parts(user) -> QuerySet:
    found = OrderPart.objects.select_related("order__brand__organization", "factory__organization")
    if is_officer(user):
        return filter_by_scope(user, found, "factory__region")
    return found.filter(factory__organization_id__in=organizations_of(user, *FIRM_ROLES))


def part_for(user, pk: int) -> OrderPart:
    found = parts(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这项派单")
    return found


def late_risk(user=None, day=None) -> list[OrderPart]:
    """Accepted parts behind schedule: fewer pieces made than a steady pace from acceptance to finish would have,
    by more than a fifth of the part, or past their finish date unfinished."""
    day = day or timezone.localdate()
    found = OrderPart.objects.filter(status=PartStatus.ACCEPTED).select_related("order", "factory__organization")
    if user is not None:
        found = parts(user).filter(status=PartStatus.ACCEPTED)
    risky = []
    for part in found:
        start = (part.responded_at or part.created_at).date()
        span = max(1, (part.finish_by - start).days)
        expected = part.quantity * min(1.0, max(0, (day - start).days) / span)
        if day > part.finish_by or expected - part.made > part.quantity / 5:
            risky.append(part)
    return risky


def batches(user) -> QuerySet:
    found = ProcurementBatch.objects.all()
    if is_officer(user):
        return filter_by_scope(user, found)
    firm = my_firm(user)
    if firm is None:
        return found.none()
    if firm.role == FirmRole.SUPPLIER:
        return found
    return found.filter(needs__firm=firm).distinct()


def batch_for(user, pk: int) -> ProcurementBatch:
    found = batches(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个集采批次")
    return found


def designs(user, tag: str = "") -> QuerySet:
    """Public designs and the user's own firm's private ones; by tag when one is given."""
    mine = organizations_of(user, *FIRM_ROLES)
    found = Design.objects.filter(Q(private=False) | Q(owner__organization_id__in=mine)).select_related(
        "owner__organization").defer("content")
    tag = (tag or "").strip()
    if tag:  # tags are a JSON list (stored escaped on SQLite): matched exactly, in Python, on the ids and tags only
        found = found.filter(pk__in=[pk for pk, tags in found.values_list("pk", "tags") if tag in tags])
    return found


def design_for(user, pk: int) -> Design:
    found = designs(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这个设计")
    return found


def similar_designs(user, design: Design, limit: int = 5) -> list[tuple[Design, Likeness]]:
    """The designs the user may see most like ``design`` (``similarity.likeness``: picture hash, tags, sizes),
    best first; shown only when they share a tag or their picture is a near duplicate."""
    weights = value("design_similarity_weights", timezone.localdate())
    scored = [(other, found) for other in designs(user).exclude(pk=design.pk).defer("content")
              if (found := likeness(design, other, weights)).shown]
    scored.sort(key=lambda pair: (-pair[1].score, pair[0].pk))
    return scored[:limit]


def profile_of(user) -> WorkerProfile | None:
    return WorkerProfile.objects.filter(user=user).first()


def loans(user) -> QuerySet:
    found = LoanDecision.objects.select_related("firm__organization", "bank")
    if is_officer(user):
        return filter_by_scope(user, found, "firm__region")
    return found.filter(Q(bank_id__in=organizations_of(user, BANK))
                        | Q(firm__organization_id__in=organizations_of(user, *FIRM_ROLES)))


def loan_for(user, pk: int) -> LoanDecision:
    found = loans(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有这笔贷款申请")
    return found


def headline(user) -> dict:
    """The cockpit's headline figures for the officer's district."""
    scoped = firms(user)
    mine_orders = orders(user)
    decided = [loan.cycle_days for loan in loans(user).exclude(decided_at=None)]
    return {
        "firms": scoped.count(),
        "by_role": {FirmRole(r).label: scoped.filter(role=r).count() for r in FirmRole.values},
        "capacity": scoped.aggregate(n=Sum("monthly_capacity"))["n"] or 0,
        "orders": mine_orders.count(),
        "open_orders": mine_orders.filter(status=OrderStatus.POSTED).count(),
        "pieces": mine_orders.aggregate(n=Sum("quantity"))["n"] or 0,
        "savings": batches(user).aggregate(n=Sum("savings"))["n"] or 0,
        "loan_days": round(sum(decided) / len(decided), 1) if decided else None,
    }
