"""The 人大代表履职 scene's JSON API under /api/v1/deputy_duty/ (in the OpenAPI document), with the pages' checks."""

from datetime import datetime

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services
from .choices import OpinionChannel
from .privacy import masked

router = Router(tags=["人大代表履职"])


class StationOut(Schema):
    code: str
    name: str
    region_code: str
    address: str
    opening_hours: str


class OpinionOut(Schema):
    id: int
    title: str
    text: str
    station: str
    category: str
    status: str
    round: int
    reply: str
    due_at: datetime | None
    created_at: datetime


class OpinionIn(Schema):
    station_code: str
    title: str
    text: str
    contact_phone: str = ""
    deputy_code: str = ""


class RatingIn(Schema):
    verdict: str
    comment: str = ""


def _out(opinion, user) -> dict:
    case = opinion.case
    return {"id": opinion.pk, "title": opinion.title,
            "text": opinion.text if opinion.citizen_id == user.pk else masked(opinion.text),
            "station": opinion.station.name, "category": opinion.category, "status": opinion.status,
            "round": opinion.round, "reply": (case.result if case else "") or opinion.spot_answer,
            "due_at": case.due_at if case and not case.closed_at else None, "created_at": opinion.created_at}


@router.get("/stations", response=list[StationOut], summary="代表联络站")
def list_stations(request):
    return [{"code": s.code, "name": s.name, "region_code": s.region.code, "address": s.address,
             "opening_hours": s.opening_hours} for s in queries.stations_in()[:500]]


@router.get("/opinions", response=list[OpinionOut], summary="我可见的群众意见")
def list_opinions(request):
    return [_out(o, request.user) for o in queries.visible_opinions(request.user)[:200]]


@router.get("/opinions/{opinion_id}", response=OpinionOut, summary="一条群众意见")
def get_opinion(request, opinion_id: int):
    return _out(queries.opinion_for(request.user, opinion_id), request.user)


@router.post("/opinions", response={201: OpinionOut}, summary="提交意见（扫联络站码或代表码）")
def submit_opinion(request, payload: OpinionIn):
    station = queries.station_by_code(payload.station_code)
    deputy = queries.deputy_by_code(payload.deputy_code) if payload.deputy_code else None
    opinion = services.submit_opinion(
        station=station, deputy=deputy, title=payload.title, text=payload.text, contact_phone=payload.contact_phone,
        channel=OpinionChannel.DEPUTY_QR if deputy else OpinionChannel.STATION_QR, actor=request.user)
    return 201, _out(opinion, request.user)


@router.post("/opinions/{opinion_id}/rating", response=OpinionOut, summary="评价答复")
def rate_opinion(request, opinion_id: int, payload: RatingIn):
    opinion = queries.opinion_for(request.user, opinion_id)
    require(request.user, "deputy_duty.opinion.rate", opinion)
    opinion = services.rate_opinion(opinion, verdict=payload.verdict, comment=payload.comment, actor=request.user)
    return _out(opinion, request.user)
