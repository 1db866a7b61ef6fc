"""Indices with thresholds (dated, with references) graded on every refresh; a worse level warns the officers.

The responsible officers of a region are the active officers (部门工作人员) whose membership names that region:
the county's officers for the county, a town's officers for the town.
"""

import datetime as dt

from django.utils import timezone

from zhili.core.dashboards.api import Dated, Thresholds, value_on

from ..rules import LCL

INDEX_LABELS = {"unsigned_ratio": "未签订书面劳动合同比例", "minimum_wage_share": "最低工资附近合同占比"}
_PLATFORM = "建德市网签电子劳动合同场景“就业用工分析”预警口径（平台参数，2021年3月上线）"
INDEX_RULES = {
    "unsigned_ratio": [Dated(Thresholds(yellow=5.0, red=10.0), dt.date(2021, 3, 1),
                             _PLATFORM + "；" + LCL + "第十条、第八十二条（用工之日起一个月内订立书面劳动合同）")],
    "minimum_wage_share": [Dated(Thresholds(yellow=20.0, red=35.0), dt.date(2021, 3, 1),
                                 _PLATFORM + "；《最低工资规定》（劳动和社会保障部令第21号）第十二条")],
}


def index_rule(code: str, day: dt.date) -> Dated:
    return value_on(INDEX_RULES, code, day)


def _officers(region):
    from zhili.core.identity.choices import Role
    from zhili.core.identity.models import User

    return list(User.objects.filter(is_active=True, memberships__is_active=True, memberships__role=Role.OFFICER,
                                    memberships__region=region).distinct())


def _ratio(part: int, whole: int) -> float | None:
    return round(part * 100.0 / whole, 2) if whole else None


def evaluate_indices(today: dt.date | None = None, *, actor="analytics") -> list:
    """Grade every index for each county and town that has employers, store the readings, warn on a worse level."""
    from zhili.core.dashboards.api import fact_table, record_index_reading
    from zhili.core.orgs.models import Region

    from .analyses import Period, Selection, minimum_wage_counts, narrow, unsigned_counts
    from .facts import CONTRACT_FACTS

    today = today or timezone.localdate()
    period = Period(today.replace(day=1), today)
    facts = fact_table(CONTRACT_FACTS)
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
