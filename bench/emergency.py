"""Benchmark of the 浙里急救 scene at the issue's scale (issue 33).

Workload: 300 ambulances at 100 stations on a generated road graph of ~100,000 directed edges (160×160 junctions).
- ``recommend_p95_ms``: one recommendation (nearest road node of the call, one Dijkstra from the call over the
  reversed graph, ETA and score of every ambulance) for random calls; target p95 ≤ 50 ms. The baseline measured in
  the same run is the naive way, one shortest path per ambulance (300 Dijkstras, measured on a few calls):
  ``ratio`` = naive median / one-to-many median.
- ``simulate_s``: 100,000 calls simulated under each of the three policies (the road-time tables built once, then
  the three event loops); target ≤ 60 s. ``median_response_s`` per policy and ``gain_s`` (median of straight-line
  minus median of least-ETA, same calls).

No database is needed: the routing and the simulation work on the graph.

    .venv/bin/python bench/emergency.py [--quick]
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick

    import django

    django.setup()
    import numpy as np

    from zhili.scenes.emergency import routing, simulation
    from zhili.scenes.emergency.synth import county_at_scale

    side, ambulances, calls, samples = (60, 60, 5000, 50) if quick else (160, 300, 100_000, 200)
    started = time.perf_counter()
    scale = county_at_scale(rows=side, cols=side, ambulances=ambulances, stations=max(ambulances // 3, 4))
    build_s = time.perf_counter() - started
    graph = scale.graph
    rng = np.random.default_rng(7)
    station_nodes = graph.nearest_nodes([s[0] for s in scale.stations], [s[1] for s in scale.stations])
    kinds = [routing.IDLE, routing.IDLE, routing.RETURNING, routing.PRE_EMPT]
    candidates = [routing.Candidate(i, int(station_nodes[st]) if i % 4 < 2 else int(rng.integers(graph.node_count)),
                                    kinds[i % 4], st, i % 7 == 0) for i, st in enumerate(scale.fleet)]
    timings = []
    for _ in range(samples):
        lon, lat = float(rng.uniform(graph.lon.min(), graph.lon.max())), float(rng.uniform(graph.lat.min(),
                                                                                         graph.lat.max()))
        t0 = time.perf_counter()
        node = graph.nearest_node(lon, lat)
        routing.recommend(graph, node, candidates, turnout_s=180, cover_penalty_s=120)
        timings.append((time.perf_counter() - t0) * 1000)
    naive = []
    for _ in range(2 if quick else 3):
        node = int(rng.integers(graph.node_count))
        t0 = time.perf_counter()
        for c in candidates:
            graph.times_from(c.node)[node]
        naive.append((time.perf_counter() - t0) * 1000)

    started = time.perf_counter()
    county = simulation.county_for(graph, stations=scale.stations, fleet=scale.fleet, hospitals=scale.hospitals)
    tables_s = time.perf_counter() - started
    made = simulation.make_calls(county, calls, per_day=ambulances * 7.5)
    medians, results = {}, {}
    for policy in simulation.POLICIES:
        result = simulation.summary(simulation.simulate(county, made, policy), target_s=720,
                                    priority=made.priority)
        results[policy], medians[policy] = result, result["median_s"]
    simulate_s = time.perf_counter() - started

    ours = float(np.median(timings))
    print(json.dumps({
        "ambulances": len(candidates),
        "graph_nodes": graph.node_count,
        "graph_edges": graph.edge_count,
        "graph_build_s": round(build_s, 2),
        "recommend_p50_ms": round(ours, 2),
        "recommend_p95_ms": round(float(np.percentile(timings, 95)), 2),
        "baseline_naive_p50_ms": round(float(np.median(naive)), 1),
        "ratio": round(float(np.median(naive)) / ours, 1),
        "simulated_calls": calls,
        "simulate_s": round(simulate_s, 2),
        "simulate_tables_s": round(tables_s, 2),
        "median_response_s": medians,
        "within_12_min": {p: r["within_target"] for p, r in results.items()},
        "p90_response_s": {p: r["p90_s"] for p, r in results.items()},
        "median_response_a_s": {p: r["median_a_s"] for p, r in results.items()},
        "a_within_4_min": {p: r["a_within_golden"] for p, r in results.items()},
        "gain_s": round(medians["straight"] - medians["eta"], 1),
        "gain_pre_cover_s": round(medians["straight"] - medians["eta_pre_cover"], 1),
        "targets": {"recommend_p95_ms": 50, "simulate_s": 60},
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
