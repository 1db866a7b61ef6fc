"""A discrete-event simulation of a county's calls under three dispatch policies, on the same calls.

Policies: ``straight`` (nearest available ambulance in a straight line), ``eta`` (least ETA on the road graph),
``eta_pre_cover`` (least ETA with pre-emption of runs to C/D calls for A/B calls, and the cover penalty for
non-A calls). The event loop is a heap of (time, sequence, event); the road times come from one Dijkstra per
demand point, station and hospital (``scipy.sparse.csgraph``), done once and shared by the three policies.

Model (assumptions, stated in docs/scenes/emergency.md): Poisson arrivals; call-taking and dispatch 60 s;
turn-out at a station (the ``turnout_s`` parameter); on scene 10–25 min; 80 % transported to the nearest capable
hospital, handover 10 min; then the ambulance returns to its station and may be sent while returning (from the
hospital in the first half of the way, from its station in the second). A call with no free ambulance waits and
is served by priority when one frees. A pre-empted call goes back to dispatch at once.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse.csgraph import dijkstra

from .routing import RoadGraph, straight_m

PRIORITIES = np.array(["A", "B", "C", "D"])
PRIORITY_SHARE = np.array([0.12, 0.28, 0.30, 0.30])
CALL_TAKING_S = 60.0
POLICIES = ("straight", "eta", "eta_pre_cover")


@dataclass
class Calls:
    t: np.ndarray  # arrival, seconds from the start
    demand: np.ndarray  # index into the demand points
    priority: np.ndarray  # 0 = A … 3 = D
    on_scene_s: np.ndarray
    transported: np.ndarray


@dataclass
class County:
    """What the simulation needs of a county: demand points, stations, the fleet, hospitals, and road times."""

    graph: RoadGraph
    demand_nodes: np.ndarray
    station_nodes: np.ndarray
    fleet_station: np.ndarray  # the station of each ambulance
    hospital_nodes: np.ndarray
    to_demand: np.ndarray = field(init=False)  # [demand, node] seconds from node to demand point
    demand_to_hospital: np.ndarray = field(init=False)  # [demand] seconds to the nearest hospital
    nearest_hospital: np.ndarray = field(init=False)
    hospital_to_station: np.ndarray = field(init=False)  # [hospital, station]

    def __post_init__(self):
        g = self.graph
        self.to_demand = dijkstra(g.reverse, directed=True, indices=self.demand_nodes).astype(np.float32)
        from_hospitals = dijkstra(g.reverse, directed=True, indices=self.hospital_nodes)  # node → hospital
        at_demand = from_hospitals[:, self.demand_nodes]
        self.nearest_hospital = np.argmin(at_demand, axis=0)
        self.demand_to_hospital = at_demand[self.nearest_hospital, np.arange(len(self.demand_nodes))]
        to_station = dijkstra(g.reverse, directed=True, indices=self.station_nodes)  # node → station
        self.hospital_to_station = to_station[:, self.hospital_nodes].T
        finite = np.isfinite(self.to_demand)
        self.to_demand[~finite] = 1e7


def make_calls(county: County, n: int, *, per_day: float, seed: int = 33) -> Calls:
    """``n`` calls: Poisson arrivals at ``per_day``, places weighted towards the county town (nearer the centre of
    the demand points), priorities by ``PRIORITY_SHARE``."""
    rng = np.random.default_rng(seed)
    lon, lat = county.graph.lon[county.demand_nodes], county.graph.lat[county.demand_nodes]
    d = straight_m(float(np.median(lon)), float(np.median(lat)), lon, lat)
    weight = np.exp(-d / 6000.0) + 0.15
    return Calls(
        t=np.cumsum(rng.exponential(86400.0 / per_day, n)),
        demand=rng.choice(len(lon), n, p=weight / weight.sum()),
        priority=rng.choice(4, n, p=PRIORITY_SHARE),
        on_scene_s=rng.uniform(600, 1500, n),
        transported=rng.random(n) < 0.8,
    )


AT_STATION, RETURNING, TO_CALL, BUSY = 0, 1, 2, 3
ARRIVAL, ON_SCENE, FREED, HOME, HALFWAY = 0, 1, 2, 3, 4


def simulate(county: County, calls: Calls, policy: str, *, turnout_s: float = 180.0,
             cover_penalty_s: float = 120.0, handover_s: float = 600.0) -> np.ndarray:
    """Each call's response time in seconds (arrival → ambulance on scene), under ``policy``.

    A moving ambulance counts from where it set out until halfway, then from where it is heading (a HALFWAY
    event moves it), so a dispatch reads positions without computing them.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    g = county.graph
    n_stations = len(county.station_nodes)
    fleet_station = county.fleet_station
    state = np.full(len(fleet_station), AT_STATION)
    home = county.station_nodes[fleet_station]
    pos = home.copy()  # the node a dispatch counts from
    target = home.copy()
    serving = np.full(len(fleet_station), -1)
    serving_priority = np.full(len(fleet_station), -1)
    generation = np.zeros(len(fleet_station), dtype=np.int64)  # bumps on every new task: stale events dropped
    free_at_station = np.bincount(fleet_station, minlength=n_stations)
    response = np.full(len(calls.t), np.nan)
    arrival_t, demand, priority = calls.t, calls.demand, calls.priority
    to_demand, demand_nodes = county.to_demand, county.demand_nodes
    lat0 = math.radians(float(np.mean(g.lat)))
    x, y = g.lon * math.cos(lat0), g.lat  # planar enough to rank straight-line distances within a county
    waiting: list[tuple[int, float, int]] = []  # (priority, arrival, call)
    events: list[tuple[float, int, int, int, int]] = [(float(t), i, ARRIVAL, i, 0) for i, t in enumerate(arrival_t)]
    heapq.heapify(events)
    seq = len(events)
    pre_empt = policy == "eta_pre_cover"
    cover = policy == "eta_pre_cover"
    straight = policy == "straight"
    push, pop = heapq.heappush, heapq.heappop

    def dispatch(call: int, now: float) -> bool:
        nonlocal seq
        prio = int(priority[call])
        k = int(demand[call])
        usable = state <= RETURNING
        if pre_empt and prio <= 1:
            usable = usable | ((state == TO_CALL) & (serving_priority >= 2))
        idx = usable.nonzero()[0]
        if idx.size == 0:
            return False
        nodes = pos[idx]
        at_station = state[idx] == AT_STATION
        eta = to_demand[k][nodes] + turnout_s * at_station
        if straight:
            node = demand_nodes[k]
            choice = int(((x[nodes] - x[node]) ** 2 + (y[nodes] - y[node]) ** 2).argmin())
        elif cover and prio > 0:
            last = at_station & (free_at_station[fleet_station[idx]] == 1)
            choice = int((eta + cover_penalty_s * last).argmin())
        else:
            choice = int(eta.argmin())
        amb = int(idx[choice])
        if state[amb] == TO_CALL:  # pre-empted: its call goes back to dispatch
            old = int(serving[amb])
            push(waiting, (int(priority[old]), float(arrival_t[old]), old))
        elif state[amb] == AT_STATION:
            free_at_station[fleet_station[amb]] -= 1
        generation[amb] += 1
        gen = int(generation[amb])
        ready, drive = float(turnout_s * at_station[choice]), float(eta[choice])
        target[amb] = demand_nodes[k]
        state[amb], serving[amb], serving_priority[amb] = TO_CALL, call, prio
        seq += 2
        push(events, (now + drive, seq, ON_SCENE, amb, gen))
        push(events, (now + ready + (drive - ready) / 2, seq - 1, HALFWAY, amb, gen))
        return True

    def serve_queue(now: float) -> None:
        while waiting:
            if not dispatch(waiting[0][2], now):
                return
            pop(waiting)

    while events:
        now, _s, kind, who, gen = pop(events)
        if kind == ARRIVAL:
            if not dispatch(who, now + CALL_TAKING_S):
                push(waiting, (int(priority[who]), float(arrival_t[who]), who))
            continue
        if gen != generation[who]:
            continue  # a task that was pre-empted or superseded
        if kind == HALFWAY:
            pos[who] = target[who]
        elif kind == ON_SCENE:
            call = int(serving[who])
            response[call] = now - arrival_t[call]
            state[who], serving[who], serving_priority[who] = BUSY, -1, -1
            k = int(demand[call])
            busy = calls.on_scene_s[call]
            if calls.transported[call]:
                h = int(county.nearest_hospital[k])
                busy += county.demand_to_hospital[k] + handover_s
                pos[who] = county.hospital_nodes[h]
                back = county.hospital_to_station[h, fleet_station[who]]
            else:
                pos[who] = demand_nodes[k]
                back = to_demand[k, home[who]]  # the way back taken as long as the way there
            back = float(back) if math.isfinite(back) else 0.0
            seq += 1
            push(events, (now + busy, seq, FREED, who, gen))
            target[who] = home[who]
            seq += 2
            push(events, (now + busy + back / 2, seq - 1, HALFWAY, who, gen))
            push(events, (now + busy + back, seq, HOME, who, gen))
        elif kind == FREED:
            state[who] = RETURNING
            serve_queue(now)
        elif kind == HOME:
            state[who], pos[who] = AT_STATION, home[who]
            free_at_station[fleet_station[who]] += 1
            serve_queue(now)
    return response


