"""Reads of the 安薪在线 scene: what a person may see; 404 for everything else."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .models import PaymentBatch, Project, RosterEntry, WageLine, WageSheet
from .roles import CONTRACTOR, OFFICERS, TEAM_LEAD


def visible_projects(user) -> QuerySet:
    """Officers: their region's projects; a GC's labour manager: the GC's; a team lead: the subcontractor's."""
    projects = Project.objects.select_related("region", "builder", "general_contractor")
    if not user.is_authenticated:
        return projects.none()
    condition = Q(pk__in=[])
    if has_role(user, *OFFICERS, Role.PLATFORM_ADMIN):
        condition |= Q(pk__in=filter_by_scope(user, Project.objects.all()).values("pk"))
    contractors = organizations_of(user, CONTRACTOR)
    if contractors:
        condition |= Q(general_contractor_id__in=contractors)
    leads = organizations_of(user, TEAM_LEAD)
    if leads:
        condition |= Q(subcontracts__contractor_id__in=leads)
    return projects.filter(condition).distinct()


def project_for(user, pk: int) -> Project:
    return get_object_or_404(visible_projects(user), pk=pk)


def visible_sheets(user) -> QuerySet:
    return WageSheet.objects.filter(project__in=visible_projects(user)).select_related("project", "team")


def sheet_for(user, pk: int) -> WageSheet:
    return get_object_or_404(visible_sheets(user), pk=pk)


def batch_for(user, pk: int) -> PaymentBatch:
    return get_object_or_404(PaymentBatch.objects.filter(sheet__in=visible_sheets(user)).select_related(
        "sheet__project", "sheet__team"), pk=pk)


def my_lines(user) -> QuerySet:
    """A worker's own wage lines, newest month first."""
    return (WageLine.objects.filter(entry__worker=user).exclude(status="draft")
            .select_related("sheet__project", "sheet__team", "entry").order_by("-sheet__month", "-id"))


def my_line(user, pk: int) -> WageLine:
    return get_object_or_404(my_lines(user), pk=pk)


def my_entries(user) -> QuerySet:
    return RosterEntry.objects.filter(worker=user).select_related("project", "team")
