"""Reads of the 安薪在线 scene: what a person may see; 404 for everything else."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from .models import (
    BlacklistEntry,
    Complaint,
    CreditRating,
    PaymentBatch,
    Project,
    RiskFinding,
    RosterEntry,
    WageLine,
    WageSheet,
)
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


def visible_findings(user, *, kind: str = "", open: bool = True) -> QuerySet:
    findings = RiskFinding.objects.filter(project__in=visible_projects(user)).select_related("project", "case")
    if kind:
        findings = findings.filter(kind=kind)
    if open:
        findings = findings.filter(cleared_on__isnull=True)
    return findings.order_by("-found_on", "-id")


def my_complaints(user) -> QuerySet:
    return Complaint.objects.filter(complainant=user).select_related("project", "case").order_by("-id")


def _regional_orgs(user):
    from zhili.core.orgs.api import Organization

    return filter_by_scope(user, Organization.objects.all())


def visible_ratings(user) -> QuerySet:
    return CreditRating.objects.filter(organization__in=_regional_orgs(user)).select_related("organization")


def visible_blacklist(user) -> QuerySet:
    return BlacklistEntry.objects.filter(organization__in=_regional_orgs(user)).select_related("organization")


SEED_ARREARS_PER_MILLE = 1.3   # the seed: 欠薪率 1.3‰
SEED_RESOLUTION_PERCENT = 97.94  # the seed: 化解率 97.94 %


def cockpit_figures(user, day) -> dict:
    """The cockpit's figures over the projects ``user`` may see, on ``day``.

    Arrears rate (‰): workers with a line unpaid after its agreed pay day, per thousand workers on the rosters.
    Resolution rate (%): complaints and disputes whose case is closed, of all of them.
    """
    from collections import Counter, defaultdict

    from zhili.core.cases.api import Case

    from .services.checks import pay_date

    projects = visible_projects(user)
    workers = RosterEntry.objects.filter(project__in=projects).values("worker_id").distinct().count()
    owed = set()
    for line in WageLine.objects.filter(sheet__project__in=projects).exclude(status="draft").select_related(
            "sheet__project", "entry"):
        if line.net > line.paid_amount and day > pay_date(line.sheet.project, line.sheet.month):
            owed.add(line.entry.worker_id)
    case_ids = list(Complaint.objects.filter(project__in=projects).values_list("case_id", flat=True)) + list(
        WageLine.objects.filter(sheet__project__in=projects, dispute_case__isnull=False)
        .values_list("dispute_case_id", flat=True))
    states = Counter(Case.objects.filter(pk__in=case_ids).values_list("state", flat=True))
    closed = states.get("closed", 0)
    paid_by_month = defaultdict(lambda: [set(), 0])
    for month, worker_id, amount in WageLine.objects.filter(sheet__project__in=projects, paid_amount__gt=0).values_list(
            "sheet__month", "entry__worker_id", "paid_amount"):
        paid_by_month[month][0].add(worker_id)
        paid_by_month[month][1] += amount
    return {
        "projects": Counter(projects.values_list("status", flat=True)),
        "workers": workers, "owed_workers": len(owed),
        "cases": sum(states.values()), "closed_cases": closed,
        "paid_by_month": {m: (len(w), total) for m, (w, total) in sorted(paid_by_month.items())},
        "channels": Counter(Complaint.objects.filter(project__in=projects).values_list("channel", flat=True)),
        "findings": Counter(RiskFinding.objects.filter(project__in=projects, cleared_on__isnull=True)
                            .values_list("kind", flat=True)),
    }
