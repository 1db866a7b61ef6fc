"""Every change of state in the 浙里急救 scene: ``verb_noun(..., *, actor)``, atomic, audited.

Each service checks permission first (a denied call changes nothing), writes its audit entry in its transaction
and publishes its event after commit. The caller's progress page and the dispatch console follow the live
channels ``emergency.call:<id>`` and ``emergency.centre:<region code>`` (core.live).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events, pii
from zhili.core.identity.api import organizations_of, register_api_client, require
from zhili.core.ledger import api as ledger
from zhili.core.live import api as live
from zhili.core.notify.api import send_in_app

from . import cell_location, queries, routing
from .choices import (
    ACTIVE_RUN,
    NEXT_STATUS,
    PRE_EMPTABLE_RUN,
    AmbulanceStatus,
    CallStatus,
    LocationSource,
    RunStatus,
)
from .gazetteer import geocode
from .models import Ambulance, Call, Hospital, RoadNetwork, Run, Terminal, Volunteer
from .triage import triage

VITALS = {"heart_rate": (20, 250), "systolic": (40, 280), "diastolic": (20, 180), "spo2": (40, 100),
          "resp_rate": (4, 60), "gcs": (3, 15), "temperature": (30, 43)}
MAX_VITALS_READINGS = 500


def _say(channel_key: str, text: str, *, actor, kind: str = "progress", data: dict | None = None) -> None:
    channel = live.open_channel(channel_key, actor=actor, title=channel_key)
    live.post_message(channel, actor=actor, text=text, kind=kind, data=data or {}, author_label="120")


def call_channel(call: Call) -> str:
    return f"emergency.call:{call.pk}"


def hospital_channel(hospital) -> str:
    return f"emergency.hospital:{hospital.pk}"


def centre_channel(region) -> str:
    return f"emergency.centre:{region.code}"


def _position(lon, lat, field: str = "location") -> tuple[float, float]:
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise ValidationError({field: _("经纬度须为数字")}, code="invalid") from None
    if not (73 <= lon <= 136 and 3 <= lat <= 54):
        raise ValidationError({field: _("经纬度不在中国境内（WGS84，经度在前）")}, code="out_of_range")
    return lon, lat


# --- the road network ------------------------------------------------------------------------------------------

@transaction.atomic
def load_road_network(*, region, name: str, data: bytes | str, actor) -> RoadNetwork:
    """Load a county's road network (edges CSV); it replaces the county's previous one for routing.
    ``actor=None`` is the operator's command line (``manage.py load_road_network``)."""
    if actor is not None:
        require(actor, "emergency.network.load", region)
    graph = routing.parse_edges(data)  # validates before anything is written
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    RoadNetwork.objects.filter(region=region, active=True).update(active=False)
    network = RoadNetwork.objects.create(region=region, name=(name or "").strip()[:200] or region.name,
                                         edges_gz=routing.gzip_bytes(text), digest=graph.digest,
                                         node_count=graph.node_count, edge_count=graph.edge_count)
    audit.record("emergency.network.loaded", actor=actor, target=network,
                 data={"nodes": graph.node_count, "edges": graph.edge_count, "sha256": graph.digest})
    return network


@transaction.atomic
def load_speed_profile(*, region, data: bytes | str, actor) -> RoadNetwork:
    """Load the county's speed profile (``road_class,hour,factor``: the share of free-flow speed by road class and
    hour, e.g. from floating-car data); routing uses it from the next recommendation on. ``actor=None`` is the
    operator's command line."""
    if actor is not None:
        require(actor, "emergency.network.load", region)
    factors = routing.parse_profile(data)  # validates before anything is written
    network = RoadNetwork.objects.select_for_update().filter(region=region, active=True).order_by("-id").first()
    if network is None:
        raise ValidationError({"profile": _("本县尚未导入道路网络")}, code="no_network")
    network.speed_profile = factors
    network.save(update_fields=["speed_profile", "updated_at"])
    audit.record("emergency.network.profile_loaded", actor=actor, target=network,
                 data={"classes": sorted(factors)})
    return network


# --- calls -----------------------------------------------------------------------------------------------------

