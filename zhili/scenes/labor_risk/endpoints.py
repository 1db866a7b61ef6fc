"""JSON API: the warning list in the caller's scope, one enterprise's profile, the cockpit figures."""

from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries
from .models import MonitoredEnterprise
from .permissions import may_view_entity

router = Router(tags=["labor_risk"])


class WarningOut(Schema):
    uscc: str
    name: str
    region: str
    industry_code: str
    level: str
    score: Decimal
    period: str

    @staticmethod
    def resolve_region(obj):
        return obj.region.code


class FiredOut(Schema):
    indicator: str
    name: str
    value: float
    points: float
    reference: str
    rows: list[str]


class ProfileOut(Schema):
    uscc: str
    name: str
    level: str
    score: Decimal
    period: str
    fired: list[FiredOut]


@router.get("/warnings", response=list[WarningOut])
def list_warnings(request, level: str = "", region: str = "", industry: str = "", limit: int = 200,
                  offset: int = 0):
    """Enterprises with a warning level in the caller's data scope, worst first."""
    require(request.auth, "labor_risk.warning.view")
    limit = max(1, min(limit, 1000))
    return list(queries.warning_list(request.auth, level=level, region=region, industry=industry)
                [offset:offset + limit])


@router.get("/enterprises/{uscc}", response=ProfileOut)
def enterprise(request, uscc: str):
    found = MonitoredEnterprise.objects.select_related("region").filter(uscc=uscc).first()
    if found is None or not may_view_entity(request.auth, uscc):
        raise Http404("没有该企业")  # the same answer for a forbidden one
    profile = queries.enterprise_profile(found, with_sources=False)
    return {"uscc": found.uscc, "name": found.name, "level": found.level, "score": found.score,
            "period": found.period, "fired": profile["fired"]}


@router.get("/cockpit")
def cockpit(request, region: str = ""):
    require(request.auth, "labor_risk.warning.view")
    return queries.cockpit_figures(request.auth, region=region)
