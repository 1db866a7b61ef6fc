"""Grade the indices on every refresh of the contract facts; a worse level warns the responsible officers.

The responsible officers of a region are the active officers (部门工作人员) whose membership names that region:
the county's officers for the county, a town's officers for the town.
"""

import datetime as dt

from django.utils import timezone

from zhili.core.dashboards.api import fact_table, record_index_reading
from zhili.core.orgs.api import Region

from .facts import CODE
from .indices import INDEX_LABELS, index_rule
from .selection import Period, Selection, narrow
from .terms import minimum_wage_counts, unsigned_counts


def _officers(region):
    from zhili.core.identity.api import Role, User

    return list(User.objects.filter(is_active=True, memberships__is_active=True, memberships__role=Role.OFFICER,
                                    memberships__region=region).distinct())


def _ratio(part: int, whole: int) -> float | None:
    return round(part * 100.0 / whole, 2) if whole else None


def evaluate_indices(today: dt.date | None = None, *, actor="analytics") -> list:
    """Grade every index for each county and town that has employers, store the readings, warn on a worse level."""
    today = today or timezone.localdate()
    period = Period(today.replace(day=1), today)
    facts = fact_table(CODE)
    codes = {r["c"] for r in facts.select(c=facts.county_code).distinct().to_pyarrow().to_pylist()}
    codes |= {r["c"] for r in facts.select(c=facts.town_code).distinct().to_pyarrow().to_pylist()}
    readings = []
    for region in Region.objects.filter(code__in=[c for c in codes if c]):
        t = narrow(facts, Selection(region_path=region.path))
        unsigned, low = unsigned_counts(t, period), minimum_wage_counts(t, period)
        values = {"unsigned_ratio": _ratio(unsigned["pending"], unsigned["n"]),
                  "minimum_wage_share": _ratio(low["near"], low["n"])}
        recipients = _officers(region)
        for code, value in values.items():
            rule = index_rule(code, today)
            readings.append(record_index_reading(
                code, scope_key=f"region:{region.code}", scope_label=region.name, value=value,
                thresholds=rule.value, reference=rule.reference, index_label=INDEX_LABELS[code],
                recipients=recipients, value_display="—" if value is None else f"{value:.2f}%", actor=actor))
    return readings
