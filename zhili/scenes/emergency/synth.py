"""Synthetic data at the issue's scale for the 浙里急救 scene: a generated county road network of ~100,000
edges, 300 ambulances at stations spread over it, hospitals, and a county-year (or more) of calls for the
simulation. Used by ``manage.py synth_emergency`` and ``bench/emergency.py``; nothing is written to the database.
"""

from dataclasses import dataclass

import numpy as np

from . import routing, simulation
from .demo import CENTRE


@dataclass
class Scale:
    graph: routing.RoadGraph
    stations: list[tuple[float, float]]
    fleet: list[int]
    hospitals: list[tuple[float, float]]


def county_at_scale(*, rows: int = 160, cols: int = 160, spacing_m: float = 250.0, ambulances: int = 300,
                    stations: int = 100, hospitals: int = 12, seed: int = 33) -> Scale:
    """A road graph of rows×cols junctions (160×160 gives ~100,000 directed edges), ``stations`` stations on a
    jittered lattice with ``ambulances`` ambulances shared among them, and ``hospitals`` hospitals."""
    graph = routing.parse_edges(routing.generate_network(centre=CENTRE, rows=rows, cols=cols, spacing_m=spacing_m,
                                                         seed=seed))
    rng = np.random.default_rng(seed)
    picks = rng.choice(graph.node_count, size=stations + hospitals, replace=False)
    station_pos = [(float(graph.lon[n]), float(graph.lat[n])) for n in picks[:stations]]
    hospital_pos = [(float(graph.lon[n]), float(graph.lat[n])) for n in picks[stations:]]
    fleet = [i % stations for i in range(ambulances)]
    return Scale(graph, station_pos, fleet, hospital_pos)


def demo_county(seed: int = 33) -> Scale:
    """The demo county's network and fleet layout (8 ambulances at 4 stations, 4 hospitals), for simulations."""
    from .demo import HOSPITALS, STATIONS

    graph = routing.parse_edges(routing.generate_network(centre=CENTRE, rows=36, cols=36, spacing_m=650, seed=seed))
    lon0, lat0 = float(np.median(graph.lon)), float(np.median(graph.lat))
    span_x, span_y = float(np.ptp(graph.lon)), float(np.ptp(graph.lat))
    stations = [(CENTRE[0] + fx * span_x, CENTRE[1] + fy * span_y) for _n, fx, fy, _c in STATIONS]
    fleet = [i for i, (_n, _x, _y, count) in enumerate(STATIONS) for _k in range(count)]
    hospitals = [(CENTRE[0] + fx * span_x, CENTRE[1] + fy * span_y) for _n, fx, fy, _c in HOSPITALS]
    del lon0, lat0
    return Scale(graph, stations, fleet, hospitals)


def run_policies(scale: Scale, *, calls: int, per_day: float, turnout_s: float, cover_penalty_s: float,
                 target_s: float, seed: int = 33) -> dict:
    county = simulation.county_for(scale.graph, stations=scale.stations, fleet=scale.fleet,
                                   hospitals=scale.hospitals, seed=seed)
    made = simulation.make_calls(county, calls, per_day=per_day, seed=seed)
    return {policy: simulation.summary(simulation.simulate(county, made, policy, turnout_s=turnout_s,
                                                           cover_penalty_s=cover_penalty_s), target_s=target_s,
                                       priority=made.priority)
            for policy in simulation.POLICIES}
