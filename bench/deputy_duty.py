"""Benchmark of the 人大代表履职 scene: hot words of citizens' opinions at a province's scale, and a session vote.

Hot words: ``--opinions`` synthetic opinions (default 1,000,000) spread over Zhejiang's counties and a year. The
scene counts each opinion's words once, when it is submitted, into per-region, per-month rows, and its nightly job
(``services.rebuild_hotwords``) recounts them all from the texts; here that rebuild runs once over the corpus, timed as
``precompute_s``; a query for any region and period then reads those rows through the scene's own query
(``queries.hot_words``). The scene ranks words TF-IDF-style against the whole corpus (see
``hotwords``). The baseline, measured in the same run on the same queries, segments every text of the corpus at query
time (naive per-query segmentation) and ranks the same way. ``ratio`` = baseline / scene for the median query.
Vote: 600 deputies cast ballots on 20 projects through ``cast_vote``; ``tally_ms`` times ``tally_votes`` (count,
rank, the ledgered digest of the sorted ballot lines).

    .venv/bin/python bench/deputy_duty.py [--quick] [--opinions N]
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")


def _regions():
    from zhili.core.orgs.api import ZHEJIANG_REGIONS_CSV, Region, import_regions, read_csv

    import_regions(read_csv(ZHEJIANG_REGIONS_CSV), source="bench")
    return list(Region.objects.filter(level="county").order_by("code")), Region.objects


def _hotwords(count: int, rng: random.Random) -> dict:
    from zhili.scenes.deputy_duty import queries, services
    from zhili.scenes.deputy_duty.hotwords import opinion_words, place_words, rank
    from zhili.scenes.deputy_duty.models import HotwordCount
    from zhili.scenes.deputy_duty.synth import opinion_text

    counties, regions = _regions()
    months = [dt.date(2026, m, 1) for m in range(1, 13)]
    texts, places = [], []
    for _ in range(count):
        _, title, text = opinion_text(rng, personal_data=rng.random() < 0.05)
        texts.append(f"{title} {text}")
        places.append((rng.randrange(len(counties)), rng.randrange(12)))

    started = time.perf_counter()
    # The scene's own rebuild (the nightly job; submissions keep the same counts one by one) over the corpus.
    services.rebuild_hotwords((counties[c].pk, months[m], text) for text, (c, m) in zip(texts, places, strict=True))
    precompute = time.perf_counter() - started

    province, city = regions.get(code="330000"), regions.get(code="331000")
    county = counties[len(counties) // 2]
    queries_to_run = [(province, months[0], months[11], "province, year"),
                      (city, months[3], months[5], "city, quarter"),
                      (county, months[6], months[6], "county, month")]
    results = []
    for region, start, end, label in queries_to_run:
        started = time.perf_counter()
        scene = queries.hot_words(region, start, end, limit=20)
        scene_s = time.perf_counter() - started
        started = time.perf_counter()
        # The naive way: segment every text of the corpus now (the selection's for n(w), all for df(w)).
        selected, corpus, covered = Counter(), Counter(), 0
        for text, (c, m) in zip(texts, places, strict=True):
            found = opinion_words(text)
            corpus.update(found)
            if counties[c].path.startswith(region.path) and start <= months[m] <= end:
                selected.update(found)
                covered += 1
        naive = rank(selected, corpus, len(texts), excluded=place_words(), limit=20)
        baseline_s = time.perf_counter() - started
        assert scene == naive, label  # the same words, opinions and weights both ways
        results.append({"query": label, "texts": covered, "scene_s": round(scene_s, 4),
                        "baseline_s": round(baseline_s, 3), "top": [(h.word, h.opinions, h.weight) for h in scene[:5]]})
    scene_median = statistics.median(r["scene_s"] for r in results)
    baseline_median = statistics.median(r["baseline_s"] for r in results)
    return {"opinions": count, "precompute_s": round(precompute, 1), "rows": HotwordCount.objects.count(),
            "hotwords_s": max(r["scene_s"] for r in results), "baseline_s": baseline_median,
            "ratio": round(baseline_median / max(scene_median, 1e-6), 1), "queries": results}


def _vote(deputies: int = 600, projects: int = 20) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from zhili.core.identity.api import Membership, User
    from zhili.core.orgs.api import Region
    from zhili.scenes.deputy_duty import services
    from zhili.scenes.deputy_duty.models import Congress, Deputy, LivelihoodProject
    from zhili.scenes.deputy_duty.roles import DEPUTY, OFFICE

    region = Region.objects.get(code="331004")
    office = User.objects.create(username="bench_office", name="办公室", password=make_password(None))
    Membership.objects.create(user=office, role=OFFICE, region=region)
    congress = Congress.objects.create(region=region, level="county", name="路桥区第七届人民代表大会", term=7)
    users = User.objects.bulk_create(User(username=f"bench_deputy_{i}", name=f"代表{i}",
                                          password=make_password(None)) for i in range(deputies))
    Membership.objects.bulk_create(Membership(user=u, role=DEPUTY) for u in users)
    Deputy.objects.bulk_create(Deputy(user=u, congress=congress, name=u.name, constituency="选区", delegation="代表组")
                               for u in users)
    candidates = LivelihoodProject.objects.bulk_create(
        LivelihoodProject(congress=congress, year=2027, title=f"项目{i}", description="内容", budget=100)
        for i in range(projects))
    now = timezone.now()
    session = services.open_voting(congress=congress, title="票决", projects=candidates, seats=10,
                                   opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=1),
                                   actor=office)
    rng = random.Random(7)
    started = time.perf_counter()
    for user in users:
        services.cast_vote(session, actor=user, choices={p.pk: rng.choice(["for", "for", "against", "abstain"])
                                                         for p in candidates})
    cast_s = time.perf_counter() - started
    started = time.perf_counter()
    session = services.tally_votes(session, actor=office, now=now + dt.timedelta(hours=2))
    tally_s = time.perf_counter() - started
    assert len(session.tally_lines) == deputies
    return {"deputies": deputies, "projects": projects, "cast_per_s": round(deputies / cast_s, 1),
            "tally_ms": round(tally_s * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--opinions", type=int, default=None)
    args = parser.parse_args()
    count = args.opinions or (50_000 if args.quick else 1_000_000)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        figures = _hotwords(count, random.Random(34))
        figures.update(_vote())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(json.dumps({"benchmark": "deputy_duty", **figures}, ensure_ascii=False))


if __name__ == "__main__":
    main()
