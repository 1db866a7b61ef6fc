"""The 人大代表履职 scene's JSON API under /api/v1/deputy_duty/ (in the OpenAPI document), with the pages' checks."""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
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


class ActivityOut(Schema):
    id: int
    congress: str
    kind: str
    title: str
    place: str
    starts_at: datetime
    joined: bool


class DraftOut(Schema):
    id: int
    congress: str
    title: str
    opens_at: datetime
    closes_at: datetime
    summary: str


class DraftCommentIn(Schema):
    text: str
    article: str = ""


class DraftCommentOut(Schema):
    id: int
    draft_id: int
    article: str
    text: str
    third_party_data: bool
    created_at: datetime


class DutyRecordIn(Schema):
    kind: str
    done_on: date
    text: str


class DutyRecordOut(Schema):
    id: int
    kind: str
    done_on: date
    text: str
    status: str


def _activity_out(activity, user) -> dict:
    return {"id": activity.pk, "congress": activity.congress.name, "kind": activity.kind, "title": activity.title,
            "place": activity.place, "starts_at": activity.starts_at,
            "joined": activity.participations.filter(deputy__user=user).exists()}


@router.get("/activities", response=list[ActivityOut], summary="我所在人大的主题活动")
def list_activities(request):
    return [_activity_out(a, request.user) for a in queries.activities_for(request.user)[:100]]


@router.post("/activities/{activity_id}/join", response=ActivityOut, summary="报名参加主题活动")
def join_activity(request, activity_id: int):
    activity = get_object_or_404(queries.activities_for(request.user), pk=activity_id)
    services.join_activity(activity, actor=request.user)
    return _activity_out(activity, request.user)


@router.get("/drafts", response=list[DraftOut], summary="征求意见的法规草案")
def list_drafts(request):
    return [{"id": d.pk, "congress": d.congress.name, "title": d.title, "opens_at": d.opens_at,
             "closes_at": d.closes_at, "summary": d.summary} for d in queries.drafts_for(request.user)[:100]]


@router.post("/drafts/{draft_id}/comments", response={201: DraftCommentOut}, summary="对法规草案提出意见")
def comment_draft(request, draft_id: int, payload: DraftCommentIn):
    draft = get_object_or_404(queries.drafts_for(request.user), pk=draft_id)
    c = services.comment_draft(draft, text=payload.text, article=payload.article, actor=request.user)
    return 201, {"id": c.pk, "draft_id": draft.pk, "article": c.article, "text": c.text,
                 "third_party_data": c.third_party_data, "created_at": c.created_at}


@router.get("/duty-records", response=list[DutyRecordOut], summary="我的履职登记")
def list_duty_records(request):
    from .models import DutyRecord

    return [{"id": r.pk, "kind": r.kind, "done_on": r.done_on, "text": r.text, "status": r.status}
            for r in DutyRecord.objects.filter(deputy__user=request.user)[:200]]


@router.post("/duty-records", response={201: DutyRecordOut}, summary="履职登记")
def register_duty(request, payload: DutyRecordIn):
    deputy = queries.deputies_of(request.user).first()
    if deputy is None:
        raise Http404
    r = services.register_duty(deputy=deputy, kind=payload.kind, done_on=payload.done_on, text=payload.text,
                                actor=request.user)
    return 201, {"id": r.pk, "kind": r.kind, "done_on": r.done_on, "text": r.text, "status": r.status}
