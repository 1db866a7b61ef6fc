"""The 浙里好家政 scene's JSON API under /api/v1/housekeeping/ (in the OpenAPI document), with the pages' checks.

Workers and the code scan; orders: a party's (or, for a clerk, the region's) orders and the steps of the
lifecycle — accept, decline, cancel (revoking a signed contract), check-in, finish. Signing stays on the page,
where the signer reads the PDF they sign.
"""

from datetime import datetime
from decimal import Decimal

from ninja import Router, Schema

from zhili.core.identity.api import require

from . import queries, services

router = Router(tags=["浙里好家政"])


class WorkerOut(Schema):
    code_key: str
    name: str
    agency: str
    colour: str
    reasons: list[str]
    on_watch_list: bool
    code_updated_at: datetime | None


class ScanOut(Schema):
    valid: bool
    reason: str = ""
    masked_name: str = ""
    agency: str = ""
    colour: str = ""
    stars: int = 0


def _out(worker) -> dict:
    return {"code_key": worker.code_key, "name": worker.masked_name, "agency": worker.agency.name,
            "colour": worker.code_colour, "reasons": [r["reason"] for r in worker.code_reasons],
            "on_watch_list": worker.on_watch_list, "code_updated_at": worker.code_updated_at}


@router.get("/workers", response=list[WorkerOut], summary="我可见的家政服务员（姓名脱敏）")
def list_workers(request, colour: str = ""):
    require(request.auth, "housekeeping.worker.view")
    workers = queries.visible_workers(request.auth)
    if colour:
        workers = workers.filter(code_colour=colour)
    return [_out(w) for w in workers[:200]]


@router.get("/workers/{worker_id}", response=WorkerOut, summary="一名家政服务员")
def get_worker(request, worker_id: int):
    return _out(queries.worker_for(request.auth, worker_id))


@router.get("/scan/{token}", response=ScanOut, summary="核验家政安心码")
def scan(request, token: str):
    found = services.scan_code(token, actor=request.auth)
    if found.worker is None:
        return {"valid": False, "reason": found.reason}
    w = found.worker
    return {"valid": True, "masked_name": w.masked_name, "agency": w.agency.name, "colour": w.code_colour,
            "stars": w.stars}


class OrderOut(Schema):
    id: int
    number: str
    status: str
    service: str
    starts_at: datetime
    hours: Decimal
    worker: str
    agency: str
    price_per_hour: Decimal
    amount: Decimal
    match_score: Decimal
    response_minutes: int | None
    contract_sha256: str
    signed: dict[str, bool]
    revoked: bool
    checked_in_at: datetime | None
    finished_at: datetime | None
    closing_note: str


class CancelIn(Schema):
    note: str


class CheckInIn(Schema):
    latitude: float
    longitude: float


def _order(order) -> dict:
    return {"id": order.pk, "number": order.number, "status": order.status, "service": order.request.service,
            "starts_at": order.request.starts_at, "hours": order.request.hours, "worker": order.worker.masked_name,
            "agency": order.agency.name, "price_per_hour": order.price_per_hour, "amount": order.amount,
            "match_score": order.match_score, "response_minutes": order.response_minutes,
            "contract_sha256": order.contract_sha256,
            "signed": {role: bool(getattr(order, f"{role}_signed_at")) for role in ("customer", "worker", "agency")},
            "revoked": bool(order.revocation_sha256), "checked_in_at": order.checked_in_at,
            "finished_at": order.finished_at, "closing_note": order.closing_note}


def _limit(limit: int) -> int:
    return max(1, min(int(limit), 200))


@router.get("/orders", response=list[OrderOut], summary="我可见的家政订单（客户、服务员、机构本方；主管部门本辖区）")
def list_orders(request, status: str = "", limit: int = 50, offset: int = 0):
    orders = queries.visible_orders(request.auth)
    if status:
        orders = orders.filter(status=status)
    return [_order(o) for o in orders[max(0, offset):max(0, offset) + _limit(limit)]]


@router.get("/orders/{order_id}", response=OrderOut, summary="一张家政订单")
def get_order(request, order_id: int):
    return _order(queries.order_for(request.auth, order_id))


@router.post("/orders/{order_id}/accept", response=OrderOut, summary="机构接单（生成三方合同）")
def accept(request, order_id: int):
    return _order(services.accept_order(queries.order_for(request.auth, order_id), actor=request.auth))


@router.post("/orders/{order_id}/decline", response=OrderOut, summary="机构不接单")
def decline(request, order_id: int, payload: CancelIn):
    order = queries.order_for(request.auth, order_id)
    return _order(services.decline_order(order, note=payload.note, actor=request.auth))


@router.post("/orders/{order_id}/cancel", response=OrderOut, summary="取消订单（已签署的合同随之撤销）")
def cancel(request, order_id: int, payload: CancelIn):
    order = queries.order_for(request.auth, order_id)
    return _order(services.cancel_order(order, note=payload.note, actor=request.auth))


@router.post("/orders/{order_id}/check-in", response=OrderOut, summary="服务员到达服务地址签到")
def check_in(request, order_id: int, payload: CheckInIn):
    order = queries.order_for(request.auth, order_id)
    return _order(services.check_in(order, latitude=payload.latitude, longitude=payload.longitude,
                                    actor=request.auth))


@router.post("/orders/{order_id}/finish", response=OrderOut, summary="确认服务完成")
def finish(request, order_id: int):
    return _order(services.finish_order(queries.order_for(request.auth, order_id), actor=request.auth))
