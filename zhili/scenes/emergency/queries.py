"""Reads of the 浙里急救 scene: the routing graph of a county, who may see which call and run, the dispatch
recommendation, hospital suggestions, nearest AEDs and volunteers, and the cockpit's figures."""

from __future__ import annotations

import statistics
import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhili.core.foundation.api import parameter_on
from zhili.core.identity.api import Role, filter_by_scope, has_role, organizations_of

from . import routing
from .choices import (
    ACTIVE_RUN,
    PRE_EMPTABLE_RUN,
    PRIORITY_RANK,
    AmbulanceStatus,
    CallStatus,
    Capability,
    Priority,
    RunStatus,
)
from .models import AED, Address, Ambulance, Call, Hospital, RoadNetwork, Run, Volunteer
from .policies import DOMAIN
from .roles import CREW, DISPATCHER, HOSPITAL, LEADER

_graphs: dict[int, routing.RoadGraph] = {}
_lock = threading.Lock()


def parameter(name: str) -> float:
    return float(parameter_on(DOMAIN, name, timezone.localdate()).value)


def network_for(region) -> RoadNetwork | None:
    return RoadNetwork.objects.filter(region=region, active=True).defer("edges_gz").order_by("-id").first()


def graph_for(region) -> routing.RoadGraph | None:
    """The routing graph of ``region``'s active road network, built once per process and network."""
    network = network_for(region)
    if network is None:
        return None
    graph = _graphs.get(network.pk)
    if graph is None or graph.digest != network.digest:
        with _lock:
            graph = _graphs.get(network.pk)
            if graph is None or graph.digest != network.digest:
                data = RoadNetwork.objects.values_list("edges_gz", flat=True).get(pk=network.pk)
                graph = _graphs[network.pk] = routing.parse_edges(routing.gunzip_text(data))
    profile = routing.profile_from(network.speed_profile, source=network.name)
    if graph.profile.key() != profile.key():
        with _lock:
            graph = _graphs[network.pk] = graph.with_profile(profile)
    return graph


def graph_at(region, when=None) -> routing.RoadGraph | None:
    """The routing graph of ``region`` with the travel times of ``when``'s hour (local time; now by default)
    under the county's speed profile."""
    graph = graph_for(region)
    if graph is None:
        return None
    return graph.at_hour(timezone.localtime(when or timezone.now()).hour)


def served_regions() -> list:
    """The counties with an active road network (a dispatch centre), for the caller's county choice."""
    from zhili.core.orgs.api import Region

    return list(Region.objects.filter(pk__in=RoadNetwork.objects.filter(active=True).values("region_id"))
                .order_by("code"))


def region_at(lon: float, lat: float):
    """The served county whose road network lies nearest the position (within 5 km of a node), or None."""
    best, best_m = None, 5000.0
    for region in served_regions():
        graph = graph_for(region)
        node = graph.nearest_node(lon, lat)
        metres = float(routing.straight_m(lon, lat, graph.lon[node], graph.lat[node]))
        if metres < best_m:
            best, best_m = region, metres
    return best


def gazetteer_rows(region) -> list[tuple]:
    return list(Address.objects.filter(region=region).values_list("pk", "name", "lon", "lat"))


# --- who sees what ---------------------------------------------------------------------------------------------

def centre_calls(user) -> QuerySet:
    """The calls of the dispatch centre's region (a platform administrator's everywhere)."""
    calls = Call.objects.select_related("region")
    if has_role(user, DISPATCHER, LEADER, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, calls)
    return calls.none()


def calls_by_priority(user) -> list[Call]:
    """Open calls first, by priority (an untriaged call just below A), oldest first within a priority."""
    calls = list(centre_calls(user).filter(status__in=[CallStatus.WAITING, CallStatus.DISPATCHED])
                 .prefetch_related("runs__ambulance"))
    return sorted(calls, key=lambda c: (c.status != CallStatus.WAITING, PRIORITY_RANK[c.priority], c.received_at))


def call_for_centre(user, pk: int) -> Call:
    return get_object_or_404(centre_calls(user), pk=pk)


def own_call(user, pk: int) -> Call:
    """The caller's own call (not found for anyone else's)."""
    return get_object_or_404(Call.objects.select_related("region"), pk=pk, caller=user)


