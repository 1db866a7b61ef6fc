"""Reads of the employment analytics: parse and check the filters, narrow to the viewer's scope, run the analyses.

Results are kept (core.dashboards.results, shared by all processes) per facts version, scope and filters: aggregates change when the facts are refreshed, not on
every page view.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from zhili.core.dashboards.api import (
    cached_result,
    fact_table,
    facts_state,
    observation_counts,
    observation_streams_seen,
    observations_marker,
    store_result,
)
from zhili.core.identity.api import scope_region_paths

from .analyses import run_all
from .facts import CODE
from .reference import SIZE_LABELS
from .selection import Names, Period, Selection, narrow
from .services import COMPLAINT_STREAMS

MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Filters:
    """The cockpit's filters, checked: period, region (code), industry section, enterprise size, enterprise."""

    date_from: dt.date
    date_to: dt.date
    region: str = ""
    industry: str = ""
    size: str = ""
    employer: int | None = None


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve calendar months up to ``today``."""
    first = today.replace(day=1)
    for _ in range(11):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, today


def _date(params, name, label, default):
    text = (params.get(name) or "").strip()
    if not text:
        return default
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: f"{label}格式应为 YYYY-MM-DD，收到“{text}”"}) from None


def parse_filters(params, today: dt.date) -> Filters:
    """The filters from a query string; a bad value raises ValidationError naming the field and the rule."""
    start, end = default_period(today)
    date_from = _date(params, "date_from", "开始日期", start)
    date_to = _date(params, "date_to", "结束日期", end)
    if date_from > date_to:
        raise ValidationError({"date_from": "开始日期不能晚于结束日期"})
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise ValidationError({"date_from": "统计期间不能超过 3 年"})
    region = (params.get("region") or "").strip()
    if region and (not region.isdigit() or len(region) not in (6, 9, 12)):
        raise ValidationError({"region": f"区划代码应为 6 位或 12 位数字，收到“{region}”"})
    size = (params.get("size") or "").strip()
    if size and size not in SIZE_LABELS:
        raise ValidationError({"size": f"企业规模应为 {'、'.join(SIZE_LABELS)} 之一"})
    industry = (params.get("industry") or "").strip().upper()
    if industry and not (len(industry) == 1 and industry.isalpha()):
        raise ValidationError({"industry": "行业应为国民经济行业分类门类代码（一个字母）"})
    employer = (params.get("employer") or "").strip()
    if employer and not employer.isdigit():
        raise ValidationError({"employer": "企业编号应为数字"})
    return Filters(date_from, date_to, region, industry, size, int(employer) if employer else None)


def scope_regions(user):
    """The regions the viewer may see (None: everywhere), from their department memberships."""
    from zhili.core.orgs.api import Region

    paths = scope_region_paths(user)
    if paths is None:
        return None
    return list(Region.objects.filter(path__in=paths).order_by("path"))


def resolve_selection(scope, filters: Filters):
    """The selection inside the viewer's scope (regions, None: everywhere) and the selected region (or None)."""
    from zhili.core.orgs.api import Region

    paths = None if scope is None else tuple(r.path for r in scope)
    region = None
    if filters.region:
        region = Region.objects.filter(code=filters.region).first()
        if region is None:
            raise ValidationError({"region": f"未知的区划代码“{filters.region}”"})
        if paths is not None and not any(region.path.startswith(p) for p in paths):
            raise PermissionDenied("所选区划不在您的数据权限范围内")
    elif scope is not None and len(scope) == 1:
        region = scope[0]
    selection = Selection(scope_paths=paths, region_path=region.path if region else "", industry=filters.industry,
                          size=filters.size, employer_id=filters.employer)
    return selection, region


def _names(facts, selection: Selection, region, scope, filters: Filters, period: Period) -> Names:
    from zhili.core.orgs.api import Industry, Region

    t = narrow(facts, selection)
    cities = {r["c"] for r in t.select(c=t.origin_city).distinct().to_pyarrow().to_pylist()}
    names = Names()
    names.industries = dict(Industry.objects.filter(parent__isnull=True).values_list("code", "name"))
    if filters.employer:
        names.drill_level = "enterprise"
    elif region is None:
        names.drill_level = "county"
        names.children = [(r.code, r.name, r.path) for r in Region.objects.filter(level="county").filter(
            code__in=[c["c"] for c in t.select(c=t.county_code).distinct().to_pyarrow().to_pylist()])]
    elif region.level in ("town", "village"):
        names.drill_level = "enterprise"
    else:
        names.drill_level = "town"
        names.children = [(r.code, r.name, r.path) for r in region.children.filter(level="town").order_by("code")]
    codes = cities | {c for c, _, _ in names.children}
    names.regions = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    if observation_streams_seen(COMPLAINT_STREAMS):
        region_paths = [selection.region_path] if selection.region_path else (
            list(selection.scope_paths) if selection.scope_paths is not None else None)
        organizations = None
        if selection.industry or selection.size or selection.employer_id:
            organizations = {r["e"] for r in t.select(e=t.employer_id).distinct().to_pyarrow().to_pylist()}
        names.complaints = {"count": sum(sum(observation_counts(
            stream, date_from=period.date_from, date_to=period.date_to, region_paths=region_paths,
            organization_ids=organizations).values()) for stream in COMPLAINT_STREAMS)}
    names.paper_avoided = sharing_access_count(period)
    return names