def _apply_readings(call: Call, readings: list[cell_location.Reading]) -> None:
    """Set the call's position from its readings (``cell_location.fuse``): which source, its uncertainty, and
    whether the sources disagree (the dispatcher then confirms the place on the line)."""
    fused = cell_location.fuse(readings)
    call.readings = [r.as_json() for r in readings]
    call.location_conflict = fused.conflict
    if fused.reading is None:
        call.lon = call.lat = call.uncertainty_m = None
        call.location_source = LocationSource.NONE
    else:
        call.lon, call.lat = fused.reading.lon, fused.reading.lat
        call.uncertainty_m, call.location_source = fused.reading.uncertainty_m, fused.reading.source


def _readings_of(call: Call) -> list[cell_location.Reading]:
    return [cell_location.Reading(r["source"], r["lon"], r["lat"], r["uncertainty_m"]) for r in call.readings]


@transaction.atomic
def place_call(*, actor, region=None, lon=None, lat=None, accuracy_m=None, described: str = "",
               complaint: str = "", phone: str = "") -> Call:
    """A 120 call. A position shared with consent is a reading with its accuracy; the described place, matched in
    the gazetteer, is another; the operator's cell location joins when the carrier pushes it or the centre asks
    (``receive_cell_location``, ``request_cell_location``). ``cell_location.fuse`` picks the position. Without
    any, the call goes on without a position. In every case it reaches the dispatcher at once."""
    require(actor, "emergency.call.place", region)
    described, complaint = (described or "").strip()[:200], (complaint or "").strip()[:200]
    readings, matched = [], ""
    try:
        accuracy = float(accuracy_m) if accuracy_m not in (None, "") else None
    except (TypeError, ValueError):
        accuracy = None
    if accuracy is not None and not 0 < accuracy <= 100_000:
        accuracy = None
    if lon not in (None, "") and lat not in (None, ""):
        lon, lat = _position(lon, lat)
        readings.append(cell_location.Reading(LocationSource.GPS, lon, lat, accuracy or 50.0))
        region = queries.region_at(lon, lat) or region
    if region is None:
        raise ValidationError({"region": _("请选择所在县（市、区）")}, code="required")
    if described:
        match = geocode(described, queries.gazetteer_rows(region))
        if match is not None:
            matched = match.name
            readings.append(cell_location.Reading(LocationSource.DESCRIBED, match.lon, match.lat,
                                                  queries.parameter("address_uncertainty_m")))
    call = Call(region=region, caller=actor, phone=phone or getattr(actor, "phone", "") or "", accuracy_m=accuracy,
                described_place=described, matched_address=matched, complaint=complaint, received_at=timezone.now())
    _apply_readings(call, readings)
    call.save()
    audit.record("emergency.call.placed", actor=actor, target=call,
                 data={"location_source": call.location_source, "region": region.code})
    _say(call_channel(call), _("已接通 120，调度员正在处理您的呼救，请保持电话畅通"), actor=actor)
    _say(centre_channel(region), _("新呼救"), actor=actor, kind="call", data={"call": call.pk})
    events.publish("emergency.call.placed", call_id=call.pk)
    return call


CELL_MATCH_WINDOW = dt.timedelta(hours=1)


def _add_cell_fix(call: Call, fix: cell_location.CellFix, *, actor) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    readings = [r for r in _readings_of(call) if r.source != LocationSource.CELL]  # the newest fix replaces
    readings.append(cell_location.Reading(LocationSource.CELL, fix.lon, fix.lat, fix.radius_m))
    before = call.location_source
    _apply_readings(call, readings)
    call.save(update_fields=["lon", "lat", "uncertainty_m", "location_source", "location_conflict", "readings",
                             "updated_at"])
    audit.record("emergency.call.cell_located", actor=actor, target=call,
                 data={"radius_m": round(fix.radius_m), "source": call.location_source, "before": before,
                       "conflict": call.location_conflict})
    _say(centre_channel(call.region), _("运营商基站定位已到"), actor=None if isinstance(actor, str) else actor,
         kind="call", data={"call": call.pk})
    return call


