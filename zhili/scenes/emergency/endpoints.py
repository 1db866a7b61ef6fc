"""The 浙里急救 scene's JSON API under /api/v1/emergency/ (in the OpenAPI document), with the pages' checks.

The ambulance terminal (device adapter) posts positions and monitor readings with a bearer token of its own API
client, registered by the dispatch centre (`services.register_terminal`: the terminals page or ``manage.py
register_terminal``) with the scope ``emergency.terminal:<device number>``; a revoked terminal's tokens are refused. The token says which device speaks: a device number in the body
would be anyone's to claim. Anything from a device not fitted to the run's ambulance is refused (403), audited, and
changes nothing; no token is 401.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from zhili.core.foundation.api import audit
from zhili.core.identity.api import BearerToken, has_scope, require
from zhili.core.orgs.api import region_by_code

from . import cell_location, queries, services
from .models import Run

router = Router(tags=["浙里急救"])


class CallIn(Schema):
    region_code: str = ""
    lon: float | None = None
    lat: float | None = None
    accuracy_m: float | None = None
    described: str = ""
    complaint: str = ""


class CallOut(Schema):
    id: int
    status: str
    priority: str
    capability: str
    location_source: str
    lon: float | None
    lat: float | None
    uncertainty_m: float | None
    location_conflict: bool
    matched_address: str
    phone: str
    received_at: datetime


class RecommendationOut(Schema):
    ambulance_id: int
    call_sign: str
    kind: str
    eta_s: float
    cover_loss: bool


class PositionIn(Schema):
    lon: float
    lat: float


class VitalsIn(Schema):
    heart_rate: float | None = None
    systolic: float | None = None
    diastolic: float | None = None
    spo2: float | None = None
    resp_rate: float | None = None
    gcs: float | None = None


class RunOut(Schema):
    id: int
    call_id: int
    ambulance: str
    status: str
    eta_s: int | None
    hospital: str | None
    vitals: list[dict]


def _call(call) -> dict:
    return {"id": call.pk, "status": call.status, "priority": call.priority, "capability": call.capability,
            "location_source": call.location_source, "lon": call.lon, "lat": call.lat,
            "uncertainty_m": call.uncertainty_m, "location_conflict": call.location_conflict,
            "matched_address": call.matched_address, "phone": call.masked_phone, "received_at": call.received_at}


@router.post("/calls", response={201: CallOut}, summary="呼救（位置可选：定位、描述或未知）")
def place_call(request, payload: CallIn):
    call = services.place_call(actor=request.user, region=region_by_code(payload.region_code) if
                               payload.region_code else None, lon=payload.lon, lat=payload.lat,
                               accuracy_m=payload.accuracy_m, described=payload.described,
                               complaint=payload.complaint)
    return 201, _call(call)


@router.get("/calls", response=list[CallOut], summary="调度台：待处理呼救（按优先级）")
def list_calls(request):
    require(request.user, "emergency.call.take")
    return [_call(c) for c in queries.calls_by_priority(request.user)[:200]]


@router.get("/calls/{call_id}/recommendation", response=list[RecommendationOut], summary="推荐车辆")
def recommendation(request, call_id: int):
    call = queries.call_for_centre(request.user, call_id)
    return [{"ambulance_id": r.ambulance.pk, "call_sign": r.ambulance.call_sign, "kind": r.option.kind,
             "eta_s": round(r.option.eta_s, 1), "cover_loss": r.option.cover_loss} for r in queries.recommend(call)]


@router.get("/runs/{run_id}", response=RunOut, summary="出车任务与患者记录（车组、接收医院、调度中心可见）")
def get_run(request, run_id: int):
    run = queries.run_for(request.user, run_id)
    audit.record("emergency.patient.read", actor=request.user, target=run)
    return {"id": run.pk, "call_id": run.call_id, "ambulance": run.ambulance.call_sign, "status": run.status,
            "eta_s": run.eta_s, "hospital": run.hospital.name if run.hospital else None, "vitals": run.vitals}


CARRIER_SCOPE = "emergency.carrier"


class CellPushOut(Schema):
    positions: int
    matched: int


@router.post("/cell-location", response={200: CellPushOut}, auth=BearerToken(),
             summary="运营商基站定位推送（OMA MLP emerep / eme_lia，XML 报文体）")
def cell_location_push(request):
    """The carrier's location server pushes the cell position of emergency calls as MLP XML (the request body,
    at most 64 KB), with the token of the API client the platform registered for it (scope emergency.carrier)."""
    if not has_scope(request, CARRIER_SCOPE):
        raise HttpError(403, "需要 emergency.carrier 授权范围")
    body = request.body
    fixes = cell_location.parse_mlp(body)
    updated = services.receive_cell_location(body, client_id=request.api_client.client_id)
    return 200, {"positions": len(fixes), "matched": len(updated)}


def _device_run(run_id: int) -> Run:
    return get_object_or_404(Run.objects.select_related("ambulance", "call"), pk=run_id)


def _speaking_device(request, run: Run) -> str:
    """The device the bearer token speaks for, as far as this run is concerned: the run's own terminal when the
    token holds its scope, else the client's identifier (which the services refuse, with an audited record)."""
    if has_scope(request, services.terminal_scope(run.ambulance.device_id)) and \
            services.terminal_speaks_for(request.api_client, run.ambulance):
        return run.ambulance.device_id
    return f"client:{request.api_client.client_id}"


@router.post("/runs/{run_id}/position", response={204: None}, auth=BearerToken(), summary="车载终端上报位置")
def report_position(request, run_id: int, payload: PositionIn):
    run = _device_run(run_id)
    services.report_position(run, device_id=_speaking_device(request, run), lon=payload.lon, lat=payload.lat)
    return 204, None


@router.post("/runs/{run_id}/vitals", response={204: None}, auth=BearerToken(), summary="监护仪适配器上报生命体征")
def report_vitals(request, run_id: int, payload: VitalsIn):
    run = _device_run(run_id)
    services.record_vitals(run, readings=payload.dict(), device_id=_speaking_device(request, run))
    return 204, None
