"""The 浙里好家政 scene's JSON API under /api/v1/housekeeping/ (in the OpenAPI document), with the pages' checks."""

from datetime import datetime

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
    require(request.user, "housekeeping.worker.view")
    workers = queries.visible_workers(request.user)
    if colour:
        workers = workers.filter(code_colour=colour)
    return [_out(w) for w in workers[:200]]


@router.get("/workers/{worker_id}", response=WorkerOut, summary="一名家政服务员")
def get_worker(request, worker_id: int):
    return _out(queries.worker_for(request.user, worker_id))


@router.get("/scan/{token}", response=ScanOut, summary="核验家政安心码")
def scan(request, token: str):
    found = services.scan_code(token, actor=request.user)
    if found.worker is None:
        return {"valid": False, "reason": found.reason}
    w = found.worker
    return {"valid": True, "masked_name": w.masked_name, "agency": w.agency.name, "colour": w.code_colour,
            "stars": w.stars}
