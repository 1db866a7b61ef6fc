"""Benchmark of the 浙农补 scene at the issue's scale; prints one JSON object.

    python bench/grain_subsidy.py --quick     # 20,000 plots, 5,000 farmers
    python bench/grain_subsidy.py             # 200,000 plots, 50,000 farmers, four surveys (issue #31)
    python bench/grain_subsidy.py --quick --towns 1   # 20,000 plots in one town: the map at full-scale density

In a fresh test database:
1. ``setup_s`` (not in the ratio): ``synth.write_world`` writes the farmers (ID and card encrypted) and the plots
   (irregular polygons tiled over nine towns, areas measured geodesically), then four surveys are recorded through
   ``services.record_survey`` (``surveys_s``).
2. ``pre_verify_s``: ``services.pre_verify_round`` for this year's 耕地地力保护补贴 round (every plot).
   Every farmer with an offered plot then claims (the claims themselves are written in bulk, as farmers confirm over
   weeks; ``claim_ms`` is one farmer's ``services.claim_plots`` through the service, median of 50).
3. ``audit_s``: ``services.pre_verify_round`` + ``services.audit_round`` over every claim (the issue's "pre-verification
   and audit of every claim", ≤ 20 s), with ``audit_only_s`` for the audit alone.
4. ``payment_file_s``: ``services.make_payment_file`` for the day (≤ 5 s).
5. ``tile_p95_ms``: GET ``/grain_subsidy/map/data/`` through the Django test client as a clerk, what the 一张图
   asks for: each town's opening view (no bbox: about 22,000 plots at full scale, answered as cluster points) and 20
   views of a 1366 × 560 px desktop map, half at zoom 16 (polygons) and half at zoom 15 (clusters); 30 requests,
   ≤ 200 ms p95, after one untimed request for the map page (the process's first request pays for imports). Each
   town's opening is asked once cold (drawn) and the first town's once more (from the cache).
6. ``baseline_s``: the per-plot ORM and shapely loop (load the plot, parse and validate its polygon, measure it on
   the ellipsoid, query its transfers and latest survey result, save one pre-verified row) on ``--baseline-sample``
   plots, scaled to all plots; ``ratio`` = baseline_s / pre_verify_s (≥ 10).
``peak_mb`` is the process's maximum resident set size. ``GRAIN_PROFILE=pre`` or ``=audit`` prints a cProfile of
that step to stderr.
"""

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
os.environ.setdefault("ZHILI_TESTING", "1")

TOWNS = (("330482001000", "当湖街道"), ("330482002000", "钟埭街道"), ("330482003000", "曹桥街道"),
         ("330482101000", "乍浦镇"), ("330482102000", "新埭镇"), ("330482103000", "新仓镇"),
         ("330482104000", "独山港镇"), ("330482105000", "广陈镇"), ("330482106000", "林埭镇"))


