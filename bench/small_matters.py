"""Benchmark of the 关键小事 scene: proactive unemployment-benefit detection over a million insured persons.

Synthetic 人社局 data (``synth.generate``: stops, employment records, registrations, with the qualifying set
planted) are loaded into DuckDB; ``detect_s`` is the facts query (``facts.person_facts``) plus the policy engine's
batch evaluation (``core.policy.evaluate_batch``) of the ``unemployment_benefit`` policy over every person.
``baseline_s`` is the per-person loop the issue names: for each insured person, look up their records by indexed
queries (SQLite in memory, loaded and indexed before the clock starts) and decide them one by one with
``core.policy.decide``. Both answers
are checked against the planted truth (precision, recall) and against each other.

    .venv/bin/python bench/small_matters.py [--quick] [--insured N]

**Portal.** ``portal_p95_ms`` and ``portal_rps``: the person's pages under the production server. A scratch
PostgreSQL database ``zhili_bench_small_matters`` (kept between runs) holds the 50 matters (through the catalogue
service) and ``--persons`` people (default 100,000; ID number, phone and name encrypted), one in four with an
approved benefit claim (three payment months and a rating), one in ten a residence registration, one in twenty a
dog licence. gunicorn (gthread, one process per core × 4 threads, keep-alive) serves ``zhili.wsgi`` with
``ZHILI_DEBUG=0``. A load generator in its own process (asyncio + aiohttp) runs ``--clients`` clients (200), each
a signed-in person (a real session) on one keep-alive connection: half its requests the catalogue (the person's
page ``/small_matters/``), three in ten a matter's page, two in ten its own claim; a page counts only when it is
200 and is that page. ``portal_p95_ms`` is the p95 latency when each client pauses Exp(1 s) between requests
(about 200 requests a second offered); ``portal_rps`` the throughput with no pause (saturation). Target p95 ≤ 100
ms. ``--only portal`` or ``--only detection`` runs one part.

**Invoice OCR** (with the detection part). ``ocr_ms`` is the median time to recognise one invoice photo (OCR, QR code, fields and checks) with ONNX Runtime
held to one thread, over invoices of the seven types drawn here (``invoice_layouts.sample``: random values, then a
small rotation, blur, noise and JPEG compression); ``ocr_cpu_ms`` is the median CPU time of the same work, which
a loaded machine does not inflate. ``ocr_field_accuracy`` is correct fields / all fields; ``ocr_confident_wrong``
counts readings marked usable with any field wrong (it must be 0).
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")

ON = dt.date(2026, 3, 20)


def _ocr(count: int) -> dict:
    """Invoice photos of the seven types recognised one after another on one thread (after one warm-up)."""
    import statistics

    import numpy as np

    from zhili.scenes.small_matters import ocr
    from zhili.scenes.small_matters.invoice_layouts import sample
    from zhili.scenes.small_matters.invoices import recognise_image

    photos = sample(count + 1, seed=2026)
    ocr.engine()
    recognise_image(np.asarray(photos[0].image))
    wall, cpu, right, total, confident_wrong, from_qr = [], [], 0, 0, 0, 0
    per_kind: dict = {}
    for photo in photos[1:]:
        rgb = np.asarray(photo.image)
        started, cpu_started = time.perf_counter(), time.process_time()
        reading = recognise_image(rgb)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        good = sum(1 for k, v in photo.truth.items() if reading.fields.get(k) == v)
        right, total = right + good, total + len(photo.truth)
        confident_wrong += int(reading.usable and good < len(photo.truth))
        from_qr += sum(1 for source in reading.sources.values() if source == "qr")
        kind = per_kind.setdefault(photo.kind, [0, 0])
        kind[0], kind[1] = kind[0] + good, kind[1] + len(photo.truth)
    return {"ocr_images": count, "ocr_ms": round(statistics.median(wall) * 1000),
            "ocr_p95_ms": round(sorted(wall)[int(0.95 * (len(wall) - 1))] * 1000),
            "ocr_cpu_ms": round(statistics.median(cpu) * 1000),
            "ocr_field_accuracy": round(right / total, 4), "ocr_confident_wrong": confident_wrong,
            "ocr_fields_confirmed_by_qr": from_qr,
            "ocr_accuracy_by_type": {k: round(g / t, 4) for k, (g, t) in per_kind.items()}}


def _baseline(synthetic, domain, policy, window_days: int) -> tuple[float, set]:
    """Every insured person in turn: three indexed look-ups (a row-at-a-time service against its database), then
    ``decide``. The tables are loaded and indexed before the clock starts."""
    import sqlite3

    from zhili.core.policy.api import decide

    db = sqlite3.connect(":memory:")
    for name, table in (("stops", synthetic.stops), ("employment", synthetic.employment),
                        ("registrations", synthetic.registrations)):
        columns = table.column_names
        db.execute(f"create table {name} ({', '.join(columns)})")
        rows = zip(*[[v.isoformat() if isinstance(v, dt.date) else v for v in table.column(c).to_pylist()]
                     for c in columns], strict=True)
        db.executemany(f"insert into {name} values ({', '.join('?' * len(columns))})", rows)
        db.execute(f"create index {name}_person on {name} (person_key)")
    day, since = ON.isoformat(), (ON - dt.timedelta(days=window_days)).isoformat()
    started = time.perf_counter()
    found = set()
    for index in range(synthetic.persons):
        key = f"p{index}"
        stop = db.execute("select stop_date, contribution_months, unused_months from stops where person_key = ? "
                          "and stop_date between ? and ? order by stop_date desc limit 1", (key, since, day)).fetchone()
        if stop is None:
            continue
        ended = db.execute("select separation_reason from employment where person_key = ? and ended_on is not null "
                           "and ended_on <= ? order by ended_on desc limit 1", (key, day)).fetchone()
        later = db.execute("select count(*) from employment where person_key = ? and started_on > ? and started_on <= ?",
                           (key, stop[0], day)).fetchone()[0]
        registered = db.execute("select max(registered_on) from registrations where person_key = ? and seeking_work "
                                "and registered_on <= ?", (key, day)).fetchone()[0]
        facts = {"contribution_years": stop[1] / 12, "separation_reason": ended[0] if ended else None,
                 "registered_unemployed": registered is not None and registered >= stop[0],
                 "reemployed": later > 0, "unused_months": float(stop[2] or 0)}
        if decide(domain, policy, facts, on=ON, explain=False).eligible:
            found.add(key)
    return time.perf_counter() - started, found


# --- the portal under load -------------------------------------------------------------------------------------

PORTAL_DB = "zhili_bench_small_matters"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PORTAL_TARGET_P95_MS = 100


def portal_environment() -> dict:
    """Production mode (``ZHILI_DEBUG=0``) on the bench database, with bench-only keys (fixed, so a kept database
    decrypts on the next run)."""
    import base64

    env = dict(os.environ)
    for name in ("ZHILI_TESTING", "ZHILI_SCENES", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update({
        "ZHILI_DEBUG": "0", "ZHILI_LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "zhili.settings",
        "ZHILI_DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{PORTAL_DB}",
        "ZHILI_SECRET_KEY": "zhili-bench-small-matters-secret-key-only-for-this-scratch-database",
        "ZHILI_PII_KEY": base64.b64encode(b"zhili-bench-small-matters-pii-32").decode(),
        "ZHILI_ESIGN_KEK": base64.b64encode(b"zhili-bench-small-matters-kek-32").decode(),
        "ZHILI_LEDGER_SIGNING_KEY": base64.b64encode(b"zhili-bench-small-matters-led-32").decode(),
    })
    return env


def portal_seed(persons: int, clients: int, batch: int = 5000) -> dict:
    """The bench database (created once, kept): the 50 matters through the catalogue service, ``persons`` people
    (ID number, phone and name encrypted), one in four with a benefit claim (its facts, decision and payment
    months), one in ten with a residence registration, one in twenty with a dog licence, a rating for every handled
    claim; and a signed-in session for each of ``clients`` people with a claim. Returns what the clients ask for."""
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PORTAL_DB,)).fetchone():
            conn.execute(f'CREATE DATABASE "{PORTAL_DB}"')
    os.environ.update(portal_environment())
    import django

    django.setup()
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connections, transaction

    from zhili.core.identity.api import Membership, User
    from zhili.core.orgs.api import Region
    from zhili.scenes.small_matters import services
    from zhili.scenes.small_matters.demo import id_number
    from zhili.scenes.small_matters.models import (
        BenefitClaim,
        BenefitPayment,
        DogLicence,
        Matter,
        Rating,
        ResidenceRegistration,
    )
    from zhili.scenes.small_matters.roles import CITIZEN, OFFICER

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    county, _ = Region.objects.get_or_create(code="330127", defaults={"name": "淳安县", "level": "county"})
    officer, made = User.objects.get_or_create(username="bench_sm_officer", defaults={"name": "统筹员",
                                                                                      "password": "!bench"})
    if made:
        Membership.objects.create(user=officer, role=OFFICER, region=county)
    services.load_catalogue(actor=officer)
    benefit = Matter.objects.get(code="unemployment_benefit")
    have = User.objects.filter(username__startswith="bench_sm_p").count()
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇"]
    for start in range(have, persons, batch):
        with transaction.atomic():
            people = User.objects.bulk_create([
                User(username=f"bench_sm_p{i:07d}", name=surnames[i % 20] + given[i // 20 % 10] + given[i % 7],
                     id_number=id_number(i % 1000, f"{dt.date(1966, 1, 1) + dt.timedelta(days=i // 1000):%Y%m%d}"),
                     phone=f"139{i:08d}", password="!bench") for i in range(start, min(start + batch, persons))])
            Membership.objects.bulk_create([Membership(user=p, role=CITIZEN) for p in people])
            claims = BenefitClaim.objects.bulk_create([
                BenefitClaim(person_key=f"bench{p.pk}", person=p, name=p.name, region=county,
                             stop_date=ON - dt.timedelta(days=20 + p.pk % 30),
                             facts={"employer_name": "淳安县千岛湖纺织有限公司", "contribution_months": 30 + p.pk % 90,
                                    "separation_reason": "contract_expired", "separation_reason_label": "劳动合同期满",
                                    "registered_on": (ON - dt.timedelta(days=10)).isoformat()},
                             decision={"summary": "符合条件", "eligible": True}, status="approved", months=12,
                             monthly_amount=Decimal("2052.00"), detected_on=ON - dt.timedelta(days=15))
                for n, p in enumerate(people) if n % 4 == 0])
            BenefitPayment.objects.bulk_create([
                BenefitPayment(claim=c, month=dt.date(2026, 1 + m, 1), amount=Decimal("2052.00"))
                for c in claims for m in range(3)])
            Rating.objects.bulk_create([Rating(matter=benefit, person=c.person, subject=f"claim:{c.pk}",
                                               grade="5" if c.pk % 100 else "2", comment="" if c.pk % 100 else "慢")
                                        for c in claims])
            ResidenceRegistration.objects.bulk_create([
                ResidenceRegistration(person=p, region=county, address=f"千岛湖镇新安东路{p.pk % 300}号",
                                      moved_in_on=ON - dt.timedelta(days=90), facts={}, status="registered",
                                      number=f"JZ330127{p.pk:010d}") for n, p in enumerate(people) if n % 10 == 1])
            DogLicence.objects.bulk_create([
                DogLicence(person=p, region=county, dog_name="豆豆", breed="柴犬", hospital="千岛湖爱宠动物医院",
                           visit_on=ON, status="licensed", number=f"QD330127{p.pk:08d}")
                for n, p in enumerate(people) if n % 20 == 2])
    seed_s = time.perf_counter() - started
    claims = list(BenefitClaim.objects.filter(person__username__startswith="bench_sm_p").order_by("id")
                  .values_list("id", "person_id")[:clients])
    users = {u.pk: u for u in User.objects.filter(pk__in=[p for _, p in claims])}
    sessions = []
    for claim_id, person_id in claims:
        store = SessionStore()
        store[SESSION_KEY] = str(person_id)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = users[person_id].get_session_auth_hash()
        store.create()
        sessions.append({"cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}", "claim": claim_id})
    matters = list(Matter.objects.values_list("code", flat=True))
    figures = {"persons": User.objects.filter(username__startswith="bench_sm_p").count(),
               "claims": BenefitClaim.objects.count(), "registrations": ResidenceRegistration.objects.count(),
               "dog_licences": DogLicence.objects.count(), "ratings": Rating.objects.count()}
    connections.close_all()
    return {"sessions": sessions, "matters": matters, "seed_s": round(seed_s, 1), "data": figures}


def _percentile(ordered: list[float], p: float):
    import math

    return round(ordered[max(0, math.ceil(p * len(ordered)) - 1)], 2) if ordered else None


async def _phase(clients, *, think_s: float, seconds: float, seed: int) -> dict:
    """Every client (its own keep-alive connection and signed-in person) asks for a page until ``seconds`` have
    passed, after an Exp(think_s) pause: half the time the catalogue (the person's page), three in ten a matter's
    page, two in ten their own claim. A page counts only if it is 200 and carries the page's own marker."""
    import asyncio
    import random
    from collections import Counter

    import aiohttp

    latencies, errors, per_page = [], Counter(), Counter()
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + seconds

    async def run(index: int, client):
        session, matters, claim = client
        rng = random.Random(seed * 100_003 + index)
        while True:
            if think_s > 0:
                await asyncio.sleep(rng.expovariate(1 / think_s))
            if loop.time() >= deadline:
                return
            pick = rng.random()
            if pick < 0.5:
                page, path, marker = "catalogue", "/small_matters/", b'id="small-matters-home"'
            elif pick < 0.8:
                code = matters[rng.randrange(len(matters))]
                page, path, marker = "matter", f"/small_matters/matters/{code}/", b"<h1"
            else:
                page, path, marker = "claim", f"/small_matters/claims/{claim}/", b'id="claim-status"'
            sent = time.perf_counter()
            try:
                async with session.get(path, allow_redirects=False) as response:
                    body = await response.read()
                    ok = response.status == 200 and marker in body
                    reason = "ok" if ok else f"http {response.status}" if response.status != 200 else "wrong page"
            except (aiohttp.ClientError, TimeoutError) as exc:
                ok, reason = False, type(exc).__name__
            latencies.append((time.perf_counter() - sent) * 1000)
            per_page[page] += 1
            if not ok:
                errors[reason] += 1

    await asyncio.gather(*(run(i, c) for i, c in enumerate(clients)))
    elapsed = max(loop.time(), deadline) - started
    ordered = sorted(latencies)
    return {"requests": len(ordered), "p50_ms": _percentile(ordered, 0.5), "p95_ms": _percentile(ordered, 0.95),
            "p99_ms": _percentile(ordered, 0.99), "rps": round(len(ordered) / elapsed, 1),
            "errors": sum(errors.values()), "error_kinds": dict(errors), "pages": dict(per_page)}


async def _generate(config: dict) -> dict:
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=60)
    sessions = [aiohttp.ClientSession(base_url=config["base_url"], timeout=timeout,
                                      connector=aiohttp.TCPConnector(limit=1, keepalive_timeout=60),
                                      headers={"Cookie": s["cookie"], "Accept-Language": "zh-CN"})
                for s in config["sessions"]]
    clients = [(session, config["matters"], s["claim"]) for session, s in zip(sessions, config["sessions"],
                                                                               strict=True)]
    think = config["think_ms"] / 1000
    try:
        warmup = await _phase(clients, think_s=think, seconds=config["warmup_seconds"], seed=1)
        open_phase = await _phase(clients, think_s=think, seconds=config["seconds"], seed=2)
        closed = await _phase(clients, think_s=0, seconds=config["closed_seconds"], seed=3)
    finally:
        for session in sessions:
            await session.close()
    return {"open": open_phase, "closed": closed, "warmup_requests": warmup["requests"]}


