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


def simulate(county: County, calls: Calls, policy: str, *, turnout_s: float = 180.0,
             cover_penalty_s: float = 120.0, handover_s: float = 600.0) -> np.ndarray:
    """Each call's response time in seconds (arrival → ambulance on scene), under ``policy``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}")
    g = county.graph
    n_amb = len(county.fleet_station)
    n_stations = len(county.station_nodes)
    state = np.full(n_amb, AT_STATION)
    home = county.station_nodes[county.fleet_station]
    origin = home.copy()  # where a moving ambulance set out from (node)
    target = home.copy()  # where it is heading (node)
    depart = np.zeros(n_amb)
    arrive = np.zeros(n_amb)
    serving = np.full(n_amb, -1)  # the call it is driving to
    generation = np.zeros(n_amb, dtype=np.int64)  # bumps on every new task: stale events are dropped
    response = np.full(len(calls.t), np.nan)
    waiting: list[tuple[int, float, int]] = []  # (priority, arrival, call) heap
    events: list[tuple[float, int, int, int, int]] = []  # (time, seq, kind, ambulance or call, generation)
    seq = 0
    ARRIVAL, ON_SCENE, FREED, HOME = 0, 1, 2, 3
    for i in range(len(calls.t)):
        events.append((float(calls.t[i]), i, ARRIVAL, i, 0))
    heapq.heapify(events)
    seq = len(calls.t)
    lon, lat = g.lon, g.lat
    pre_empt = policy == "eta_pre_cover"
    cover = policy == "eta_pre_cover"

    def where(now: float) -> np.ndarray:
        """Each ambulance's node now: a moving one counts from where it set out in the first half of the way."""
        moving = (state == RETURNING) | (state == TO_CALL)
        halfway = depart + (arrive - depart) / 2
        return np.where(moving & (now >= halfway), target, np.where(moving, origin, home))

    def dispatch(call: int, now: float) -> bool:
        nonlocal seq
        prio = int(calls.priority[call])
        k = int(calls.demand[call])
        free = (state == AT_STATION) | (state == RETURNING)
        usable = free.copy()
        if pre_empt and prio <= 1:
            victims = (state == TO_CALL) & (calls.priority[np.maximum(serving, 0)] >= 2)
            usable |= victims
        idx = np.flatnonzero(usable)
        if idx.size == 0:
            return False
        nodes = where(now)[idx]
        drive = county.to_demand[k, nodes].astype(float)
        ready = np.where(state[idx] == AT_STATION, turnout_s, 0.0)
        eta = drive + ready
        if policy == "straight":
            node = county.demand_nodes[k]
            choice = int(np.argmin(straight_m(lon[node], lat[node], lon[nodes], lat[nodes])))
        else:
            score = eta
            if cover and prio > 0:
                counts = np.bincount(county.fleet_station[state == AT_STATION], minlength=n_stations)
                last = (state[idx] == AT_STATION) & (counts[county.fleet_station[idx]] == 1)
                score = eta + np.where(last, cover_penalty_s, 0.0)
            choice = int(np.argmin(score))
        amb = int(idx[choice])
        if state[amb] == TO_CALL:  # pre-empted: its call goes back to dispatch
            heapq.heappush(waiting, (int(calls.priority[serving[amb]]), float(calls.t[serving[amb]]),
                                     int(serving[amb])))
        generation[amb] += 1
        origin[amb], target[amb] = nodes[choice], county.demand_nodes[k]
        depart[amb], arrive[amb] = now + ready[choice], now + eta[choice]
        state[amb], serving[amb] = TO_CALL, call
        seq += 1
        heapq.heappush(events, (now + float(eta[choice]), seq, ON_SCENE, amb, int(generation[amb])))
        return True

    def serve_queue(now: float) -> None:
        while waiting:
            _p, _t, call = waiting[0]
            if not dispatch(call, now):
                return
            heapq.heappop(waiting)

    while events:
        now, _s, kind, who, gen = heapq.heappop(events)
        if kind == ARRIVAL:
            if not dispatch(who, now + CALL_TAKING_S):
                heapq.heappush(waiting, (int(calls.priority[who]), float(calls.t[who]), who))
            continue
        if gen != generation[who]:
            continue  # a task that was pre-empted or superseded
        if kind == ON_SCENE:
            call = int(serving[who])
            response[call] = now - calls.t[call]
            state[who], serving[who] = BUSY, -1
            k = int(calls.demand[call])
            busy = calls.on_scene_s[call]
            h = int(county.nearest_hospital[k])
            if calls.transported[call]:
                busy += county.demand_to_hospital[k] + handover_s
                origin[who] = county.hospital_nodes[h]
                back = county.hospital_to_station[h, county.fleet_station[who]]
            else:
                origin[who] = county.demand_nodes[k]
                back = county.to_demand[k, home[who]] * 1.0  # symmetric enough for the way home
            seq += 1
            heapq.heappush(events, (now + busy, seq, FREED, who, int(generation[who])))
            arrive[who] = now + busy + (back if math.isfinite(back) else 0.0)
        elif kind == FREED:
            state[who], target[who], depart[who] = RETURNING, home[who], now
            seq += 1
            heapq.heappush(events, (float(arrive[who]), seq, HOME, who, int(generation[who])))
            serve_queue(now)
        elif kind == HOME:
            state[who], origin[who] = AT_STATION, home[who]
            serve_queue(now)
    return response


def summary(response: np.ndarray, *, target_s: float) -> dict:
    done = response[np.isfinite(response)]
    return {"median_s": round(float(np.median(done)), 1), "p90_s": round(float(np.percentile(done, 90)), 1),
            "within_target": round(float(np.mean(done <= target_s)), 4), "calls": int(done.size)}


def county_for(graph: RoadGraph, *, stations: list[tuple[float, float]], fleet: list[int],
               hospitals: list[tuple[float, float]], demand_points: int = 600, seed: int = 33) -> County:
    rng = np.random.default_rng(seed)
    demand = rng.choice(graph.node_count, size=min(demand_points, graph.node_count), replace=False)
    return County(graph, demand, graph.nearest_nodes([s[0] for s in stations], [s[1] for s in stations]),
                  np.asarray(fleet), graph.nearest_nodes([h[0] for h in hospitals], [h[1] for h in hospitals]))
