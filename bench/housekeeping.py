"""Benchmark of the 浙里好家政 scene at the issue's scale: nearby matching and the nightly recompute of every code.

Workload (issue #32): 110,000 workers and 2,900 agencies across Zhejiang's cities (WGS84 points around the eleven
city centres). Prints one JSON object:

- ``match_p95_ms`` / ``match_p50_ms``: the 10 best workers for a request through the grid index
  (``matching.nearby``), over ``--queries`` requests at random places where people live;
- ``baseline_match_ms``: the same request by a full scan with Python scoring (``matching.scan_all``), median over
  ``--baseline-queries`` requests, measured in the same run; ``ratio`` = baseline median / indexed p95;
- ``top10_agreement``: the share of the indexed top-10 that equals the full scan's top-10 on those requests;
- ``codes_s``: recomputing every worker's 安心码 after a nightly load (core.datapool ingest, core.indicators
  evaluation, colours, slips and watch list), with the planted red and yellow workers found.

    .venv/bin/python bench/housekeeping.py [--quick]
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")

# City centres of Zhejiang (WGS84) and a rough share of the province's housekeepers.
CITIES = [("杭州", 30.274, 120.155, 0.22), ("宁波", 29.868, 121.544, 0.15), ("温州", 27.994, 120.699, 0.14),
          ("嘉兴", 30.746, 120.755, 0.07), ("湖州", 30.894, 120.087, 0.05), ("绍兴", 30.030, 120.580, 0.08),
          ("金华", 29.079, 119.647, 0.11), ("衢州", 28.970, 118.859, 0.04), ("舟山", 29.985, 122.207, 0.02),
          ("台州", 28.656, 121.421, 0.09), ("丽水", 28.468, 119.923, 0.03)]


def _place(rng: random.Random) -> tuple[float, float]:
    _, lat, lon, _ = rng.choices(CITIES, weights=[c[3] for c in CITIES])[0]
    return (min(31.4, max(27.1, rng.gauss(lat, 0.12))), min(122.9, max(118.1, rng.gauss(lon, 0.14))))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--baseline-queries", type=int, default=12)
    parser.add_argument("--no-codes", action="store_true",
                        help="set the colours from the planted truth instead of recomputing the codes (matching only)")
    args = parser.parse_args()
    workers_n, agencies_n = (11_000, 290) if args.quick else (110_000, 2_900)

    import django

    django.setup()
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        from zhili.core.orgs.api import Organization, OrganizationKind
        from zhili.core.testing.api import RegionFactory
        from zhili.scenes.housekeeping import matching
        from zhili.scenes.housekeeping.choices import BackgroundCheck, CodeColour
        from zhili.scenes.housekeeping.models import Agency, NoticeSlip, WatchListEntry, Worker
        from zhili.scenes.housekeeping.services import recompute_codes
        from zhili.scenes.housekeeping.synth import uscc, worker_spec

        rng = random.Random(32)
        day = timezone.localdate()
        region = RegionFactory(code="330000", name="浙江省")
        started = time.perf_counter()
        with transaction.atomic():
            orgs = Organization.objects.bulk_create(
                Organization(kind=OrganizationKind.ENTERPRISE, name=f"家政机构{i:04d}", uscc=uscc(100_000 + i),
                             region=region) for i in range(agencies_n))
            agencies = Agency.objects.bulk_create(
                Agency(organization=o, region=region, name=o.name, licence_number=f"JZ{i:05d}",
                       services=["cleaning"], stars=rng.randint(1, 5)) for i, o in enumerate(orgs))
            batch, planted = [], {"red": 0, "yellow": 0}
            for i in range(workers_n):
                lat, lon = _place(rng)
                spec = worker_spec(rng, i, day, centre=(lat, lon), spread_km=0.5)
                planted[spec.planted] = planted.get(spec.planted, 0) + 1
                w = Worker(agency=agencies[i % agencies_n], region=region, code_key=f"HK{i + 1:08d}",
                           name=spec.name, phone=spec.phone, skills=spec.skills, languages=spec.languages,
                           certificates=spec.certificates, years_of_service=spec.years_of_service,
                           health_certificate_expires=spec.health_certificate_expires,
                           insurance_expires=spec.insurance_expires, background_check=spec.background_check,
                           latitude=spec.latitude, longitude=spec.longitude,
                           cell=matching.grid_cell(spec.latitude, spec.longitude),
                           service_radius_km=Decimal(rng.choice([5, 8, 10, 15])), hourly_price=spec.hourly_price,
                           stars=rng.randint(1, 5), available=rng.random() < 0.8)
                w.id_number = spec.id_number
                batch.append(w)
                if len(batch) == 5000:
                    Worker.objects.bulk_create(batch)
                    batch = []
            Worker.objects.bulk_create(batch)
        load_s = time.perf_counter() - started

        codes_s = nightly_s = report = None
        if args.no_codes:
            Worker.objects.filter(background_check=BackgroundCheck.ABNORMAL).update(code_colour=CodeColour.RED)
            Worker.objects.exclude(background_check=BackgroundCheck.ABNORMAL).filter(
                health_certificate_expires__gte=day, insurance_expires__gte=day).update(code_colour=CodeColour.GREEN)
            matching.refresh_slots()
        else:
            started = time.perf_counter()
            report = recompute_codes(day, actor="job:bench.housekeeping")
            codes_s = time.perf_counter() - started
            # The nightly run after it: a new day's load in which ~1 % of workers change (a lapsed document).
            lapsed = list(Worker.objects.filter(code_colour=CodeColour.GREEN).values_list("pk", flat=True)[
                :max(1, workers_n // 100)])
            for start in range(0, len(lapsed), 900):
                Worker.objects.filter(pk__in=lapsed[start:start + 900]).update(
                    insurance_expires=day - dt.timedelta(days=1))
            started = time.perf_counter()
            nightly = recompute_codes(day + dt.timedelta(days=1), actor="job:bench.housekeeping")
            nightly_s = time.perf_counter() - started
        colours = dict(Worker.objects.values_list("code_colour").annotate(n=Count("id")))
        found_red = Worker.objects.filter(code_colour=CodeColour.RED, background_check=BackgroundCheck.ABNORMAL).count()

        services = ["cleaning", "eldercare", "maternity", "childcare", "cooking"]
        needs = []
        for _ in range(args.queries):
            lat, lon = _place(rng)
            needs.append(matching.Need(rng.choice(services), lat, lon, Decimal(rng.randint(40, 80)), ("mandarin",)))
        matching.nearby(needs[0], day=day)  # warm the statement cache
        times, results = [], []
        for need in needs:
            t = time.perf_counter()
            results.append(matching.nearby(need, limit=10, day=day))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        base_times, agree = [], []
        for need, indexed in list(zip(needs, results, strict=True))[:args.baseline_queries]:
            t = time.perf_counter()
            full = matching.scan_all(need, limit=10, day=day)
            base_times.append((time.perf_counter() - t) * 1000)
            want = [c.worker_id for c in full]
            agree.append(len(set(want) & {c.worker_id for c in indexed}) / len(want) if want else 1.0)
        p95 = times[int(0.95 * (len(times) - 1))]
        baseline = statistics.median(base_times)
        out = {
            "benchmark": "housekeeping", "database": connection.vendor,
            "workers": workers_n, "agencies": agencies_n, "load_s": round(load_s, 1),
            "match_queries": len(times), "match_p50_ms": round(statistics.median(times), 2),
            "match_p95_ms": round(p95, 2), "empty_results": sum(1 for r in results if not r),
            "baseline_match_ms": round(baseline, 1), "baseline_queries": len(base_times),
            "ratio": round(baseline / p95, 1), "top10_agreement": round(statistics.mean(agree), 3),
            "codes_s": codes_s and round(codes_s, 1), "codes_nightly_s": nightly_s and round(nightly_s, 1),
            "codes_evaluated": report and report.evaluated, "codes_changed": report and report.changed,
            "nightly_changed": None if args.no_codes else nightly.changed,
            "colours": colours, "planted_red": planted["red"], "found_red": found_red,
            "planted_yellow": planted["yellow"], "slips": NoticeSlip.objects.count(),
            "watch_list": WatchListEntry.objects.count(),
            "targets": {"match_p95_ms": 50, "codes_s": 30, "ratio": 20},
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