def peak_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def baseline(round_, plots, sample: int) -> float:
    """The per-plot loop a straightforward implementation would run: seconds for ``sample`` plots."""
    from decimal import Decimal

    from django.db import transaction
    from shapely.geometry import shape

    from zhili.scenes.grain_subsidy import geometry
    from zhili.scenes.grain_subsidy.models import Plot, PreVerifiedPlot, SurveyResult, Transfer
    from zhili.scenes.grain_subsidy.rules import classify

    started = time.perf_counter()
    with transaction.atomic():
        for pk in plots[:sample]:
            plot = Plot.objects.get(pk=pk)
            polygon = shape(plot.boundary)
            assert polygon.is_valid
            measured = (Decimal(geometry.area_m2(polygon)) / geometry.SQUARE_METRES_PER_MU).quantize(Decimal("0.01"))
            transfer = Transfer.objects.filter(plot=plot).order_by("-starts_on").first()
            result = SurveyResult.objects.filter(plot=plot).order_by("-survey__taken_on").first()
            use = result.land_use if result else "unsurveyed"
            colour, reasons = classify(use, measured, plot.registered_area_mu, disputed=bool(transfer and transfer.disputed),
                                       tolerance=Decimal("0.05"))
            PreVerifiedPlot(round=round_, plot=plot, farmer_id=plot.contractor_id, land_use=use,
                            eligible_area_mu=plot.registered_area_mu,
                            amount_yuan=plot.registered_area_mu * round_.per_mu_yuan, colour=colour,
                            reasons=reasons).save()
        transaction.set_rollback(True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--baseline-sample", type=int, default=3000)
    parser.add_argument("--towns", type=int, default=len(TOWNS), choices=range(1, len(TOWNS) + 1),
                        help="towns the plots are spread over (--quick --towns 1: a town as dense as at full scale)")
    args = parser.parse_args()
    plot_count, farmer_count = (20_000, 5_000) if args.quick else (200_000, 50_000)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        result = run(plot_count, farmer_count, args.baseline_sample, args.towns)
    finally:
        connection.creation.destroy_test_db(old, verbosity=0)
    print(json.dumps(result, ensure_ascii=False))


def run(plot_count: int, farmer_count: int, sample: int, town_count: int = len(TOWNS)) -> dict:
    import random

    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, import_regions, read_csv, region_by_code
    from zhili.core.testing.api import personas
    from zhili.scenes.grain_subsidy import services, synth
    from zhili.scenes.grain_subsidy.choices import LineStatus
    from zhili.scenes.grain_subsidy.models import Claim, Plot, PreVerifiedPlot
    from zhili.scenes.grain_subsidy.roles import CLERK

    import_regions(read_csv(ZHEJIANG_REGIONS_CSV))
    import_regions([(i, {"code": c, "name": n, "level": "town", "parent_code": "330482"})
                    for i, (c, n) in enumerate(TOWNS[:town_count], start=1)])
    county = region_by_code("330482")
    towns = [region_by_code(code) for code, _name in TOWNS[:town_count]]
    clerk = personas.department_user(role=CLERK, name="钱敏", username="bench_clerk", region=county)

    started = time.perf_counter()
    world = synth.write_world(county=county, towns=towns, plot_count=plot_count, farmer_count=farmer_count)
    setup_s = time.perf_counter() - started

    codes = list(Plot.objects.order_by("id").values_list("code", "land_use"))
    rng = random.Random(5)
    started = time.perf_counter()
    today = timezone.localdate()
    for quarter in range(4):
        rows = [(line, code, use if quarter == 3 or rng.random() > 0.05 else "seasonal")
                for line, (code, use) in enumerate(codes, start=2)]
        services.record_survey(region=county, name=f"第 {quarter + 1} 季度", actor=clerk, rows=rows,
                               taken_on=today - dt.timedelta(days=90 * (4 - quarter)))
    surveys_s = time.perf_counter() - started

    round_ = services.open_round(region=county, subsidy_type="arable_protection", year=today.year,
                                 opens_on=today - dt.timedelta(days=10), closes_on=today + dt.timedelta(days=50),
                                 actor=clerk)
    started = time.perf_counter()
    if os.environ.get("GRAIN_PROFILE") == "pre":
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        counts = profiler.runcall(services.pre_verify_round, round_, actor=clerk)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        counts = services.pre_verify_round(round_, actor=clerk)
    pre_verify_s = time.perf_counter() - started

    # One farmer's claim through the service (users made for 50 farmers), then everyone else's in bulk.
    from zhili.core.testing.api import MembershipFactory, UserFactory
    from zhili.scenes.grain_subsidy.models import Farmer

    farmer_ids = list(PreVerifiedPlot.objects.filter(round=round_, status=LineStatus.OFFERED)
                      .order_by("farmer_id").values_list("farmer_id", flat=True).distinct())
    claim_times = []
    for index, farmer_id in enumerate(farmer_ids[:50]):
        user = UserFactory(username=f"bench_farmer_{index}", phone=f"137{index:08d}")
        MembershipFactory(user=user, role="grain_subsidy_farmer")
        Farmer.objects.filter(pk=farmer_id).update(user=user)
        user.refresh_from_db()
        t = time.perf_counter()
        services.claim_plots(round_, actor=user, today=today)
        claim_times.append(time.perf_counter() - t)
    with transaction.atomic():
        rest = farmer_ids[50:]
        Claim.objects.bulk_create([Claim(round=round_, farmer_id=f) for f in rest], batch_size=5000)
        claim_of = dict(Claim.objects.filter(round=round_).values_list("farmer_id", "id"))
        offered = list(PreVerifiedPlot.objects.filter(round=round_, status=LineStatus.OFFERED)
                       .values_list("id", "farmer_id"))
        by_claim = {}
        for pk, farmer_id in offered:
            by_claim.setdefault(claim_of[farmer_id], []).append(pk)
        for claim_id, ids in by_claim.items():
            PreVerifiedPlot.objects.filter(pk__in=ids).update(status=LineStatus.CLAIMED, claim_id=claim_id)

    started = time.perf_counter()
    if os.environ.get("GRAIN_PROFILE") == "audit":
        import cProfile
        import pstats
        profiler = cProfile.Profile()
        audited = profiler.runcall(services.audit_round, round_, actor=clerk)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        audited = services.audit_round(round_, actor=clerk)
    audit_only_s = time.perf_counter() - started

    started = time.perf_counter()
    payment_file = services.make_payment_file(round_, actor=clerk)
    payment_file_s = time.perf_counter() - started

    client = Client()
    client.force_login(clerk)
    # What the 一张图 asks for: a town opening (no bbox: the town's clusters), then the view of a 1366 × 560 px
    # desktop map at zoom 16 (about 2.8 km × 1.15 km here: polygons) and at zoom 15 (twice as wide: clusters).
    centres = list(Plot.objects.order_by("?").values_list("region__code", "min_lon", "min_lat")[:20])
    views = [("town", f"town={town.code}") for town in towns] + [("town", f"town={towns[0].code}")]
    for index, (code, lon, lat) in enumerate(centres):
        kind, half_w, half_h = ("zoom16", 0.0293 / 2, 0.0104 / 2) if index % 2 == 0 else ("zoom15", 0.0293, 0.0104)
        views.append((kind, f"town={code}&bbox={lon - half_w:.6f},{lat - half_h:.6f},{lon + half_w:.6f},"
                            f"{lat + half_h:.6f}"))
    # One request first, not timed: the process's first request imports the views and fills Django's caches.
    assert client.get("/grain_subsidy/map/").status_code == 200
    timings, sizes = {}, {}
    for kind, query in views:
        t = time.perf_counter()
        response = client.get(f"/grain_subsidy/map/data/?{query}")
        timings.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
        collection = json.loads(response.content)
        sizes.setdefault(kind, []).append((len(collection["features"]), collection["clustered"], len(response.content)))
    every = [ms for values in timings.values() for ms in values]
    features = Plot.objects.filter(region=towns[0]).count()
    plot_ids = list(Plot.objects.order_by("id").values_list("id", flat=True))
    other = services.open_round(region=county, subsidy_type="scale_grain", year=today.year, opens_on=round_.opens_on,
                                closes_on=round_.closes_on, actor=clerk)
    measured = baseline(other, plot_ids, min(sample, len(plot_ids)))
    baseline_s = measured * len(plot_ids) / min(sample, len(plot_ids))
    return {
        "benchmark": "grain_subsidy", "plots": world.plots, "farmers": world.farmers, "surveys": 4,
        "setup_s": round(setup_s, 2), "surveys_s": round(surveys_s, 2),
        "pre_verify_s": round(pre_verify_s, 2), "audit_only_s": round(audit_only_s, 2),
        "audit_s": round(pre_verify_s + audit_only_s, 2), "claims": audited["claims"],
        "lines": counts, "audited": {k: v for k, v in audited.items() if k != "claims"},
        "claim_ms": round(statistics.median(claim_times) * 1000, 1),
        "payment_file_s": round(payment_file_s, 2), "payment_lines": payment_file.line_count,
        "payment_total_yuan": str(payment_file.total_yuan),
        "tile_p95_ms": round(statistics.quantiles(every, n=20)[18], 1), "tile_median_ms": round(statistics.median(every), 1),
        "tile_median_by_view_ms": {kind: round(statistics.median(values), 1) for kind, values in timings.items()},
        "tile_features_by_view": {kind: {"features_max": max(s[0] for s in values),
                                         "clustered": sorted({s[1] for s in values}),
                                         "kb_max": round(max(s[2] for s in values) / 1024, 1)}
                                  for kind, values in sizes.items()},
        "town_plots": features,
        "baseline_sample": min(sample, len(plot_ids)), "baseline_measured_s": round(measured, 2),
        "baseline_s": round(baseline_s, 2), "ratio": round(baseline_s / pre_verify_s, 1),
        "planted": world.planted, "peak_mb": peak_mb(),
    }


if __name__ == "__main__":
    main()
