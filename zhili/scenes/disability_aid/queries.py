"""Reads of the 智慧助残 scene: what a person may see, and the figures of the cockpit."""

from collections import Counter

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zhili.core.identity.api import filter_by_scope, has_role

from .choices import CertificateStatus, SuspectStatus
from .models import AssessmentApplication, Certificate, PaymentRun, Recovery, SuspectedCase
from .roles import APPROVER, CLERK, WORKER


def visible_suspects(user) -> QuerySet:
    """Suspected cases in the user's data scope (a worker's villages, a clerk's county); none for anyone else."""
    suspects = SuspectedCase.objects.select_related("person", "person__region", "worker", "case")
    if not has_role(user, CLERK, WORKER):
        return suspects.none()
    return filter_by_scope(user, suspects, "person__region")


def suspect_for(user, pk: int) -> SuspectedCase:
    """The suspected case ``pk`` if ``user`` may see it; "not found" otherwise, as for one that does not exist."""
    return get_object_or_404(visible_suspects(user), pk=pk)


def worker_queue(user) -> QuerySet:
    """The worker's cases still to visit or to apply for, oldest first (the phone page)."""
    return (visible_suspects(user).filter(status__in=[SuspectStatus.DETECTED, SuspectStatus.VISITED])
            .order_by("found_on", "id"))


def visible_applications(user) -> QuerySet:
    applications = AssessmentApplication.objects.select_related("person", "person__region", "hospital__organization",
                                                                "suspect")
    if not has_role(user, CLERK, WORKER):
        return applications.none()
    return filter_by_scope(user, applications, "person__region")


def application_for(user, pk: int) -> AssessmentApplication:
    return get_object_or_404(visible_applications(user), pk=pk)


def visible_certificates(user) -> QuerySet:
    certificates = Certificate.objects.select_related("person", "person__region")
    if not has_role(user, CLERK):
        return certificates.none()
    return filter_by_scope(user, certificates, "person__region")


def status_counts(suspects: QuerySet) -> dict[str, int]:
    """How many suspected cases stand in each state (every state listed, zero included)."""
    counts = Counter(suspects.values_list("status", flat=True))
    return {status: counts.get(status, 0) for status in SuspectStatus.values}


def conversion(suspects: QuerySet) -> dict[str, int]:
    """Detection → visit → application → certificate: how many suspected cases reached each step."""
    counts = status_counts(suspects)
    certified = counts[SuspectStatus.CERTIFIED]
    assessed = certified + counts[SuspectStatus.NOT_DISABLED]
    applied = assessed + counts[SuspectStatus.APPLIED]
    visited = applied + counts[SuspectStatus.VISITED] + counts[SuspectStatus.DECLINED]
    return {"detected": sum(counts.values()), "visited": visited, "applied": applied, "assessed": assessed,
            "certified": certified}


def certificate_counts(certificates: QuerySet, field: str) -> dict[str, int]:
    """Active certificates by ``category`` or ``grade``."""
    return dict(Counter(certificates.filter(status=CertificateStatus.ACTIVE).values_list(field, flat=True)))


def visible_runs(user) -> QuerySet:
    """Payment runs: the county federation's clerks and approvers see them (a run is the county's)."""
    runs = PaymentRun.objects.select_related("prepared_by", "first_approver", "second_approver")
    return runs if has_role(user, CLERK, APPROVER) else runs.none()


def run_for(user, pk: int) -> PaymentRun:
    return get_object_or_404(visible_runs(user), pk=pk)


def recoveries_for_run(run) -> QuerySet:
    """The recoveries opened when this month's run stopped entitlements (money paid after an end)."""
    return Recovery.objects.filter(found_by_run=run).select_related("person", "line__run").order_by("person__key")