def portal_load_generator(config_path: str) -> None:
    import asyncio

    print(json.dumps(asyncio.run(_generate(json.loads(Path(config_path).read_text())))))


def portal(args) -> dict:
    """Seed (in a child process, so this one stays free of Django's production settings), start gunicorn, run the
    load generator in its own process, and return the figures."""
    import subprocess
    import tempfile

    from serving import cpu_seconds, free_port, start_gunicorn, worker_pids

    scratch = Path(tempfile.mkdtemp(prefix="zhili_bench_sm_"))
    seeded = subprocess.run([sys.executable, __file__, "--portal-seed", str(args.persons), str(args.clients)],
                            capture_output=True, text=True, cwd=ROOT, env=portal_environment(), check=False)
    if seeded.returncode != 0:
        raise SystemExit(f"portal seeding failed:\n{seeded.stderr[-3000:]}")
    config = json.loads(seeded.stdout.strip().splitlines()[-1])
    port = free_port()
    load_at_start = os.getloadavg()
    server = start_gunicorn(port, args.workers, args.threads, scratch / "gunicorn.log", env=portal_environment())
    try:
        config.update({"base_url": f"http://127.0.0.1:{port}", "think_ms": args.think_ms, "seconds": args.seconds,
                       "closed_seconds": args.closed_seconds, "warmup_seconds": args.warmup_seconds})
        (scratch / "config.json").write_text(json.dumps(config))
        workers = worker_pids(server.pid)
        cpu_before = sum(cpu_seconds(p) for p in workers)
        generator = subprocess.run([sys.executable, __file__, "--portal-load", str(scratch / "config.json")],
                                   capture_output=True, text=True, cwd=ROOT, check=False)
        load_at_end = os.getloadavg()
        server_cpu_s = sum(cpu_seconds(p) for p in workers) - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=60)
    if generator.returncode != 0:
        raise SystemExit(f"load generator failed:\n{generator.stderr[-3000:]}")
    phases = json.loads(generator.stdout)
    open_phase, closed = phases["open"], phases["closed"]
    return {
        "portal_p95_ms": open_phase["p95_ms"], "portal_rps": closed["rps"],
        "portal": {"clients": len(config["sessions"]), "think_ms_mean": args.think_ms,
                   "offered_rps": round(len(config["sessions"]) / (args.think_ms / 1000), 1),
                   "think_time": open_phase, "closed_loop": closed, "target_p95_ms": PORTAL_TARGET_P95_MS,
                   "server": f"gunicorn gthread {args.workers}×{args.threads}", "database": "postgresql",
                   # the CPU one page costs the server's processes (over every phase's pages): what the
                   # machine's load does not change much; cores × 1000 / this is the most pages a second the
                   # server's processes could give on an otherwise idle machine (PostgreSQL and the client aside)
                   "server_cpu_ms_per_page": round(server_cpu_s * 1000 / max(1, open_phase["requests"]
                                                                              + closed["requests"]
                                                                              + phases["warmup_requests"]), 2),
                   "data": config["data"], "seed_s": config["seed_s"],
                   "loadavg_at_start": [round(x, 2) for x in load_at_start],
                   "loadavg_at_end": [round(x, 2) for x in load_at_end]}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--insured", type=int, default=1_000_000)
    parser.add_argument("--only", choices=("detection", "portal"), help="run one part (default: both)")
    parser.add_argument("--persons", type=int, help="people in the portal's bench database (default 100,000)")
    parser.add_argument("--clients", type=int, help="concurrent signed-in clients (default 200; quick 50)")
    parser.add_argument("--think-ms", type=float, default=1000, help="mean think time per client (default 1000)")
    parser.add_argument("--seconds", type=float, help="measured think-time load (default 30; quick 10)")
    parser.add_argument("--closed-seconds", type=float, help="closed-loop phase (default 15; quick 5)")
    parser.add_argument("--warmup-seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn processes (one per core)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process (default 4)")
    parser.add_argument("--portal-seed", nargs=2, type=int, help=argparse.SUPPRESS)
    parser.add_argument("--portal-load", help=argparse.SUPPRESS)
    parser.add_argument("--invoices", type=int, default=70, help="invoice photos to recognise (0: skip)")
    args = parser.parse_args()
    if args.portal_seed:
        print(json.dumps(portal_seed(*args.portal_seed)))
        return
    if args.portal_load:
        portal_load_generator(args.portal_load)
        return
    args.persons = args.persons or (10_000 if args.quick else 100_000)
    args.clients = args.clients or (50 if args.quick else 200)
    args.seconds = args.seconds or (10 if args.quick else 30)
    args.closed_seconds = args.closed_seconds or (5 if args.quick else 15)
    portal_figures = {"portal_p95_ms": None, "portal_rps": None}
    if args.only != "detection":
        portal_figures = portal(args)
    if args.only == "portal":
        print(json.dumps({"benchmark": "small_matters", **portal_figures, "loadavg": os.getloadavg()},
                         ensure_ascii=False))
        return
    insured = 20_000 if args.quick else args.insured
    invoices = min(args.invoices, 14) if args.quick else args.invoices
    # one core for the OCR figures: ONNX Runtime's and OpenMP's thread pools held to one thread
    os.environ["ZHILI_OCR_THREADS"] = "1"
    os.environ["OMP_NUM_THREADS"] = "1"

    import django

    django.setup()
    import ibis

    from zhili.core.policy.api import evaluate_batch, get_domain
    from zhili.scenes.small_matters.facts import person_facts
    from zhili.scenes.small_matters.policies import DOMAIN
    from zhili.scenes.small_matters.rules import claim_window_days
    from zhili.scenes.small_matters.synth import generate

    domain = get_domain(DOMAIN)
    policy = domain.policies["unemployment_benefit"]
    window = claim_window_days(ON)
    started = time.perf_counter()
    synthetic = generate(insured, ON, window_days=window)
    generate_s = time.perf_counter() - started

    con = ibis.duckdb.connect()
    tables = [con.create_table(name, getattr(synthetic, name)) for name in ("stops", "employment", "registrations")]
    started = time.perf_counter()
    facts = person_facts(*tables, ON, window)
    result = evaluate_batch(domain, facts, ON, key="person_key", policies=[policy])
    found = {k for k, s in zip(result.keys(), result.statuses(policy.code), strict=True) if s == "eligible"}
    detect_s = time.perf_counter() - started

    baseline_s, baseline_found = _baseline(synthetic, domain, policy, window)
    ocr = _ocr(invoices) if invoices else {"ocr_ms": None, "ocr_field_accuracy": None}
    truth = synthetic.qualifying
    hits = len(found & truth)
    print(json.dumps({
        "benchmark": "small_matters", "insured": insured, "stops": synthetic.stops.num_rows,
        "screened": len(result), "qualifying": len(found), "planted": len(truth),
        "precision": round(hits / len(found), 4) if found else None,
        "recall": round(hits / len(truth), 4) if truth else None,
        "baseline_agrees": baseline_found == found,
        "generate_s": round(generate_s, 2), "detect_s": round(detect_s, 3), "baseline_s": round(baseline_s, 3),
        "ratio": round(baseline_s / detect_s, 1),
        **portal_figures, **ocr, "loadavg": os.getloadavg(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