def receive_cell_location(data: bytes, *, actor=None, client_id: str = "") -> list[Call]:
    """The carrier's location push (MLP ``emerep`` or ``eme_lia``): each position joins the open call placed from
    that number within the last hour and the call's position is fused again. Positions for numbers without such a
    call change nothing. ``actor`` is the carrier's API client (scope ``emergency.carrier``)."""
    fixes = cell_location.parse_mlp(data)  # validates before anything is written
    updated = []
    since = timezone.now() - CELL_MATCH_WINDOW
    for fix in fixes:
        index = pii.blind_index(fix.msisdn)
        call = (Call.objects.filter(phone_index=index, received_at__gte=since,
                                    status__in=[CallStatus.WAITING, CallStatus.DISPATCHED])
                .order_by("-received_at").first())
        if call is None:
            continue
        with transaction.atomic():
            updated.append(_add_cell_fix(call, fix, actor=actor))
    audit.record("emergency.cell_location.received", actor=actor,
                 data={"positions": len(fixes), "matched": len(updated)})
    return updated


def request_cell_location(call: Call, *, actor, client: cell_location.MlpClient | None = None) -> Call:
    """The dispatcher asks the carrier's location server (MLP emergency location immediate request) where the
    caller's phone is. Needs a configured server; a failure is a clear error and changes nothing."""
    require(actor, "emergency.call.take", call)
    client = client or cell_location.MlpClient.from_settings()
    if client is None:
        raise ValidationError({"cell": _("未配置运营商定位接口（EMERGENCY_MLP），请等待运营商推送或向呼救人核实位置")},
                              code="not_configured")
    if not call.phone:
        raise ValidationError({"cell": _("呼救没有回拨号码，无法查询基站定位")}, code="no_phone")
    audit.record("emergency.call.cell_requested", actor=actor, target=call)
    try:
        fix = client.locate(call.phone)
    except cell_location.CellLocationError as exc:
        raise ValidationError({"cell": str(exc)}, code="unavailable") from None
    if fix is None:
        raise ValidationError({"cell": _("运营商未能给出该号码的位置")}, code="not_located")
    with transaction.atomic():
        return _add_cell_fix(call, fix, actor=actor)


@transaction.atomic
def locate_call(call: Call, *, lon, lat, actor) -> Call:
    """The dispatcher confirms the call's position (from the caller's words on the line or the map); it wins over
    every other reading."""
    require(actor, "emergency.call.take", call)
    lon, lat = _position(lon, lat)
    call = Call.objects.select_for_update().get(pk=call.pk)
    readings = [r for r in _readings_of(call) if r.source != LocationSource.DISPATCHER]
    readings.append(cell_location.Reading(LocationSource.DISPATCHER, lon, lat,
                                          queries.parameter("address_uncertainty_m")))
    _apply_readings(call, readings)
    call.save(update_fields=["lon", "lat", "uncertainty_m", "location_source", "location_conflict", "readings",
                             "updated_at"])
    audit.record("emergency.call.located", actor=actor, target=call, data={"source": call.location_source})
    return call


@transaction.atomic
def triage_call(call: Call, *, answers: dict, actor) -> Call:
    """Record the structured triage; it sets the priority and the capability the hospital needs."""
    require(actor, "emergency.call.take", call)
    result = triage(answers)
    call = Call.objects.select_for_update().get(pk=call.pk)
    call.triage = {k: bool(answers.get(k)) for k in answers} | {"reason": result.reason}
    call.priority, call.capability, call.triaged_at = result.priority, result.capability, timezone.now()
    call.save(update_fields=["triage", "priority", "capability", "triaged_at", "updated_at"])
    audit.record("emergency.call.triaged", actor=actor, target=call,
                 data={"priority": call.priority, "capability": call.capability})
    return call


