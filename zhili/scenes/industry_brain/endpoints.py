"""The 童装产业大脑 scene's JSON API under /api/v1/industry_brain/ (in the OpenAPI document), with the pages' checks."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from . import queries, services

router = Router(tags=["童装产业大脑"])


class OrderOut(Schema):
    id: int
    brand: str
    style: str
    speciality: str
    quantity: int
    grade: str
    due_date: dt.date
    status: str
    explanation: list[str]


class OrderIn(Schema):
    style: str
    speciality: str
    quantity: int
    unit_price: Decimal
    grade: str
    start_date: dt.date
    due_date: dt.date


class FirmOut(Schema):
    id: int
    name: str
    role: str
    specialities: list[str]
    monthly_capacity: int
    lon: float
    lat: float


def _order(order) -> dict:
    return {"id": order.pk, "brand": order.brand.name, "style": order.style, "speciality": order.speciality,
            "quantity": order.quantity, "grade": order.grade, "due_date": order.due_date, "status": order.status,
            "explanation": order.explanation}


@router.get("/orders", response=list[OrderOut], summary="我可见的云工厂订单")
def list_orders(request):
    return [_order(o) for o in queries.orders(request.user)[:200]]


@router.get("/orders/{order_id}", response=OrderOut, summary="一个订单及其派单说明")
def get_order(request, order_id: int):
    return _order(queries.order_for(request.user, order_id))


@router.post("/orders", response={201: OrderOut}, summary="品牌商下单")
def post_order(request, payload: OrderIn):
    firm = queries.my_firm(request.user)
    if firm is None:
        raise Http404("您不属于入驻企业")
    order = services.post_order(brand=firm, actor=request.user, **payload.dict())
    return 201, _order(order)


@router.get("/firms", response=list[FirmOut], summary="入驻企业（产业地图）")
def list_firms(request):
    return [{"id": f.pk, "name": f.name, "role": f.role, "specialities": f.specialities,
             "monthly_capacity": f.monthly_capacity, "lon": f.lon, "lat": f.lat}
            for f in queries.firms(request.user)[:1000]]


class PartOut(Schema):
    id: int
    order_id: int
    style: str
    factory: str
    quantity: int
    finish_by: dt.date
    status: str
    made: int
    passed: int


class AnswerIn(Schema):
    accept: bool


def _part(part) -> dict:
    return {"id": part.pk, "order_id": part.order_id, "style": part.order.style, "factory": part.factory.name,
            "quantity": part.quantity, "finish_by": part.finish_by, "status": part.status, "made": part.made,
            "passed": part.passed}


@router.get("/parts", response=list[PartOut], summary="派给本厂的订单份额（运营人员：本区全部）")
def list_parts(request):
    return [_part(p) for p in queries.parts(request.user)[:500]]


@router.post("/parts/{part_id}/answer", response=PartOut, summary="工厂接单或拒单")
def answer_part(request, payload: AnswerIn, part_id: int):
    part = queries.part_for(request.user, part_id)
    return _part(services.respond_part(part, accept=payload.accept, actor=request.user))


class DesignOut(Schema):
    id: int
    title: str
    owner: str
    sizes: str
    tags: list[str]
    licence: str
    fee: Decimal
    private: bool


def _design(design) -> dict:
    return {"id": design.pk, "title": design.title, "owner": design.owner.name, "sizes": design.sizes,
            "tags": design.tags, "licence": design.licence, "fee": design.fee, "private": design.private}


@router.get("/designs", response=list[DesignOut], summary="设计库（按标签检索；他企私有设计不可见）")
def list_designs(request, tag: str = ""):
    return [_design(d) for d in queries.designs(request.user, tag)[:200]]


@router.get("/designs/{design_id}", response=DesignOut, summary="一个设计")
def get_design(request, design_id: int):
    return _design(queries.design_for(request.user, design_id))


class CreditOut(Schema):
    firm: str
    score: Decimal
    grade: str
    factors: dict
    computed_on: dt.date


@router.get("/credit/mine", response=CreditOut, summary="本企业的信用画像")
def my_credit(request):
    firm = queries.my_firm(request.user)
    profile = getattr(firm, "credit", None) if firm else None
    if profile is None:
        raise Http404("尚无信用画像")
    return {"firm": firm.name, "score": profile.score, "grade": profile.grade, "factors": profile.factors,
            "computed_on": profile.computed_on}