def visible_runs(user) -> QuerySet:
    """Runs whose patient ``user`` may see: the centre's, the crew's own, the receiving hospital's."""
    runs = Run.objects.select_related("call", "call__region", "ambulance", "hospital")
    if has_role(user, DISPATCHER, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, runs, "call__region")
    if has_role(user, CREW):
        return runs.filter(ambulance__crew=user)
    if has_role(user, HOSPITAL):
        return runs.filter(hospital__organization_id__in=organizations_of(user, HOSPITAL))
    return runs.none()


def run_for(user, pk: int) -> Run:
    return get_object_or_404(visible_runs(user), pk=pk)


def crew_runs(user) -> QuerySet:
    return (Run.objects.select_related("call", "ambulance", "hospital")
            .filter(ambulance__crew=user, status__in=ACTIVE_RUN))


def crew_ambulance(user) -> Ambulance | None:
    return Ambulance.objects.filter(crew=user).select_related("station").first()


def incoming_runs(user) -> QuerySet:
    """The hospital's incoming patients (not yet handed over), soonest first."""
    return (Run.objects.select_related("call", "ambulance", "hospital")
            .filter(hospital__organization_id__in=organizations_of(user, HOSPITAL),
                    status__in=[RunStatus.PATIENT, RunStatus.DELIVERED])
            .order_by("hospital_eta_at", "id"))


# --- dispatch --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recommendation:
    ambulance: Ambulance
    option: routing.Option

    @property
    def eta_min(self) -> float:
        return round(self.option.eta_s / 60, 1)


def call_node(graph: routing.RoadGraph, call: Call) -> int | None:
    return graph.nearest_node(call.lon, call.lat) if call.has_location else None


def candidates(region, call_priority: str) -> tuple[list[routing.Candidate], dict[int, Ambulance]]:
    """Every ambulance of ``region`` that could go to a call of ``call_priority``: at station, returning, or on
    a lower-priority (C/D) run before patient contact when the call is A or B (pre-emption)."""
    graph = graph_for(region)
    fleet = {a.pk: a for a in Ambulance.objects.filter(station__region=region).select_related("station")}
    at_station = Counter(a.station_id for a in fleet.values() if a.status == AmbulanceStatus.AT_STATION)
    runs = {r.ambulance_id: r for r in Run.objects.filter(ambulance_id__in=fleet, status__in=PRE_EMPTABLE_RUN)
            .select_related("call")}
    may_pre_empt = call_priority in (Priority.A, Priority.B)
    out = []
    nodes = graph.nearest_nodes([a.lon for a in fleet.values()], [a.lat for a in fleet.values()]) if fleet else []
    for ambulance, node in zip(fleet.values(), nodes, strict=True):
        if ambulance.status == AmbulanceStatus.AT_STATION:
            kind = routing.IDLE
        elif ambulance.status == AmbulanceStatus.RETURNING:
            kind = routing.RETURNING
        elif (may_pre_empt and ambulance.pk in runs
              and runs[ambulance.pk].call.priority in (Priority.C, Priority.D)):
            kind = routing.PRE_EMPT
        else:
            continue
        last = kind == routing.IDLE and at_station[ambulance.station_id] == 1
        out.append(routing.Candidate(ambulance.pk, int(node), kind, ambulance.station_id, last))
    return out, fleet


def recommend(call: Call, *, limit: int = 5) -> list[Recommendation]:
    """The ambulances to send, best first: least ETA on the road graph, pre-emption and cover (A calls ignore
    cover: the nearest goes)."""
    graph = graph_at(call.region, call.received_at)  # road speeds of the hour of the call
    if graph is None or not call.has_location:
        return []
    found, fleet = candidates(call.region, call.priority)
    options = routing.recommend(graph, call_node(graph, call), found, turnout_s=parameter("turnout_s"),
                                cover_penalty_s=parameter("cover_penalty_s"),
                                cover=call.priority != Priority.A, limit=limit)
    return [Recommendation(fleet[o.key], o) for o in options]


def eta_s(graph: routing.RoadGraph, lon: float, lat: float, to_lon: float, to_lat: float) -> float:
    times = graph.times_to(graph.nearest_node(to_lon, to_lat))
    return float(times[graph.nearest_node(lon, lat)])


