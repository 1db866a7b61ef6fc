"""Reads: which contracts a person may see, status counts, overdue and expiring lists."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from zhili.core.identity.api import Role, filter_by_scope, organizations_of

from .choices import CONCLUDED_STATUSES, PENDING_STATUSES, ContractStatus
from .models import FilingRecord, LaborContract, SendBatch
from .permissions import EMPLOYER_ROLES
from .rules import value_on


def employers_of(user) -> list[int]:
    """The organisations in which ``user`` is HR or seal keeper."""
    return organizations_of(user, *EMPLOYER_ROLES)


def employer_contracts(user) -> QuerySet:
    """Contracts of the employers ``user`` works for as HR or seal keeper."""
    return LaborContract.objects.filter(employer_id__in=employers_of(user)).select_related("employer")


def worker_contracts(user) -> QuerySet:
    """Contracts naming ``user`` as the worker: linked account, or matching ID number or phone (blind index)."""
    condition = Q(worker_id=user.pk)
    if getattr(user, "id_number_index", ""):
        condition |= Q(worker_id_number_index=user.id_number_index)
    if getattr(user, "phone_index", ""):
        condition |= Q(worker_phone_index=user.phone_index)
    return (LaborContract.objects.filter(condition).exclude(status__in=[ContractStatus.DRAFT, ContractStatus.REVOKED])
            .select_related("employer"))


def region_contracts(user) -> QuerySet:
    """Contracts of employers inside the department user's region (none without a department scope)."""
    return filter_by_scope(user, LaborContract.objects.select_related("employer"), region_field="employer__region")


def filter_contracts(queryset: QuerySet, *, status: str = "", date_from: dt.date | None = None,
                     date_to: dt.date | None = None, q: str = "") -> QuerySet:
    """Narrow a contract list by status, start-date range and worker name or contract number."""
    if status:
        queryset = queryset.filter(status=status)
    if date_from:
        queryset = queryset.filter(start_date__gte=date_from)
    if date_to:
        queryset = queryset.filter(start_date__lte=date_to)
    if q:
        queryset = queryset.filter(Q(worker_name__contains=q) | Q(number=q) | Q(job_title__contains=q))
    return queryset


def status_counts(queryset: QuerySet) -> list[tuple[ContractStatus, int]]:
    """Each status with its count, in the order of the status set (zero counts included)."""
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("id")))
    return [(status, counts.get(status.value, 0)) for status in ContractStatus]


def overdue_unsigned(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Hires whose contract is still unsigned at the first reminder day after the start date (Art. 10)."""
    first = value_on("unsigned_reminder_days", today).value[0]
    return queryset.filter(status__in=PENDING_STATUSES, start_date__lte=today - dt.timedelta(days=first))


def expiring(queryset: QuerySet, today: dt.date) -> QuerySet:
    """Concluded contracts ending within the reminder window."""
    days = value_on("expiry_reminder_days", today).value
    return queryset.filter(status__in=CONCLUDED_STATUSES, end_date__gte=today,
                           end_date__lte=today + dt.timedelta(days=days))


def batches_of(user) -> QuerySet:
    return SendBatch.objects.filter(employer_id__in=organizations_of(user, Role.EMPLOYER_ADMIN))


def rejected_rows(batch: SendBatch, *, limit: int) -> list[tuple]:
    """The first ``limit`` rows of a finished batch that were not imported: (line, masked name, reason)."""
    from django.conf import settings
    from django.utils import translation

    from zhili.core.foundation.api import iter_rows

    from .choices import RowOutcome

    if not batch.result_sheet:
        return []
    error_labels = set()
    for language, _name in settings.LANGUAGES:  # the sheet was written in its uploader's language
        with translation.override(language):
            error_labels.add(str(RowOutcome.ERROR.label))
    rows = []
    for row in iter_rows(bytes(batch.result_sheet), "result.xlsx"):
        if len(row) >= 4 and row[2] in error_labels:
            rows.append((row[0], row[1], row[3]))
            if len(rows) >= limit:
                break
    return rows


def region_filings(user) -> QuerySet:
    """Filing records of employers inside the department user's region."""
    return filter_by_scope(user, FilingRecord.objects.select_related("contract"), region_field="region")


def access_log(user) -> QuerySet:
    """Audit entries of reads of ``user``'s contracts by others, newest first (the worker's access log)."""
    from zhili.core.foundation.api import AuditEntry

    ids = [str(pk) for pk in worker_contracts(user).values_list("pk", flat=True)]
    return (AuditEntry.objects.filter(action="labor_contract.contract.read", target_type="labor_contract.laborcontract",
                                      target_id__in=ids).select_related("actor").order_by("-id"))
