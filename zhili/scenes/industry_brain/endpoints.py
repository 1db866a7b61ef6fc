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
