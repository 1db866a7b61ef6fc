"""Reads of regions and organisations, limited to what a person may see."""

from django.db.models import QuerySet

from .choices import OrganizationKind
from .models import Organization, Region


def regions_under(region: Region, *, include_self: bool = True) -> QuerySet:
    """``region`` and every region below it (by path), in code order."""
    regions = Region.objects.filter(path__startswith=region.path)
    if not include_self:
        regions = regions.exclude(pk=region.pk)
    return regions.order_by("code")


def enterprises_in_scope(user) -> QuerySet:
    """Enterprises the user may see: those in their department data scope and those they belong to."""
    from zhili.core.identity.permissions import filter_by_scope, organizations_of

    enterprises = Organization.objects.filter(kind=OrganizationKind.ENTERPRISE)
    scoped = filter_by_scope(user, enterprises)
    own = organizations_of(user)
    if own:
        scoped = scoped | enterprises.filter(pk__in=own)
    return scoped.select_related("region", "industry").distinct().order_by("name")


def region_by_code(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()
