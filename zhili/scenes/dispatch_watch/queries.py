"""Reads of the 劳务派遣监管 scene: what a person may see, and the figures of the cockpit."""

import datetime as dt
from collections import Counter

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import filter_by_scope, has_role

from .choices import LicenceStatus, PostNature, ReportStatus, Verdict
from .models import Agency, AnnualReport, DispatchedWorker, HostEmployer, HostWarning, SpecialHoursApproval
from .permissions import agency_org_ids, employer_org_ids
from .roles import OFFICER
from .rules import renewal_opens


def visible_agencies(user) -> QuerySet:
    """An officer's agencies in their scope; an agency's staff their own agency."""
    agencies = Agency.objects.select_related("organization", "region")
    if has_role(user, OFFICER):
        return filter_by_scope(user, agencies)
    return agencies.filter(organization_id__in=agency_org_ids(user))


def agency_for(user, pk: int) -> Agency:
    return get_object_or_404(visible_agencies(user), pk=pk)


def agency_list(user, *, q: str = "", status: str = "", grade: str = "", region: str = "") -> QuerySet:
    agencies = visible_agencies(user).annotate(
        active_workers=Count("workers", filter=Q(workers__status="active"), distinct=True)).order_by("licence_no")
    if q:
        agencies = agencies.filter(Q(organization__name__icontains=q) | Q(licence_no__icontains=q)
                                   | Q(organization__uscc__icontains=q))
    if status:
        agencies = agencies.filter(licence_status=status)
    if grade:
        agencies = agencies.filter(credit_grade="" if grade == "-" else grade)
    if region:
        agencies = agencies.filter(Q(region__code=region) | Q(region__path__contains=f"/{region}/"))
    return agencies


def licence_state(agency: Agency, today: dt.date) -> dict:
    """Where the licence stands today: days left, the last day to apply for renewal, whether it has passed."""
    last_day = renewal_opens(agency.licence_expires_on)
    return {"days_left": (agency.licence_expires_on - today).days, "renew_by": last_day,
            "renewal_missed": agency.licence_status == LicenceStatus.VALID and today > last_day}


def visible_reports(user) -> QuerySet:
    reports = AnnualReport.objects.select_related("agency__organization", "agency__region", "case")
    if has_role(user, OFFICER):
        return filter_by_scope(user, reports, region_field="agency__region")
    return reports.filter(agency__organization_id__in=agency_org_ids(user))


def report_for(user, pk: int) -> AnnualReport:
    return get_object_or_404(visible_reports(user), pk=pk)


def report_list(user, *, year: str = "", verdict: str = "", status: str = "") -> QuerySet:
    reports = visible_reports(user)
    if year:
        reports = reports.filter(year=int(year))
    if verdict:
        reports = reports.filter(verdict=verdict)
    if status:
        reports = reports.filter(status=status)
    return reports


def verdict_counts(reports: QuerySet) -> dict[str, int]:
    counts = Counter(reports.filter(status=ReportStatus.VERIFIED).values_list("verdict", flat=True))
    return {v: counts.get(v, 0) for v in Verdict.values}


def published_results(year: int) -> QuerySet:
    """What the public sees: each agency's verified, published result for ``year``."""
    return (AnnualReport.objects.filter(year=year, published=True).select_related("agency__organization")
            .order_by("agency__licence_no"))


def workers_of(agency: Agency) -> QuerySet:
    return DispatchedWorker.objects.filter(agency=agency).select_related("host", "work_region")


def visible_hosts(user) -> QuerySet:
    if not has_role(user, OFFICER):
        return HostEmployer.objects.none()
    return filter_by_scope(user, HostEmployer.objects.select_related("region"))


def host_for(user, pk: int) -> HostEmployer:
    return get_object_or_404(visible_hosts(user), pk=pk)


def visible_warnings(user, *, level: str = "") -> QuerySet:
    if not has_role(user, OFFICER):
        return HostWarning.objects.none()
    warnings = filter_by_scope(user, HostWarning.objects.select_related("host__region", "case"), region_field="host__region")
    return warnings.filter(level=level) if level else warnings


def visible_approvals(user) -> QuerySet:
    approvals = SpecialHoursApproval.objects.select_related("organization", "region")
    if has_role(user, OFFICER):
        return filter_by_scope(user, approvals)
    return approvals.filter(organization_id__in=employer_org_ids(user))


def approval_for(user, pk: int) -> SpecialHoursApproval:
    return get_object_or_404(visible_approvals(user), pk=pk)


def roster_breakdown(user, day: dt.date, *, region: str = "", grade: str = "") -> dict:
    """Active dispatched workers in the officer's scope by post nature, age band, place and insurance."""
    workers = DispatchedWorker.objects.filter(agency__in=agency_list(user, region=region, grade=grade).values("pk"),
                                              dispatch_start__lte=day, dispatch_end__gte=day)
    nature = Counter(workers.values_list("post_nature", flat=True))
    ages = Counter()
    for birth_year in workers.values_list("birth_year", flat=True):
        age = day.year - birth_year
        ages["<25" if age < 25 else "25-34" if age < 35 else "35-44" if age < 45 else "45-54" if age < 55 else "55+"] += 1
    place = Counter(workers.values_list("work_region__name", flat=True))
    insurance = Counter(workers.values_list("insurance_status", flat=True))
    industry = Counter(workers.values_list("host__industry_name", flat=True))
    return {"nature": {PostNature(k).label: v for k, v in nature.items()}, "ages": dict(ages),
            "place": dict(place), "insurance": dict(insurance), "industry": dict(industry), "total": workers.count()}