def summary(response: np.ndarray, *, target_s: float, priority: np.ndarray | None = None,
            golden_s: float = 240.0) -> dict:
    """Median, p90 and share within ``target_s`` of the calls reached; for A calls (``priority`` 0) also their
    median and the share within the 4-minute window."""
    done = np.isfinite(response)
    out = {"median_s": round(float(np.median(response[done])), 1),
           "p90_s": round(float(np.percentile(response[done], 90)), 1),
           "within_target": round(float(np.mean(response[done] <= target_s)), 4), "calls": int(done.sum())}
    if priority is not None:
        a = response[done & (priority == 0)]
        out["median_a_s"] = round(float(np.median(a)), 1) if a.size else None
        out["a_within_golden"] = round(float(np.mean(a <= golden_s)), 4) if a.size else None
    return out


def county_for(graph: RoadGraph, *, stations: list[tuple[float, float]], fleet: list[int],
               hospitals: list[tuple[float, float]], demand_points: int = 600, seed: int = 33) -> County:
    rng = np.random.default_rng(seed)
    demand = rng.choice(graph.node_count, size=min(demand_points, graph.node_count), replace=False)
    return County(graph, demand, graph.nearest_nodes([s[0] for s in stations], [s[1] for s in stations]),
                  np.asarray(fleet), graph.nearest_nodes([h[0] for h in hospitals], [h[1] for h in hospitals]))
