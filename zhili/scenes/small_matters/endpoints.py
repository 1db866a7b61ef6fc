"""The 关键小事 scene's JSON API under /api/v1/small_matters/ (in the OpenAPI document), with the pages' checks."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services
from .models import Matter

router = Router(tags=["关键小事"])


class MatterOut(Schema):
    code: str
    name: str
    stage: str
    department: str
    path: str
    materials: list[str]
    steps: list[str]
    time_limit_days: int
    materials_before: int
    days_before: int


class ClaimOut(Schema):
    id: int
    name: str
    region_code: str
    stop_date: dt.date
    status: str
    months: int
    monthly_amount: Decimal | None
    facts: dict
    summary: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


def _matter(m: Matter) -> dict:
    return {"code": m.code, "name": m.name, "stage": m.stage, "department": m.department, "path": m.path,
            "materials": m.materials, "steps": m.steps, "time_limit_days": m.time_limit_days,
            "materials_before": m.materials_before, "days_before": m.days_before}


def _claim(c) -> dict:
    return {"id": c.pk, "name": c.masked_name, "region_code": c.region.code, "stop_date": c.stop_date,
            "status": c.status, "months": c.months, "monthly_amount": c.monthly_amount, "facts": c.facts,
            "summary": c.decision.get("summary", "")}


@router.get("/matters", response=list[MatterOut], summary="关键小事目录")
def list_matters(request, stage: str = ""):
    require(request.user, "small_matters.service.use")
    matters = Matter.objects.all()
    return [_matter(m) for m in (matters.filter(stage=stage) if stage else matters)]


@router.get("/matters/{code}", response=MatterOut, summary="一个事项")
def get_matter(request, code: str):
    require(request.user, "small_matters.service.use")
    return _matter(get_object_or_404(Matter, code=code))


@router.get("/claims", response=list[ClaimOut], summary="我可见的失业保险金主动办理")
def list_claims(request):
    require(request.user, "small_matters.service.use")
    return [_claim(c) for c in queries.visible_claims(request.user)[:200]]


@router.get("/claims/{claim_id}", response=ClaimOut, summary="一条失业保险金主动办理")
def get_claim(request, claim_id: int):
    return _claim(queries.claim_for(request.user, claim_id))


@router.post("/claims/{claim_id}/confirm", response=ClaimOut, summary="本人确认预填信息")
def confirm_claim(request, claim_id: int):
    return _claim(services.confirm_claim(queries.claim_for(request.user, claim_id), actor=request.user))


@router.post("/claims/{claim_id}/decision", response=ClaimOut, summary="经办人员审核")
def decide_claim(request, claim_id: int, payload: DecisionIn):
    claim = queries.claim_for(request.user, claim_id)
    return _claim(services.decide_claim(claim, approve=payload.approve, note=payload.note, actor=request.user))