def sharing_access_count(period: Period) -> dict | None:
    """Reads of labor contracts by departments and banks logged by core.sharing in the period (under the worker's
    grant or a legal power; authenticity checks are not submissions), or None while core.sharing keeps no log.

    The log names no region, so the figure is platform-wide whatever the viewer's scope.
    """
    if not apps.is_installed("zhili.core.sharing"):
        return None
    models = [m for m in apps.get_app_config("sharing").get_models() if "AccessLog" in m.__name__]
    if not models:
        return None
    model = models[0]
    names = {f.name for f in model._meta.get_fields()}
    queryset = model.objects.all()
    if "basis" in names:
        queryset = queryset.filter(basis__in=("grant", "legal"))
    if "document_type" in names:
        queryset = queryset.filter(document_type__startswith="labor_contract")
    queryset = queryset.filter(created_at__date__gte=period.date_from, created_at__date__lte=period.date_to)
    return {"count": queryset.count()}


def _crumbs(region, scope) -> tuple[list[dict], dict | None]:
    """Breadcrumbs from the top of the viewer's scope to the selected region, and the filters of "up"."""
    if region is None:
        return [{"label": "全部辖区", "region": ""}], None
    top_paths = None if scope is None else [r.path for r in scope]
    from zhili.core.orgs.api import Region

    codes = [c for c in region.path.strip("/").split("/") if c]
    chain = {r.code: r for r in Region.objects.filter(code__in=codes)}
    crumbs = []
    for code in codes:
        r = chain.get(code)
        if r is None or r.level in ("province", "city"):
            continue
        if top_paths is not None and not any(r.path.startswith(p) for p in top_paths):
            continue
        crumbs.append({"label": r.name, "region": r.code})
    up = {"region": crumbs[-2]["region"]} if len(crumbs) > 1 else None
    return crumbs, up


def cockpit_data(user, params, *, today: dt.date | None = None, engine: str = "duckdb") -> dict:
    """Every analysis for the viewer's scope and filters, as JSON-ready table results (cached per facts version)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return scope_data(scope_regions(user), parse_filters(params, today), today=today, engine=engine)


def scope_data(scope, filters: Filters, *, today: dt.date, engine: str = "duckdb") -> dict:
    """``cockpit_data`` for a scope (a list of regions, None: everywhere) and checked filters."""
    from django.utils import timezone

    selection, region = resolve_selection(scope, filters)
    state = facts_state(CODE)
    key_source = json.dumps([state.version, str(state.refreshed_at), observations_marker(), engine, str(today),
                             str(filters.date_from), str(filters.date_to), selection.__dict__], default=str)
    key = "labor_contract_analytics:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cached_result(key)
    if cached is not None:
        return cached
    period = Period(filters.date_from, filters.date_to)
    facts = fact_table(CODE, engine)
    names = _names(facts, selection, region, scope, filters, period)
    analyses = run_all(facts, selection, period, names)
    crumbs, up = _crumbs(region, scope)
    if filters.employer:
        up = {"employer": ""}
        crumbs.append({"label": "企业", "region": region.code if region else ""})
    refreshed = f"{timezone.localtime(state.refreshed_at):%Y-%m-%d %H:%M}" if state.refreshed_at else "尚未生成"
    data = {
        "version": state.version,
        "status": f"统计期间 {period.date_from} 至 {period.date_to}；数据更新于 {refreshed}；少于 5 人的单元格显示为 <5",
        "scope": {"label": region.name if region else "全部辖区", "crumbs": crumbs, "up": up},
        "analyses": analyses,
    }
    store_result(key, data)
    return data


def filter_options(user, today: dt.date) -> list[dict]:
    """The cockpit's filter form: regions inside the scope, industry sections, sizes, period, enterprise."""
    from zhili.core.orgs.api import Industry, Region

    scope = scope_regions(user)
    if scope is None:
        regions = Region.objects.filter(level__in=("county", "town"))
    else:
        regions = Region.objects.none()
        for r in scope:
            regions |= Region.objects.filter(path__startswith=r.path, level__in=("county", "town"))
    region_options = ([("", "全部辖区")] if scope is None or len(scope) != 1 else []) + [
        (r.code, ("　" if r.level == "town" else "") + r.name) for r in regions.order_by("path")]
    start, end = default_period(today)
    return [
        {"name": "region", "label": "区域", "type": "select", "options": region_options,
         "value": scope[0].code if scope and len(scope) == 1 else ""},
        {"name": "industry", "label": "行业", "type": "select",
         "options": [("", "全部行业")] + [(i.code, f"{i.code} {i.name}") for i in
                                          Industry.objects.filter(parent__isnull=True).order_by("code")]},
        {"name": "size", "label": "企业规模", "type": "select",
         "options": [("", "全部规模")] + list(SIZE_LABELS.items())},
        {"name": "date_from", "label": "开始日期", "type": "date", "value": start.isoformat()},
        {"name": "date_to", "label": "结束日期", "type": "date", "value": end.isoformat()},
        {"name": "employer", "label": "企业", "type": "hidden", "value": ""},
    ]


def warm_cache(today: dt.date | None = None) -> int:
    """Compute the default view of every department scope and of each town under it, so that page views after a
    refresh read cached aggregates; return how many views were computed."""
    from django.utils import timezone

    from zhili.core.identity.api import DEPARTMENT_ROLES, Membership
    from zhili.core.orgs.api import Region

    today = today or timezone.localdate()
    start, end = default_period(today)
    region_ids = set(Membership.objects.filter(is_active=True, role__in=DEPARTMENT_ROLES, region__isnull=False)
                     .values_list("region_id", flat=True))
    computed = 0
    for region in Region.objects.filter(pk__in=region_ids):
        views = [""] + [town.code for town in region.children.filter(level="town")]
        for code in views:
            scope_data([region], Filters(start, end, region=code), today=today)
            computed += 1
    return computed
