"""Reads of the governance side: worsening grades, the rectification cases and where they stand, the map.

The map places each county (or town) at its seat from ``data/seats.csv`` — approximate positions read from a
public map, not an official gazetteer (region boundaries and enterprise coordinates are not in the platform); a
town without a position is drawn at its county's seat, and a region with neither is listed under the map.
"""

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.orgs.api import Region
from zhili.core.policy.api import current_domain
from zhili.core.ui.api import MapData, point

from . import queries
from .choices import ResultStatus
from .models import RegionIndex
from .policies import DOMAIN

CASE_TYPE = "carbon_code.rectification"
SEATS = Path(__file__).parent / "data" / "seats.csv"
# Map colours by carbon index (region L ÷ all-region L): a display choice of this scene, not a published bound.
INDEX_COLOURS = ((0.8, "#2fb344", "≤ 0.8"), (1.2, "#f59f00", "0.8–1.2"), (None, "#d63939", "> 1.2"))


def latest_year(user) -> str | None:
    return (queries.visible_results(user).filter(period__regex=r"^\d{4}$").order_by("-period")
            .values_list("period", flat=True).first())


def policy(code: str):
    return current_domain(DOMAIN).policies[code]


def worsening(user, limit: int = 200) -> list[dict]:
    """Enterprises in view whose grade worsened: the latest year against the year before, and the latest month
    against the month before; each with its open or closed rectification case, if one was pushed."""
    from zhili.core.cases.api import visible_cases

    found = []
    results = queries.visible_results(user).filter(status=ResultStatus.GRADED)
    periods = list(results.values_list("period", flat=True).distinct().order_by("-period"))
    years = [p for p in periods if len(p) == 4]
    months = [p for p in periods if len(p) == 7]
    for pair, kind in (((years[0], str(int(years[0]) - 1)) if years else None, _("年度")),
                       ((months[0], _previous_month(months[0])) if months else None, _("月度"))):
        if pair is None:
            continue
        now = {r.enterprise_id: r for r in results.filter(period=pair[0])}
        before = dict(results.filter(period=pair[1], enterprise_id__in=list(now)).values_list("enterprise_id", "grade"))
        for enterprise_id, result in now.items():
            old = before.get(enterprise_id)
            if old and int(result.grade) > int(old):
                found.append({"result": result, "kind": kind, "period": pair[0], "old": old, "new": result.grade})
    cases = {}
    for case in visible_cases(user).filter(case_type=CASE_TYPE).order_by("id"):
        cases[case.subject_id] = case
    for item in found:
        item["case"] = cases.get(str(item["result"].enterprise_id))
    found.sort(key=lambda item: (-int(item["new"]), item["result"].enterprise.name))
    return found[:limit]


def _previous_month(period: str) -> str:
    year, month = int(period[:4]), int(period[5:])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def rectification_cases(user) -> list[dict]:
    """The 碳效整改 cases in view: the department they were pushed to, the state, the working-day deadline of the
    current step, overdue or not, closed when."""
    from zhili.core.cases.api import get_case_type, visible_cases

    case_type = get_case_type(CASE_TYPE)
    states = {s.value: s.label for s in case_type.states}
    now = timezone.now()
    rows = []
    cases = visible_cases(user).filter(case_type=CASE_TYPE).order_by("-id")[:200]
    for case in cases:
        rows.append({"case": case, "state": states.get(case.state, case.state),
                     "overdue": bool(case.due_at and case.closed_at is None and case.due_at < now)})
    return rows


@cache
def seats() -> dict[str, tuple[float, float]]:
    with open(SEATS, encoding="utf-8") as handle:
        return {row["code"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


def _colour(index: float | None) -> str:
    for bound, colour, _label in INDEX_COLOURS:
        if bound is None or (index is not None and index <= bound):
            return colour
    return INDEX_COLOURS[-1][1]


def map_data(user, *, region: str = "") -> tuple[MapData, list[str]]:
    """The regions one level below ``region`` (or the user's scope) at their seats, coloured by carbon index."""
    period = latest_year(user)
    results = queries.visible_results(user).filter(period=period or "-", status=ResultStatus.GRADED)
    selected = Region.objects.filter(code=region).first() if region else None
    if selected:
        results = results.filter(region__path__startswith=selected.path)
    results = list(results.select_related("region"))
    paths = [r.region.path.strip("/").split("/") for r in results]
    depth = selected.path.strip("/").count("/") + 1 if selected else _scope_depth(paths)
    groups = defaultdict(list)
    for r, parts in zip(results, paths, strict=True):
        groups[parts[min(depth, len(parts) - 1)]].append(r)
    regions = {r.code: r for r in Region.objects.filter(code__in=groups).select_related("parent")}
    province = RegionIndex.objects.filter(period=period or "-", level="province").first()
    base = float(province.intensity) if province and province.intensity else None
    legend = [(_("碳效指数 {range}").format(range=label), colour) for _b, colour, label in INDEX_COLOURS]
    data = MapData(legend=legend, centre=(120.087, 30.894), zoom=8)
    unplaced = []
    for code, rows in sorted(groups.items()):
        place = regions.get(code)
        net = sum(float(r.net_t) for r in rows)
        va = sum(float(r.value_added) for r in rows)
        intensity = net / va if va else None
        index = intensity / base if intensity is not None and base else None
        position = seats().get(code) or (seats().get(place.parent.code) if place and place.parent else None)
        name = place.name if place else code
        if position is None:
            unplaced.append(name)
            continue
        poor = sum(1 for r in rows if r.grade in ("4", "5"))
        data.add(point(*position, title=name, colour=_colour(index),
                       url=reverse("carbon_code:cockpit") + f"?region={code}", radius=8 + min(len(rows), 40) // 4,
                       lines=[_("已评价企业 {n} 家，4–5 级 {p} 家").format(n=len(rows), p=poor),
                              _("单位增加值碳排放 {l:.4f} t/万元").format(l=intensity or 0),
                              _("碳效指数 {i}").format(i=f"{index:.4f}" if index is not None else "—")]))
    return data, unplaced


def _scope_depth(paths: list[list[str]]) -> int:
    """The index of the first path segment the results do not all share (the level below the user's scope)."""
    if not paths:
        return 0
    depth = 0
    while all(len(p) > depth + 1 for p in paths) and len({p[depth] for p in paths}) == 1:
        depth += 1
    return depth

