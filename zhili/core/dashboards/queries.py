"""Reads of core.dashboards."""

import datetime as dt

from django.db.models import Count

from .models import FactTableState, IndexReading, Observation


def facts_state(code: str) -> FactTableState:
    """The fact table's state (an unsaved, version-0 state when it was never refreshed)."""
    return FactTableState.objects.filter(code=code).first() or FactTableState(code=code)


def index_readings(code: str | None = None):
    queryset = IndexReading.objects.order_by("code", "scope_key")
    return queryset.filter(code=code) if code else queryset


def observation_streams_seen(streams) -> set[str]:
    """Which of ``streams`` have ever been fed (a stream never fed has no data, which is not zero)."""
    return set(Observation.objects.filter(stream__in=list(streams)).values_list("stream", flat=True).distinct())


def observation_counts(stream: str, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
                       region_paths: list[str] | None = None, organization_ids=None) -> dict[int | None, int]:
    """Observations of ``stream`` per organisation id, in a period and inside region paths (None: anywhere)."""
    queryset = Observation.objects.filter(stream=stream)
    if date_from:
        queryset = queryset.filter(occurred_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(occurred_on__lte=date_to)
    if region_paths is not None:
        from django.db.models import Q

        condition = Q(pk__in=[])
        for path in region_paths:
            condition |= Q(region__path__startswith=path)
        queryset = queryset.filter(condition)
    if organization_ids is not None:
        queryset = queryset.filter(organization_id__in=list(organization_ids))
    return dict(queryset.values_list("organization_id").annotate(n=Count("id")).order_by())


def observations_marker() -> int:
    """The newest observation's id (0 when none): part of the cache key of aggregates that count observations."""
    return Observation.objects.order_by("-id").values_list("id", flat=True).first() or 0