@dataclass(frozen=True)
class HospitalSuggestion:
    hospital: Hospital
    transport_s: float
    capable: bool


def suggest_hospitals(run: Run) -> list[HospitalSuggestion]:
    """Hospitals by the rule 就近、就急、满足专业需要、兼顾患者意愿 (《院前医疗急救管理办法》2013, see policies.py):
    capable of the call's need first, then by transport time; the patient's wish is the crew's to weigh."""
    call = run.call
    graph = graph_at(call.region)
    hospitals = list(Hospital.objects.filter(region=call.region))
    if graph is None or not hospitals:
        return []
    lon, lat = (call.lon, call.lat) if call.has_location else (run.ambulance.lon, run.ambulance.lat)
    times = graph.times_from(graph.nearest_node(lon, lat))
    nodes = graph.nearest_nodes([h.lon for h in hospitals], [h.lat for h in hospitals])
    need = call.capability
    out = [HospitalSuggestion(h, float(times[n]), need == Capability.GENERAL or need in h.capabilities)
           for h, n in zip(hospitals, nodes, strict=True)]
    return sorted(out, key=lambda s: (not s.capable, s.transport_s))


@dataclass(frozen=True)
class NearbyAED:
    aed: AED
    walk_m: float


def nearest_aeds(call: Call, *, limit: int = 3) -> list[NearbyAED]:
    """Usable AEDs within the walking radius of the call, by walking distance on the road network."""
    graph = graph_for(call.region)
    if graph is None or not call.has_location:
        return []
    radius = parameter("aed_walk_m")
    walk = graph.walking_m_from(call_node(graph, call), limit=radius)
    aeds = list(AED.objects.filter(region=call.region, usable=True))
    if not aeds:
        return []
    nodes = graph.nearest_nodes([a.lon for a in aeds], [a.lat for a in aeds])
    found = []
    for aed, node in zip(aeds, nodes, strict=True):
        metres = float(walk[node]) + float(routing.straight_m(aed.lon, aed.lat, graph.lon[node], graph.lat[node]))
        if metres <= radius:
            found.append(NearbyAED(aed, metres))
    return sorted(found, key=lambda n: n.walk_m)[:limit]


def volunteers_near(call: Call) -> list[Volunteer]:
    if not call.has_location:
        return []
    radius = parameter("volunteer_radius_m")
    people = Volunteer.objects.filter(region=call.region, consented_at__isnull=False, opted_out_at__isnull=True)
    return [v for v in people.select_related("user")
            if float(routing.straight_m(call.lon, call.lat, v.lon, v.lat)) <= radius]


# --- cockpit -------------------------------------------------------------------------------------------------

def response_figures(runs: QuerySet) -> dict:
    """Response-time distribution and the intervals (seconds) of the runs that reached the scene."""
    rows = list(runs.filter(on_scene_at__isnull=False).select_related("call", "call__region")
                .values_list("call__received_at", "call__dispatched_at", "on_scene_at", "patient_at",
                             "delivered_at", "call__region__name", "call__capability"))
    response = [(on - received).total_seconds() for received, _d, on, *_ in rows]
    dispatch = [(d - received).total_seconds() for received, d, *_ in rows if d]
    on_scene = [(p - on).total_seconds() for _r, _d, on, p, *_ in rows if p]
    transport = [(dl - p).total_seconds() for _r, _d, _o, p, dl, *_ in rows if p and dl]
    window = parameter("golden_window_s")
    buckets = Counter(min(int(s // 240), 4) for s in response)

    def median(values):
        return round(statistics.median(values)) if values else None

    return {
        "count": len(response),
        "within_window": sum(1 for s in response if s <= window),
        "median_response_s": median(response),
        "median_dispatch_s": median(dispatch),
        "median_on_scene_s": median(on_scene),
        "median_transport_s": median(transport),
        "buckets": [buckets.get(i, 0) for i in range(5)],
        "by_county": Counter(r[5] for r in rows),
        "by_capability": Counter(r[6] for r in rows),
        "p90_response_s": float(np.percentile(response, 90)) if response else None,
    }