@transaction.atomic
def dispatch_call(call: Call, *, ambulance: Ambulance, actor, reason: str = "") -> Run:
    """Send ``ambulance``. The system's first recommendation is confirmed as it is; any other choice is an
    override and needs a reason (audited and in the ledger). Sending an ambulance on a lower-priority run diverts
    that run (pre-emption): its call goes back to the queue."""
    require(actor, "emergency.call.take", call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.WAITING:
        raise ValidationError({"status": _("呼救状态为「{s}」，不能再派车").format(s=call.get_status_display())},
                              code="not_waiting")
    if not call.has_location:
        raise ValidationError({"location": _("请先确认呼救位置，再派车")}, code="no_location")
    options = queries.recommend(call, limit=50)
    chosen = next((o for o in options if o.ambulance.pk == ambulance.pk), None)
    if chosen is None:
        raise ValidationError({"ambulance": _("{a} 当前不能派出（任务中且不可抢占，或不在本县）").format(a=ambulance)},
                              code="unavailable")
    recommended = options[0].ambulance
    reason = (reason or "").strip()[:300]
    if ambulance.pk != recommended.pk and not reason:
        raise ValidationError({"reason": _("未选系统推荐的 {a}，请填写改选理由").format(a=recommended)},
                              code="reason_required")
    ambulance = Ambulance.objects.select_for_update().get(pk=ambulance.pk)
    pre_empted = None
    if chosen.option.kind == routing.PRE_EMPT:
        pre_empted = Run.objects.select_for_update().get(ambulance=ambulance, status__in=PRE_EMPTABLE_RUN)
        pre_empted.status = RunStatus.DIVERTED
        pre_empted.save(update_fields=["status", "updated_at"])
        Call.objects.filter(pk=pre_empted.call_id).update(status=CallStatus.WAITING, dispatched_at=None)
        audit.record("emergency.run.diverted", actor=actor, target=pre_empted, data={"for_call": call.pk})
    now = timezone.now()
    run = Run.objects.create(call=call, ambulance=ambulance, recommended=recommended, override_reason=reason,
                             pre_empted_run=pre_empted, dispatcher=actor, assigned_at=now,
                             eta_s=round(chosen.option.eta_s), eta_at=now + dt.timedelta(seconds=chosen.option.eta_s))
    ambulance.status = AmbulanceStatus.ON_RUN
    ambulance.save(update_fields=["status", "updated_at"])
    call.status, call.dispatched_at = CallStatus.DISPATCHED, now
    call.save(update_fields=["status", "dispatched_at", "updated_at"])
    decision = {"call": call.pk, "ambulance": ambulance.plate, "recommended": recommended.plate,
                "eta_s": run.eta_s, "override_reason": reason, "pre_empted_run": pre_empted.pk if pre_empted else None}
    audit.record("emergency.run.dispatched", actor=actor, target=run, data=decision)
    if reason:
        audit.record("emergency.run.override", actor=actor, target=run, data=decision)
        digest = hashlib.sha256(json.dumps(decision, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        ledger.append(kind="emergency.run.override", subject=run, actor=actor, digest=digest, data=decision)
    _say(call_channel(call), _("已派出救护车 {sign}，预计 {m} 分钟到达").format(
        sign=ambulance.call_sign, m=round(run.eta_s / 60)), actor=actor,
        data={"status": run.status, "eta_s": run.eta_s, "lon": ambulance.lon, "lat": ambulance.lat})
    if pre_empted is not None:
        _say(call_channel(pre_empted.call), _("原派车辆被调往更危急的呼救，调度员正在为您改派"), actor=actor)
    _say(centre_channel(call.region), _("已派车"), actor=actor, kind="call", data={"call": call.pk})
    for crew in ambulance.crew.all():
        send_in_app(crew, "emergency_run_assigned", {"sign": ambulance.call_sign, "priority": call.priority,
                                                     "place": call.matched_address or call.described_place or ""},
                    actor=actor)
    if call.priority == "A":
        _alert_volunteers(call, actor=actor)
    events.publish("emergency.run.dispatched", run_id=run.pk, call_id=call.pk)
    return run


def _alert_volunteers(call: Call, *, actor) -> None:
    aeds = queries.nearest_aeds(call, limit=1)
    aed = aeds[0].aed.place if aeds else _("无")
    for volunteer in queries.volunteers_near(call):
        send_in_app(volunteer.user, "emergency_volunteer_alert",
                    {"place": call.matched_address or _("定位点附近"), "aed": aed},
                    dedup_key=f"emergency.volunteer:{call.pk}:{volunteer.pk}", actor=actor)
    audit.record("emergency.volunteers.alerted", actor=actor, target=call,
                 data={"count": len(queries.volunteers_near(call))})


# --- the crew --------------------------------------------------------------------------------------------------

STATUS_FIELD = {RunStatus.ACCEPTED: "accepted_at", RunStatus.EN_ROUTE: "en_route_at",
                RunStatus.ON_SCENE: "on_scene_at", RunStatus.PATIENT: "patient_at",
                RunStatus.DELIVERED: "delivered_at"}


@transaction.atomic
def advance_run(run: Run, *, actor, at: dt.datetime | None = None) -> Run:
    """The crew's next status (接单 → 出车 → 到达 → 接到患者 → 送达), with its time. 送达 needs a hospital."""
    require(actor, "emergency.run.crew", run)
    run = Run.objects.select_for_update().select_related("call", "ambulance").get(pk=run.pk)
    following = NEXT_STATUS.get(run.status)
    if following is None:
        raise ValidationError({"status": _("任务状态为「{s}」，没有下一步").format(s=run.get_status_display())},
                              code="final")
    if following == RunStatus.DELIVERED and run.hospital_id is None:
        raise ValidationError({"hospital": _("请先选择送往医院")}, code="no_hospital")
    when = at or timezone.now()
    run.status = following
    setattr(run, STATUS_FIELD[following], when)
    run.save(update_fields=["status", STATUS_FIELD[following], "updated_at"])
    audit.record("emergency.run.status", actor=actor, target=run, data={"status": following})
    labels = {RunStatus.ACCEPTED: _("车组已接单"), RunStatus.EN_ROUTE: _("救护车已出发"),
              RunStatus.ON_SCENE: _("救护车已到达"), RunStatus.PATIENT: _("已接到患者，正在送往医院"),
              RunStatus.DELIVERED: _("已送达医院")}
    _say(call_channel(run.call), str(labels[following]), actor=actor, data={"status": following})
    events.publish("emergency.run.status", run_id=run.pk, status=following)
    return run


def terminal_scope(device_id: str) -> str:
    """The API scope that lets a client speak for one ambulance terminal."""
    return f"emergency.terminal:{device_id}"


def _centre_of(actor, region):
    """The dispatch centre (organisation) in which ``actor`` dispatches for ``region``."""
    from zhili.core.orgs.api import Organization

    from .roles import DISPATCHER

    ids = organizations_of(actor, DISPATCHER)
    return Organization.objects.filter(pk__in=ids).order_by("pk").first() if ids else None


@transaction.atomic
def register_terminal(ambulance: Ambulance, *, actor=None, organization=None) -> tuple[Terminal, str]:
    """Register the API client of ``ambulance``'s terminal (its monitor adapter too) for the dispatch centre and
    return the terminal with its secret, shown once: the device trades client id and secret for a bearer token at
    ``/api/v1/identity/token`` and posts positions and vital signs with it. The scope is derived from the
    ambulance's device number, never typed. A terminal registered before for the ambulance is revoked (one live
    terminal a vehicle). ``actor=None`` is the operator's command line, which names the ``organization``."""
    if actor is not None:
        require(actor, "emergency.terminal.manage", ambulance.region)
        organization = organization or _centre_of(actor, ambulance.region)
    if organization is None:
        raise ValidationError({"organization": _("请指定终端所属的急救指挥中心")}, code="required")
    ambulance = Ambulance.objects.select_for_update().get(pk=ambulance.pk)
    for old in Terminal.objects.select_for_update().filter(ambulance=ambulance, revoked_at__isnull=True):
        _revoke(old, actor=actor)
    client, secret = register_api_client(name=f"{ambulance.call_sign} 车载终端 {ambulance.device_id}"[:100],
                                         organization=organization, scopes=[terminal_scope(ambulance.device_id)],
                                         actor=actor)
    terminal = Terminal.objects.create(ambulance=ambulance, client=client, registered_by=actor)
    audit.record("emergency.terminal.registered", actor=actor, target=terminal,
                 data={"ambulance": ambulance.plate, "client_id": client.client_id})
    return terminal, secret


def _revoke(terminal: Terminal, *, actor) -> None:
    terminal.revoked_at, terminal.revoked_by = timezone.now(), actor
    terminal.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit.record("emergency.terminal.revoked", actor=actor, target=terminal,
                 data={"client_id": terminal.client.client_id})


@transaction.atomic
def revoke_terminal(terminal: Terminal, *, actor=None) -> Terminal:
    """Revoke a terminal's credentials at once: the API refuses its tokens from now on (403, audited)."""
    terminal = Terminal.objects.select_for_update().select_related("ambulance", "client").get(pk=terminal.pk)
    if actor is not None:
        require(actor, "emergency.terminal.manage", terminal.ambulance.region)
    if terminal.revoked_at is not None:
        raise ValidationError({"terminal": _("该终端凭据已吊销")}, code="revoked")
    _revoke(terminal, actor=actor)
    return terminal


def terminal_speaks_for(client, ambulance: Ambulance) -> bool:
    """Whether the API ``client`` is a live (registered, not revoked) terminal of ``ambulance``."""
    return client is not None and Terminal.objects.filter(client=client, ambulance=ambulance,
                                                          revoked_at__isnull=True).exists()


def report_position(run: Run, *, device_id: str, lon, lat, actor=None) -> Run:
    """A position from the ambulance's terminal. Refused (nothing changes but the audited refusal) unless the
    device is the one fitted to the run's ambulance and the run is active. The caller sees the position and ETA."""
    run = Run.objects.select_related("call", "call__region", "ambulance", "hospital").get(pk=run.pk)
    if not device_id or device_id != run.ambulance.device_id or run.status not in ACTIVE_RUN:
        audit.record("emergency.position.refused", actor=actor or f"device:{(device_id or '')[:64]}", target=run,
                     data={"device": (device_id or "")[:64]})
        raise PermissionDenied(_("该终端未分配给本次任务"))
    lon, lat = _position(lon, lat)
    return _move(run, device_id=device_id, lon=lon, lat=lat, actor=actor)


@transaction.atomic
def _move(run: Run, *, device_id: str, lon: float, lat: float, actor) -> Run:
    Ambulance.objects.filter(pk=run.ambulance_id).update(lon=lon, lat=lat, position_at=timezone.now())
    graph = queries.graph_at(run.call.region)
    data = {"lon": lon, "lat": lat, "status": run.status}
    if graph is not None and run.status in (RunStatus.ASSIGNED, RunStatus.ACCEPTED, RunStatus.EN_ROUTE) \
            and run.call.has_location:
        seconds = queries.eta_s(graph, lon, lat, run.call.lon, run.call.lat)
        run.eta_s, run.eta_at = round(seconds), timezone.now() + dt.timedelta(seconds=seconds)
        run.save(update_fields=["eta_s", "eta_at", "updated_at"])
        data["eta_s"] = run.eta_s
    elif graph is not None and run.hospital_id and run.status == RunStatus.PATIENT:
        seconds = queries.eta_s(graph, lon, lat, run.hospital.lon, run.hospital.lat)
        run.hospital_eta_at = timezone.now() + dt.timedelta(seconds=seconds)
        run.save(update_fields=["hospital_eta_at", "updated_at"])
    audit.record("emergency.position.reported", actor=actor or f"device:{device_id}", target=run,
                 data={"status": run.status})
    if run.status in (RunStatus.ASSIGNED, RunStatus.ACCEPTED, RunStatus.EN_ROUTE, RunStatus.ON_SCENE):
        _say(call_channel(run.call), _("救护车位置已更新"), actor=actor, kind="position", data=data)
    return run


def _vitals(readings: dict) -> dict:
    clean = {}
    for name, (low, high) in VITALS.items():
        value = readings.get(name)
        if value in (None, ""):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError({name: _("须为数字")}, code="invalid") from None
        if not low <= number <= high:
            raise ValidationError({name: _("须在 {low}–{high} 之间").format(low=low, high=high)}, code="out_of_range")
        clean[name] = number
    if not clean:
        raise ValidationError({"heart_rate": _("至少填写一项生命体征")}, code="required")
    return clean


@transaction.atomic
def record_vitals(run: Run, *, readings: dict, actor=None, device_id: str = "", notes: str = "") -> Run:
    """Vital signs entered by the crew or streamed by the monitor's adapter (the ambulance's device): encrypted,
    sent ahead to the receiving hospital."""
    run = Run.objects.select_for_update().select_related("ambulance").get(pk=run.pk)
    if device_id:
        if device_id != run.ambulance.device_id or run.status not in ACTIVE_RUN:
            raise PermissionDenied(_("该终端未分配给本次任务"))
    else:
        require(actor, "emergency.run.crew", run)
    clean = _vitals(readings)
    history = run.vitals[-(MAX_VITALS_READINGS - 1):]
    history.append(clean | {"at": timezone.now().isoformat(timespec="seconds"),
                            "source": "device" if device_id else "crew"})
    run.vitals_json = json.dumps(history)
    fields = ["vitals_json", "updated_at"]
    if notes.strip():
        run.notes = notes.strip()[:2000]
        fields.append("notes")
    run.save(update_fields=fields)
    audit.record("emergency.vitals.recorded", actor=actor or f"device:{device_id}", target=run,
                 data={"fields": sorted(clean)})
    return run


@transaction.atomic
def choose_hospital(run: Run, *, hospital: Hospital, actor) -> Run:
    """The crew chooses the receiving hospital (suggested by capability and transport time); it sees the patient."""
    require(actor, "emergency.run.crew", run)
    run = Run.objects.select_for_update().select_related("call", "ambulance").get(pk=run.pk)
    if hospital.region_id != run.call.region_id:
        raise ValidationError({"hospital": _("请选择本县的接收医院")}, code="other_region")
    if run.status not in ACTIVE_RUN or run.status == RunStatus.DELIVERED:
        raise ValidationError({"hospital": _("患者已送达，不能再改医院")}, code="delivered")
    graph = queries.graph_at(run.call.region)
    run.hospital = hospital
    if graph is not None:
        seconds = queries.eta_s(graph, run.ambulance.lon, run.ambulance.lat, hospital.lon, hospital.lat)
        run.hospital_eta_at = timezone.now() + dt.timedelta(seconds=seconds)
    run.save(update_fields=["hospital", "hospital_eta_at", "updated_at"])
    audit.record("emergency.hospital.chosen", actor=actor, target=run, data={"hospital": hospital.name})
    for_staff = _("{sign} 送来 {p} 级患者").format(sign=run.ambulance.call_sign, p=run.call.priority)
    _say(hospital_channel(hospital), for_staff, actor=actor, kind="incoming", data={"run": run.pk})
    return run


@transaction.atomic
def hand_over(run: Run, *, actor, at: dt.datetime | None = None) -> Run:
    """The hospital receives the patient: the run ends, the ambulance returns to its station's pool."""
    require(actor, "emergency.run.hand_over", run)
    run = Run.objects.select_for_update().select_related("call", "ambulance").get(pk=run.pk)
    if run.status != RunStatus.DELIVERED:
        raise ValidationError({"status": _("车组尚未报告送达，不能交接")}, code="not_delivered")
    run.status, run.handed_over_at, run.handed_over_by = RunStatus.HANDED_OVER, at or timezone.now(), actor
    run.save(update_fields=["status", "handed_over_at", "handed_over_by", "updated_at"])
    Ambulance.objects.filter(pk=run.ambulance_id).update(status=AmbulanceStatus.RETURNING)
    Call.objects.filter(pk=run.call_id).update(status=CallStatus.CLOSED)
    audit.record("emergency.run.handed_over", actor=actor, target=run, data={"hospital": run.hospital_id})
    events.publish("emergency.run.handed_over", run_id=run.pk)
    return run


@transaction.atomic
def return_to_station(ambulance: Ambulance, *, actor) -> Ambulance:
    """The crew reports back at the station: the ambulance is at its station again."""
    if not ambulance.crew.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("只有本车组可以报告回站"))
    ambulance = Ambulance.objects.select_for_update().select_related("station").get(pk=ambulance.pk)
    if ambulance.status != AmbulanceStatus.RETURNING:
        raise ValidationError({"status": _("车辆不在返站途中")}, code="not_returning")
    ambulance.status = AmbulanceStatus.AT_STATION
    ambulance.lon, ambulance.lat, ambulance.position_at = ambulance.station.lon, ambulance.station.lat, timezone.now()
    ambulance.save(update_fields=["status", "lon", "lat", "position_at", "updated_at"])
    audit.record("emergency.ambulance.returned", actor=actor, target=ambulance)
    return ambulance


# --- late responses ---------------------------------------------------------------------------------------------

LATE_CASE_TYPE = "emergency.late_response"


def open_late_response_cases(*, since: dt.datetime | None = None, until: dt.datetime | None = None) -> list:
    """Open a 急救反应超时复核 case (core.cases, deadline basis in ``workflows.py``) for every run that reached the
    scene after the response-time target (``response_target_s``) between ``since`` and ``until`` (default: the last
    day). The case goes to the dispatch centre that sent the run (the dispatcher's organisation), else to the
    assignment rule configured for the county. A run keeps its case: it is raised once. Returns the cases opened."""
    from zhili.core.cases.api import Priority, open_case
    from zhili.core.identity.api import organizations_of
    from zhili.core.orgs.api import Organization

    from .roles import DISPATCHER

    until = until or timezone.now()
    since = since or until - dt.timedelta(days=1)
    target = queries.parameter("response_target_s")
    opened = []
    runs = (Run.objects.filter(on_scene_at__gte=since, on_scene_at__lt=until, late_case__isnull=True)
            .select_related("call", "call__region", "ambulance", "dispatcher").order_by("on_scene_at", "pk"))
    for run in runs:
        response = run.response_s
        if response is None or response <= target:
            continue
        centres = organizations_of(run.dispatcher, DISPATCHER)
        organization = Organization.objects.filter(pk__in=centres).order_by("pk").first() if centres else None
        title = _("{sign} 反应时间 {m} 分 {s} 秒，超过目标 {t} 分钟（呼救 {call}）").format(
            sign=run.ambulance.call_sign, m=response // 60, s=response % 60, t=round(target / 60), call=run.call_id)
        description = _("受理 {received}，到达现场 {scene}；优先级 {p}。请复核超时原因（调度、出车、路况、定位）"
                        "并记录改进措施。").format(
            received=timezone.localtime(run.call.received_at).strftime("%Y-%m-%d %H:%M:%S"),
            scene=timezone.localtime(run.on_scene_at).strftime("%H:%M:%S"), p=run.call.priority)
        with transaction.atomic():
            locked = Run.objects.select_for_update().get(pk=run.pk)
            if locked.late_case_id:
                continue
            case = open_case(LATE_CASE_TYPE, title=title[:200], description=description, region=run.call.region,
                             actor=None, subject=run, organization=organization,
                             priority=Priority.HIGH if run.call.priority == "A" else Priority.NORMAL)
            Run.objects.filter(pk=run.pk).update(late_case=case)
            audit.record("emergency.run.late_case", actor="task:emergency.daily_late", target=run,
                         data={"case": case.number, "response_s": response, "target_s": target})
        opened.append(case)
    return opened


# --- volunteers ------------------------------------------------------------------------------------------------

@transaction.atomic
def register_volunteer(*, actor, region, lon, lat) -> Volunteer:
    """A certified first-aider consents to be told of cardiac-arrest calls near them (opt out any time)."""
    require(actor, "emergency.aed.view")
    lon, lat = _position(lon, lat)
    volunteer, _created = Volunteer.objects.update_or_create(
        user=actor, defaults={"region": region, "lon": lon, "lat": lat, "consented_at": timezone.now(),
                              "opted_out_at": None})
    audit.record("emergency.volunteer.consented", actor=actor, target=volunteer)
    return volunteer


@transaction.atomic
def opt_out_volunteer(*, actor) -> None:
    Volunteer.objects.filter(user=actor).update(opted_out_at=timezone.now())
    audit.record("emergency.volunteer.opted_out", actor=actor)
