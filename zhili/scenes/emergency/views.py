"""Pages of the 浙里急救 scene: the caller's phone page and progress, the dispatch console, the crew terminal,
the hospital's incoming list, the AED map and the cockpit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zhili.core.dashboards.api import cockpit_views
from zhili.core.foundation.api import add_service_errors, audit
from zhili.core.identity.api import can, filter_by_scope, organizations_of, require
from zhili.core.live import api as live
from zhili.core.orgs.api import region_by_code
from zhili.core.ui.api import MapData, line, point

from . import queries, services
from .choices import AmbulanceStatus, LocationSource, RunStatus
from .cockpit import analyses
from .forms import CallForm, LocateForm, TriageForm, VitalsForm
from .models import AED, Ambulance, Hospital, Terminal, Volunteer
from .roles import HOSPITAL

CALL_COLOUR, AMBULANCE_COLOUR, HOSPITAL_COLOUR, AED_COLOUR = "#d93026", "#1e6fd9", "#2e9d4f", "#f5871f"


GEOLOCATION_POLICY = "camera=(), microphone=(), geolocation=(self)"


def _with_geolocation(response):
    """Pages that ask for the position (with the person's consent) allow geolocation for this site only; every
    other page keeps core's policy, which forbids it."""
    response["Permissions-Policy"] = GEOLOCATION_POLICY
    return response


def _errors(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


# --- the caller ------------------------------------------------------------------------------------------------

@login_required
def call(request):
    """One button: share the position (with consent) or describe the place, and 120 is called."""
    regions = queries.served_regions()
    form = CallForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placed = services.place_call(actor=request.user, region=region_by_code(data["region"] or "") or None,
                                         lon=data["lon"], lat=data["lat"], accuracy_m=data["accuracy_m"],
                                         described=data["described"], complaint=data["complaint"])
            return redirect("emergency:call_status", pk=placed.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _with_geolocation(render(request, "emergency/call.html", {"form": form}))


def _call_map(call, runs) -> MapData:
    data = MapData(legend=[(_("呼救位置"), CALL_COLOUR), (_("救护车"), AMBULANCE_COLOUR)])
    if call.has_location:
        data.add(point(call.lon, call.lat, title=_("呼救位置"), colour=CALL_COLOUR, radius=9))
    for run in runs:
        data.add(point(run.ambulance.lon, run.ambulance.lat, title=run.ambulance.call_sign, colour=AMBULANCE_COLOUR))
    return data


@login_required
def call_status(request, pk: int):
    """The caller's progress: the messages of the call's live channel, the ambulance on the map, the ETA."""
    own = queries.own_call(request.user, pk)
    channel = live.open_channel(services.call_channel(own), actor=request.user)
    runs = list(own.runs.select_related("ambulance").exclude(status__in=[RunStatus.DIVERTED, RunStatus.CANCELLED]))
    return render(request, "emergency/call_status.html", {
        "call": own, "run": runs[0] if runs else None, "map": _call_map(own, runs),
        "history": live.records_since(channel, 0), "after": channel.last_seq,
        "aeds": queries.nearest_aeds(own)})


def _call_channel_for(request, pk: int):
    try:
        found = queries.own_call(request.user, pk)
    except Http404:
        found = queries.call_for_centre(request.user, pk)
    return live.open_channel(services.call_channel(found), actor=request.user)


@login_required
def call_events(request, pk: int):
    return live.event_stream(request, _call_channel_for(request, pk))


@login_required
def call_poll(request, pk: int):
    return live.poll_response(request, _call_channel_for(request, pk))


# --- the dispatch centre ---------------------------------------------------------------------------------------

@login_required
def console(request):
    """Calls by priority, refreshed when the centre's channel says something happened."""
    require(request.user, "emergency.call.take")
    calls = queries.calls_by_priority(request.user)
    region = calls[0].region if calls else None
    channel = live.open_channel(services.centre_channel(region), actor=request.user) if region else None
    fleet = Ambulance.objects.filter(station__region__in={c.region for c in calls}) if calls else []
    return render(request, "emergency/console.html", {"calls": calls, "channel": channel, "fleet": fleet,
                                                      "centre_code": region.code if region else ""})


@login_required
def centre_events(request, code: str):
    region = region_by_code(code)
    if region is None or not queries.centre_calls(request.user).filter(region=region).exists():
        raise Http404
    return live.event_stream(request, live.open_channel(services.centre_channel(region), actor=request.user))


@login_required
def console_call(request, pk: int):
    """One call: position, triage, the recommendation with pre-emption and cover, nearest AEDs."""
    found = queries.call_for_centre(request.user, pk)
    audit.record("emergency.call.read", actor=request.user, target=found)
    recommendations = queries.recommend(found) if found.status == "waiting" else []
    runs = list(found.runs.select_related("ambulance", "recommended", "hospital"))
    initial = {k: ("1" if v else "0") for k, v in found.triage.items() if k != "reason"}
    data = _call_map(found, [r for r in runs if r.status not in (RunStatus.DIVERTED, RunStatus.HANDED_OVER)])
    for rec in recommendations:
        data.add(point(rec.ambulance.lon, rec.ambulance.lat, title=rec.ambulance.call_sign, colour="#8a8f98",
                       lines=[_("预计 {m} 分钟").format(m=rec.eta_min)]))
    aeds = queries.nearest_aeds(found)
    for near in aeds:
        data.add(point(near.aed.lon, near.aed.lat, title=near.aed.place, colour=AED_COLOUR, radius=5))
    return render(request, "emergency/console_call.html", {
        "call": found, "recommendations": recommendations, "runs": runs, "aeds": aeds, "map": data,
        "triage_form": TriageForm(initial=initial), "locate_form": LocateForm(), "readings": _readings(found),
        "others": Ambulance.objects.filter(station__region=found.region).select_related("station")})


def _readings(call) -> list[dict]:
    """The call's positions by source, with their uncertainty and the one the fusion uses."""
    labels = dict(LocationSource.choices)
    return [r | {"label": labels.get(r["source"], r["source"]),
                 "used": r["source"] == call.location_source and r["lon"] == call.lon and r["lat"] == call.lat}
            for r in call.readings]


@login_required
@require_POST
def console_triage(request, pk: int):
    found = queries.call_for_centre(request.user, pk)
    form = TriageForm(request.POST)
    if form.is_valid():
        try:
            services.triage_call(found, answers=form.answers(), actor=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    else:
        messages.error(request, _("分诊：请回答“是否清醒”和“是否正常呼吸”"))
    return redirect("emergency:console_call", pk=pk)


@login_required
@require_POST
def console_locate(request, pk: int):
    found = queries.call_for_centre(request.user, pk)
    try:
        services.locate_call(found, lon=request.POST.get("lon"), lat=request.POST.get("lat"), actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:console_call", pk=pk)


@login_required
@require_POST
def console_cell(request, pk: int):
    """Ask the carrier's location server where the caller's phone is (MLP); the position is fused again."""
    found = queries.call_for_centre(request.user, pk)
    try:
        services.request_cell_location(found, actor=request.user)
        messages.success(request, _("已取得运营商基站定位"))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:console_call", pk=pk)


@login_required
@require_POST
def console_dispatch(request, pk: int):
    found = queries.call_for_centre(request.user, pk)
    ambulance = Ambulance.objects.filter(pk=request.POST.get("ambulance") or 0, station__region=found.region).first()
    if ambulance is None:
        messages.error(request, _("请选择要派出的救护车"))
        return redirect("emergency:console_call", pk=pk)
    try:
        run = services.dispatch_call(found, ambulance=ambulance, actor=request.user,
                                     reason=request.POST.get("reason", ""))
        messages.success(request, _("已派出 {a}").format(a=run.ambulance))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:console_call", pk=pk)


# --- runs: crew, hospital ----------------------------------------------------------------------------------------

@login_required
def run_detail(request, pk: int):
    """The patient record of a run: only its crew, the receiving hospital and the dispatch centre (404 else)."""
    run = queries.run_for(request.user, pk)
    require(request.user, "emergency.run.patient", run)
    audit.record("emergency.patient.read", actor=request.user, target=run)
    is_crew = run.ambulance.crew.filter(pk=request.user.pk).exists()
    return _with_geolocation(render(request, "emergency/run_detail.html", {
        "run": run, "is_crew": is_crew, "vitals_form": VitalsForm(), "map": _route_map(run),
        "suggestions": queries.suggest_hospitals(run) if is_crew else [],
        "may_hand_over": run.status == RunStatus.DELIVERED and can(request.user, "emergency.run.hand_over", run)}))


def _route_map(run) -> MapData:
    """The navigation route: from the ambulance to the scene, or from the scene to the hospital once the patient is
    on board (quickest path on the road graph)."""
    data = MapData(legend=[(_("路线"), AMBULANCE_COLOUR), (_("呼救位置"), CALL_COLOUR), (_("医院"), HOSPITAL_COLOUR)])
    graph = queries.graph_at(run.call.region)  # the roads as they are now
    call = run.call
    if call.has_location:
        data.add(point(call.lon, call.lat, title=_("呼救位置"), colour=CALL_COLOUR, radius=9))
    data.add(point(run.ambulance.lon, run.ambulance.lat, title=run.ambulance.call_sign, colour=AMBULANCE_COLOUR))
    if run.hospital:
        data.add(point(run.hospital.lon, run.hospital.lat, title=run.hospital.name, colour=HOSPITAL_COLOUR))
    if graph is None or not call.has_location:
        return data
    if run.status in (RunStatus.ASSIGNED, RunStatus.ACCEPTED, RunStatus.EN_ROUTE):
        start, end = (run.ambulance.lon, run.ambulance.lat), (call.lon, call.lat)
    elif run.hospital and run.status in (RunStatus.ON_SCENE, RunStatus.PATIENT):
        start, end = (call.lon, call.lat), (run.hospital.lon, run.hospital.lat)
    else:
        return data
    path, seconds = graph.route(graph.nearest_node(*start), graph.nearest_node(*end))
    if len(path) > 1:
        data.add(line(graph.positions(path), title=_("导航路线，约 {m} 分钟").format(m=round(seconds / 60)),
                      colour=AMBULANCE_COLOUR))
    return data


@login_required
def hospital_events(request):
    """The hospital's channel: the page reloads when a crew chooses this hospital."""
    require(request.user, "emergency.run.hand_over")
    channel = _hospital_channel(request.user)
    if channel is None:
        raise Http404
    return live.event_stream(request, channel)


def _hospital_channel(user):
    hospital = Hospital.objects.filter(organization_id__in=organizations_of(user, HOSPITAL)).first()
    return live.open_channel(services.hospital_channel(hospital), actor=user) if hospital else None


@login_required
def crew(request):
    """The crew terminal (phone): the current run with its next step, the ambulance's state."""
    require(request.user, "emergency.run.crew")
    ambulance = queries.crew_ambulance(request.user)
    runs = list(queries.crew_runs(request.user))
    return render(request, "emergency/crew.html", {"ambulance": ambulance, "runs": runs,
                                                   "returning": ambulance and ambulance.status == "returning"})


def _crew_run(request, pk: int):
    run = queries.run_for(request.user, pk)
    if not run.ambulance.crew.filter(pk=request.user.pk).exists():
        raise Http404
    return run


@login_required
@require_POST
def crew_advance(request, pk: int):
    run = _crew_run(request, pk)
    try:
        services.advance_run(run, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:run_detail", pk=pk)


@login_required
@require_POST
def crew_vitals(request, pk: int):
    run = _crew_run(request, pk)
    form = VitalsForm(request.POST)
    form.is_valid()
    readings = {k: v for k, v in form.cleaned_data.items() if k != "notes"}
    try:
        services.record_vitals(run, readings=readings, notes=form.cleaned_data.get("notes", ""), actor=request.user)
        messages.success(request, _("生命体征已记录并同步至接收医院"))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:run_detail", pk=pk)


@login_required
@require_POST
def crew_hospital(request, pk: int):
    run = _crew_run(request, pk)
    hospital = get_object_or_404(Hospital, pk=request.POST.get("hospital") or 0)
    try:
        services.choose_hospital(run, hospital=hospital, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:run_detail", pk=pk)


@login_required
@require_POST
def crew_position(request, pk: int):
    """The terminal's position (the browser's geolocation on the ambulance's device)."""
    run = _crew_run(request, pk)
    try:
        services.report_position(run, device_id=run.ambulance.device_id, lon=request.POST.get("lon"),
                                 lat=request.POST.get("lat"), actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        return JsonResponse({"ok": False, "error": str(exc)}, status=400)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def crew_returned(request):
    ambulance = queries.crew_ambulance(request.user)
    if ambulance is None:
        raise Http404
    try:
        services.return_to_station(ambulance, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:crew")


@login_required
def hospital(request):
    """Incoming patients with ETA, vital signs and notes before arrival; handover."""
    require(request.user, "emergency.run.hand_over")
    runs = list(queries.incoming_runs(request.user))
    for run in runs:
        audit.record("emergency.patient.read", actor=request.user, target=run)
    channel = _hospital_channel(request.user)
    return render(request, "emergency/hospital.html", {"runs": runs, "now": timezone.now(),
                                                       "after": channel.last_seq if channel else 0})


@login_required
@require_POST
def hospital_hand_over(request, pk: int):
    run = queries.run_for(request.user, pk)
    try:
        services.hand_over(run, actor=request.user)
        messages.success(request, _("已完成交接"))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:hospital")


# --- terminal credentials -------------------------------------------------------------------------------------

def _terminal_fleet(user):
    """The ambulances of the dispatcher's county with their live terminal (None when there is none)."""
    fleet = list(filter_by_scope(user, Ambulance.objects.select_related("station"), "station__region")
                 .order_by("call_sign"))
    live_terminals = {t.ambulance_id: t for t in Terminal.objects.filter(
        ambulance__in=fleet, revoked_at__isnull=True).select_related("client")}
    return [(a, live_terminals.get(a.pk)) for a in fleet]


@login_required
def terminals(request):
    """The dispatch centre's ambulance terminals: register one (its secret is shown once, on this answer only) or
    revoke one. The API scope is the ambulance's device number, never typed."""
    require(request.user, "emergency.terminal.manage")
    issued = None
    if request.method == "POST":
        ambulance = get_object_or_404(filter_by_scope(request.user, Ambulance.objects.all(), "station__region"),
                                      pk=request.POST.get("ambulance") or 0)
        try:
            terminal, secret = services.register_terminal(ambulance, actor=request.user)
            issued = {"terminal": terminal, "secret": secret}
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    response = render(request, "emergency/terminals.html", {"rows": _terminal_fleet(request.user),
                                                            "issued": issued})
    response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
    return response


@login_required
@require_POST
def terminal_revoke(request, pk: int):
    terminal = get_object_or_404(filter_by_scope(request.user, Terminal.objects.all(), "ambulance__station__region"),
                                 pk=pk)
    try:
        services.revoke_terminal(terminal, actor=request.user)
        messages.success(request, _("已吊销 {sign} 的终端凭据").format(sign=terminal.ambulance.call_sign))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:terminals")


# --- AED map, cockpit ------------------------------------------------------------------------------------------

@login_required
def aed_map(request):
    require(request.user, "emergency.aed.view")
    aeds = list(AED.objects.all()[:2000])
    data = MapData(legend=[(_("AED（可用）"), AED_COLOUR), (_("AED（待检修）"), "#8a8f98")])
    for aed in aeds:
        data.add(point(aed.lon, aed.lat, title=aed.place, colour=AED_COLOUR if aed.usable else "#8a8f98",
                       lines=[_("开放时间：{h}").format(h=aed.hours),
                              _("最近检查：{d}").format(d=aed.checked_on or "—")]))
    volunteer = Volunteer.objects.filter(user=request.user).first()
    return _with_geolocation(render(request, "emergency/aed_map.html", {
        "aeds": aeds, "map": data, "volunteer": volunteer if volunteer and volunteer.active else None,
        "regions": queries.served_regions()}))


@login_required
@require_POST
def volunteer_join(request):
    """A certified first-aider consents to alerts for cardiac-arrest calls near the position shared now."""
    region = region_by_code(request.POST.get("region", ""))
    try:
        if region is None:
            raise ValidationError({"region": _("请选择所在县（市、区）")})
        services.register_volunteer(actor=request.user, region=region, lon=request.POST.get("lon"),
                                    lat=request.POST.get("lat"))
        messages.success(request, _("已登记为急救志愿者：附近有人心脏骤停时会通知您，可随时退出"))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("emergency:aed_map")


@login_required
@require_POST
def volunteer_leave(request):
    services.opt_out_volunteer(actor=request.user)
    messages.success(request, _("已退出急救志愿者通知"))
    return redirect("emergency:aed_map")


cockpit, cockpit_data, cockpit_export = cockpit_views(
    "emergency.overview", permission="emergency.cockpit.view", analyses=lambda request: analyses(request.user))


@login_required
def live_map(request):
    """The cockpit's live map of ambulances in the user's scope."""
    require(request.user, "emergency.cockpit.view")
    regions = {c.region_id for c in queries.centre_calls(request.user)}
    fleet = filter_by_scope(request.user, Ambulance.objects.select_related("station"), "station__region")
    data = MapData(legend=[(str(s.label), s.colour) for s in AmbulanceStatus])
    for ambulance in fleet:
        status = AmbulanceStatus(ambulance.status)
        data.add(point(ambulance.lon, ambulance.lat, title=ambulance.call_sign, colour=status.colour,
                       lines=[str(status.label), ambulance.station.name]))
    for h in Hospital.objects.filter(region_id__in=regions | {a.station.region_id for a in fleet}):
        data.add(point(h.lon, h.lat, title=h.name, colour=HOSPITAL_COLOUR, radius=9,
                       lines=h.capability_labels()))
    return render(request, "emergency/live_map.html", {"map": data, "count": len(fleet)})
