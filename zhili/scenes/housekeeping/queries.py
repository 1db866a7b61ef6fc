"""Reads of the 浙里好家政 scene: what a person may see, and the figures of the cockpit."""

from collections import Counter

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .choices import CodeColour, SlipStatus
from .models import Agency, Customer, NoticeSlip, WatchListEntry, Worker
from .roles import AGENCY_ADMIN, CLERK


def _is_clerk(user) -> bool:
    return has_role(user, CLERK, Role.PLATFORM_ADMIN)


def visible_agencies(user) -> QuerySet:
    """A clerk's agencies in their region's scope; an agency administrator's own agencies; nothing for others."""
    agencies = Agency.objects.select_related("region", "organization")
    if _is_clerk(user):
        return filter_by_scope(user, agencies)
    return agencies.filter(organization_id__in=organizations_of(user, AGENCY_ADMIN))


def visible_workers(user) -> QuerySet:
    """Workers a clerk (region scope) or an agency administrator (own agency) may see; a worker sees themself."""
    workers = Worker.objects.select_related("agency", "region")
    if _is_clerk(user):
        return filter_by_scope(user, workers)
    if has_role(user, AGENCY_ADMIN):
        return workers.filter(agency__organization_id__in=organizations_of(user, AGENCY_ADMIN))
    return workers.filter(user_id=user.pk) if user.is_authenticated else workers.none()


def worker_for(user, pk: int) -> Worker:
    """The worker ``pk`` if ``user`` may see their record; "not found" otherwise."""
    return get_object_or_404(visible_workers(user), pk=pk)


def agency_for(user, pk: int) -> Agency:
    return get_object_or_404(visible_agencies(user), pk=pk)


def own_worker(user) -> Worker | None:
    """The worker record of the signed-in person, if they are a registered housekeeper."""
    if not user.is_authenticated:
        return None
    return Worker.objects.select_related("agency").filter(user=user, active=True).first()


def own_customer(user) -> Customer | None:
    if not user.is_authenticated:
        return None
    return Customer.objects.filter(user=user).first()


def may_see_worker_key(user, key: str) -> bool:
    """Whether ``user`` may see the worker whose code key is ``key`` (core.indicators' generic pages ask)."""
    return visible_workers(user).filter(code_key=key).exists()


def visible_slips(user) -> QuerySet:
    """Notice slips of the workers ``user`` may see (a worker's own, an agency's, a clerk's region)."""
    return NoticeSlip.objects.select_related("worker", "agency").filter(worker__in=visible_workers(user))


def slip_for(user, pk: int) -> NoticeSlip:
    return get_object_or_404(visible_slips(user), pk=pk)


def visible_watch_list(user) -> QuerySet:
    """Open and lifted watch-list entries a clerk may see (only clerks see the watch list)."""
    if not _is_clerk(user):
        return WatchListEntry.objects.none()
    return WatchListEntry.objects.select_related("worker", "worker__agency").filter(
        worker__in=filter_by_scope(user, Worker.objects.all()))


def watch_entry_for(user, pk: int) -> WatchListEntry:
    return get_object_or_404(visible_watch_list(user), pk=pk)


def colour_counts(workers: QuerySet) -> dict[str, int]:
    """How many active workers show each colour (every colour listed, zero included)."""
    counts = Counter(workers.filter(active=True).values_list("code_colour", flat=True))
    return {colour: counts.get(colour, 0) for colour in CodeColour.values}


def open_slips(slips: QuerySet) -> QuerySet:
    return slips.filter(status=SlipStatus.SENT)


def visible_orders(user) -> QuerySet:
    """Orders a person is party to (customer, worker, agency) or, for a clerk, those of their region."""
    from .models import Order

    orders = Order.objects.select_related("request", "customer", "worker", "agency")
    if _is_clerk(user):
        return filter_by_scope(user, orders)
    if not user.is_authenticated:
        return orders.none()
    return orders.filter(Q(customer__user=user) | Q(worker__user=user)
                         | Q(agency__organization_id__in=organizations_of(user, AGENCY_ADMIN)))


def order_for(user, pk: int):
    return get_object_or_404(visible_orders(user), pk=pk)


def request_for(user, pk: int):
    """A customer's own request (nobody else's)."""
    from .models import ServiceRequest

    return get_object_or_404(ServiceRequest.objects.filter(customer__user=user), pk=pk) if user.is_authenticated \
        else get_object_or_404(ServiceRequest.objects.none(), pk=pk)


def visible_seekers(user) -> QuerySet:
    from .models import JobSeeker

    if not _is_clerk(user):
        return JobSeeker.objects.none()
    return filter_by_scope(user, JobSeeker.objects.select_related("worker"))


def seeker_for(user, pk: int):
    return get_object_or_404(visible_seekers(user), pk=pk)
