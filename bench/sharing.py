"""Benchmark: banks fetching granted labor contract data over loopback from gunicorn; print one JSON object.

    python bench/sharing.py [--quick] [--contracts N] [--clients N] [--think-ms MS] [--seconds S]
                            [--closed-seconds S] [--workers W] [--threads T] [--keep]

**Data.** A scratch PostgreSQL database ``zhili_bench_sharing`` is seeded (not timed) with N real labor contracts
of the labor_contract scene (``labor_contract.contract``): N/2 workers (users with valid GB 11643 ID numbers and
mobile numbers, encrypted at rest with their blind indexes), N/200 employers (valid USCC), two consecutive
contracts per worker (fixed-term or open-ended, wages, posts, work places; nine in ten signed electronically,
one in ten an imported paper contract), and for every contract the worker's grant to a bank for the matter
``bank_loan`` (employer, worker name, ID number, period, wage). No PDFs are seeded: the benchmarked read does
not touch them. ``--keep`` keeps the database, and a rerun seeds only what is missing.

**Server.** gunicorn (gthread workers: ``--workers`` processes × ``--threads`` threads, keep-alive 75 s; by
default one process per core and 4 threads: on 2 cores that also run PostgreSQL and the load generator, a
third process cost 10-25 % more CPU per read in paired runs (switching), with no gain in latency)
serves ``zhili.wsgi`` in production mode: ``ZHILI_DEBUG=0``, no test settings, every scene installed, bench-only
secret, PII and CA keys (set in the environment, never the development defaults), persistent database
connections (``CONN_MAX_AGE`` 60 s, from zhili/settings.py).

**Request.** ``GET /api/v1/sharing/documents/labor_contract.contract/{id}`` with the bank's bearer token, for a
random seeded contract. Each is a full read: token check (expiry and revocation), grant look-up (valid,
unexpired, unrevoked, this party and document), the contract with its employer, the granted fields only
(decrypting the ID number), and the access-log row and audit entry committed before the answer. A response
counts as an error unless it is 200 and its fields are exactly the granted ones.

**Load model.** The load generator is its own process (asyncio + aiohttp, so that it costs little CPU on the
cores the server shares). C clients each stand for an outside system holding one keep-alive connection.

- The headline figures (``p50_ms``, ``p95_ms``, ``p99_ms``, ``throughput_rps``, ``errors``) come from the
  realistic model: each client waits an exponentially distributed think time (mean ``--think-ms``, default
  1 s) before each request, so requests arrive roughly as a Poisson stream of C / think ≈ 200 req/s for 200
  clients, and the latency is what one request costs when it arrives at a server under that load.
- ``closed_loop_*``: the same clients with zero think time, each sending its next request as soon as the
  last one is answered. This measures the saturation throughput; its latency is by Little's law about
  C / throughput, mostly waiting in line, and it cannot be 50 ms for 200 clients unless the two cores (which
  also run PostgreSQL and the load generator) answer 4,000 requests a second.
- ``baseline_*``: the bare stack in the same run — ``/healthz`` (Django, middleware, one ``SELECT 1``) under
  the same closed loop; ``baseline_ratio`` is its throughput over the sharing read's closed-loop throughput
  (how many bare requests one sharing read costs).

``cpu_ms_per_read`` is the CPU one read costs the gunicorn workers, the PostgreSQL backends and the load generator
(from /proc, during the closed loop); it depends much less on what else the machine runs than latency does, and
with the think-time load it gives the utilisation: offered req/s × CPU per read / cores.

The first ``--warmup-seconds`` of think-time load are not counted (connections, caches, first imports).
Default (the issue's workload): 1,000,000 contracts, 200 clients; ``--quick``: 100,000 contracts, 50 clients.
Target (issue #5): p95 ≤ 50 ms with no errors, under the think-time load.
"""

import argparse
import asyncio
import base64
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from collections import Counter
from decimal import Decimal
from pathlib import Path

from serving import cpu_seconds, free_port, start_gunicorn, worker_pids

ROOT = Path(__file__).resolve().parent.parent

DB_NAME = "zhili_bench_sharing"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DOCUMENT_TYPE = "labor_contract.contract"
MATTER = "bank_loan"
TARGET_P95_MS = 50


def environment() -> dict:
    """Production mode with bench-only keys (fixed, so that a kept database decrypts on the next run)."""
    env = dict(os.environ)
    for name in ("ZHILI_TESTING", "ZHILI_SCENES", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update({
        "ZHILI_DEBUG": "0", "ZHILI_LOG_LEVEL": "WARNING", "DJANGO_SETTINGS_MODULE": "zhili.settings",
        "ZHILI_DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}",
        "ZHILI_SECRET_KEY": "zhili-bench-sharing-secret-key-only-for-this-scratch-database",
        "ZHILI_PII_KEY": base64.b64encode(b"zhili-bench-sharing-pii-key-32by").decode(),
        "ZHILI_ESIGN_KEK": base64.b64encode(b"zhili-bench-sharing-ca-kek-32byt").decode(),
        "ZHILI_LEDGER_SIGNING_KEY": base64.b64encode(b"zhili-bench-sharing-ledger-32byt").decode(),
    })
    return env


def ensure_database(drop: bool) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


# --- seeding: realistic workers, employers, contracts and grants -----------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
         "霞", "平", "刚", "桂英", "建华", "海燕", "志强", "晓东", "丽萍", "国庆", "春梅", "文斌"]
ID_REGIONS = ["330182", "330183", "330122", "330127", "330102", "330106", "330108", "330110", "330111", "330112",
              "341222", "362321", "513021", "522121", "412721", "431021"]
PHONE_PREFIXES = ["138", "139", "137", "136", "135", "150", "151", "158", "187", "188"]
TOWNS = ["新安江街道", "洋溪街道", "更楼街道", "梅城镇", "乾潭镇", "寿昌镇", "下涯镇", "杨村桥镇", "三都镇", "大同镇",
         "李家镇", "航头镇", "大洋镇", "莲花镇", "钦堂乡", "大慈岩镇"]
BRANDS = ["新安", "富春", "江南", "宏达", "永盛", "华特", "恒丰", "金鹰", "顺发", "天成"]
TRADES = ["机械", "化工", "建材", "食品", "纺织", "电子", "物流", "建筑", "五金", "塑料", "印务", "茶业"]
SUFFIXES = ["有限公司", "股份有限公司", "科技有限公司", "制造有限公司"]
JOBS = ["普工", "操作工", "机修工", "电工", "焊工", "仓管员", "销售代表", "会计", "行政文员", "质检员", "司机", "厨师",
        "保洁员", "保安员", "车间主任"]
BIRTH_DAYS = 14600  # birth dates spread over forty years from 1966


def worker_name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]


def worker_id_number(i: int) -> str:
    from zhili.core.foundation.validators import id_number_check_digit

    region = ID_REGIONS[i % len(ID_REGIONS)]
    birth = dt.date(1966, 1, 1) + dt.timedelta(days=(i // len(ID_REGIONS)) % BIRTH_DAYS)
    sequence = i // (len(ID_REGIONS) * BIRTH_DAYS)
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_number_check_digit(first17)


def worker_phone(i: int) -> str:
    return f"{PHONE_PREFIXES[i % len(PHONE_PREFIXES)]}{i // len(PHONE_PREFIXES):08d}"


def employer_uscc(i: int) -> str:
    from zhili.core.foundation.validators import uscc_check_character

    alphabet, tail, n = "0123456789ABCDEFGHJKLMNPQRTUWXY", "", i + 7_000_000
    for _ in range(9):
        tail, n = alphabet[n % 31] + tail, n // 31
    first17 = f"91330182{tail}"
    return first17 + uscc_check_character(first17)


def employer_name(i: int) -> str:
    town = TOWNS[i % len(TOWNS)].removesuffix("街道").removesuffix("镇").removesuffix("乡")
    rest = i // len(TOWNS)
    return (f"建德市{town}{BRANDS[rest % len(BRANDS)]}{TRADES[(rest // len(BRANDS)) % len(TRADES)]}"
            f"{SUFFIXES[(rest // (len(BRANDS) * len(TRADES))) % len(SUFFIXES)]}")


def add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def seed(contracts: int, batch: int = 5000) -> tuple[str, list[int], list[str], float]:
    """Create (or complete) the seeded data; return a fresh bank token, the contract ids, the granted fields
    and the seconds spent seeding."""
    import django

    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from zhili.core.foundation import pii
    from zhili.core.identity import services as identity
    from zhili.core.identity.models import User
    from zhili.core.orgs.choices import OrganizationKind, RegionLevel
    from zhili.core.orgs.models import Organization, Region
    from zhili.core.sharing.models import Grant, Matter
    from zhili.scenes.labor_contract.choices import ContractStatus, SigningChannel, TermType
    from zhili.scenes.labor_contract.models import LaborContract

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    region, _ = Region.objects.get_or_create(code="330182", defaults={"name": "建德市", "level": RegionLevel.COUNTY})
    bank, _ = Organization.objects.get_or_create(kind=OrganizationKind.BANK, name="建德农村商业银行",
                                                 defaults={"region": region})
    matter = Matter.objects.get(code=MATTER)

    workers_needed = (contracts + 1) // 2
    have_workers = User.objects.filter(username__startswith="bench_lc_w").count()
    for start in range(have_workers, workers_needed, batch):
        with transaction.atomic():
            User.objects.bulk_create([
                User(username=f"bench_lc_w{i:07d}", name=worker_name(i), id_number=worker_id_number(i),
                     phone=worker_phone(i), password="!bench-seeded")  # "!": no usable password
                for i in range(start, min(start + batch, workers_needed))])
    worker_ids = list(User.objects.filter(username__startswith="bench_lc_w").order_by("username")
                      .values_list("id", flat=True)[:workers_needed])

    employers_needed = max(50, contracts // 200)
    have_employers = Organization.objects.filter(kind=OrganizationKind.ENTERPRISE).count()
    if have_employers < employers_needed:
        Organization.objects.bulk_create([
            Organization(kind=OrganizationKind.ENTERPRISE, name=employer_name(i), uscc=employer_uscc(i),
                         legal_representative=worker_name(i * 7 + 3), region=region,
                         address=f"浙江省杭州市建德市{TOWNS[i % len(TOWNS)]}工业功能区{i % 90 + 1}号")
            for i in range(have_employers, employers_needed)], batch_size=batch)
    employers = list(Organization.objects.filter(kind=OrganizationKind.ENTERPRISE).order_by("id")
                     .only("id", "name", "uscc")[:employers_needed])

    have = LaborContract.objects.count()
    expires = timezone.now() + dt.timedelta(days=365)
    fields = list(matter.fields)
    for start in range(have, contracts, batch):
        rows = []
        for i in range(start, min(start + batch, contracts)):
            w, second = divmod(i, 2)
            employer = employers[(w * 31 + second * 17) % len(employers)]
            first_start = dt.date(2019, 1, 1) + dt.timedelta(days=(w * 7) % 1000)
            begins = add_years(first_start, 3) if second else first_start
            open_ended = second and w % 5 == 0
            paper = i % 10 == 9
            signed = dt.datetime.combine(begins - dt.timedelta(days=3 + i % 9), dt.time(9, i % 60),
                                         tzinfo=dt.UTC) if not paper else None
            id_number = worker_id_number(w)
            contract = LaborContract(
                number=f"LC{begins:%Y%m%d}{i:010X}", employer=employer, worker_id=worker_ids[w],
                worker_name=worker_name(w), worker_id_number=id_number, worker_phone=worker_phone(w),
                job_title=JOBS[(w + second) % len(JOBS)],
                work_place=f"浙江省杭州市建德市{TOWNS[(w * 31 + second * 17) % len(TOWNS)]}",
                term_type=TermType.OPEN_ENDED if open_ended else TermType.FIXED_TERM, start_date=begins,
                end_date=None if open_ended else add_years(begins, 3) - dt.timedelta(days=1),
                probation_months=0 if second else 2,
                monthly_wage=Decimal(2600 + (i * 37) % 9400 + (500 if second else 0)),
                status=ContractStatus.EXISTING_PAPER if paper else ContractStatus.COMPLETED,
                channel=SigningChannel.ON_SITE if i % 3 == 0 else SigningChannel.REMOTE,
                worker_signed_at=signed, employer_signed_at=signed and signed + dt.timedelta(hours=2),
                completed_at=signed and signed + dt.timedelta(hours=2),
                signed_on=(begins - dt.timedelta(days=5)) if paper else None,
                idempotency_key=LaborContract.make_idempotency_key(employer.uscc, pii.blind_index(id_number), begins),
            )
            rows.append(contract)
        with transaction.atomic():
            created = LaborContract.objects.bulk_create(rows)
            Grant.objects.bulk_create([
                Grant(worker_id=c.worker_id, party=bank, matter=matter, document_type=DOCUMENT_TYPE,
                      object_id=str(c.pk), fields=fields, expires_at=expires,
                      document_label=f"{c.employer.name} · {pii.mask_name(c.worker_name)} · {c.number}"[:255])
                for c in created])
    seed_seconds = time.perf_counter() - started

    client, secret = identity.register_api_client(name="个人贷款审批系统（基准）", organization=bank,
                                                  scopes=["sharing.read"])
    _access, token = identity.issue_token(client.client_id, secret)
    ids = list(LaborContract.objects.order_by("id").values_list("id", flat=True)[:contracts])
    from django.db import connections

    connections.close_all()
    return token, ids, fields, seed_seconds


# --- the server -------------------------------------------------------------------------------------------------

def start_server(port: int, workers: int, threads: int, log_path: Path) -> subprocess.Popen:
    return start_gunicorn(port, workers, threads, log_path, env=environment(), extra=("--worker-connections", "1000"))


# --- the load generator (its own process) ----------------------------------------------------------------------

def percentile(ordered: list[float], p: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[max(0, math.ceil(p * len(ordered)) - 1)], 2)


def database_pids() -> list[int]:
    """The PostgreSQL backends serving the bench database (persistent connections of the server's threads)."""
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                            (DB_NAME,)).fetchall()
    return [row[0] for row in rows]


def cpu_snapshot(server_pids: list[int]) -> dict[str, dict[int, float]]:
    return {"server": {p: cpu_seconds(p) for p in server_pids},
            "database": {p: cpu_seconds(p) for p in database_pids()}}


def cpu_used(before: dict, after: dict, kind: str) -> float:
    return sum(max(0.0, seconds - before[kind].get(pid, 0.0)) for pid, seconds in after[kind].items())


async def run_phase(sessions, *, path_of, check, think_s: float, seconds: float, rng_seed: int,
                    server_pids: list[int]) -> dict:
    """Every client sends requests until ``seconds`` have passed, waiting Exp(think_s) before each one."""
    import aiohttp

    latencies: list[float] = []
    errors: Counter = Counter()
    cpu_before = cpu_snapshot(server_pids)
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + seconds
    cpu_started = time.process_time()
    last_answer = started

    async def client(index: int, session):
        nonlocal last_answer
        rng = random.Random(rng_seed * 100_003 + index)
        while True:
            if think_s > 0:
                await asyncio.sleep(rng.expovariate(1 / think_s))
            if loop.time() >= deadline:
                return
            sent = time.perf_counter()
            try:
                async with session.get(path_of(rng)) as response:
                    body = await response.read()
                    ok = response.status == 200 and check(body)
                    reason = "ok" if ok else f"http {response.status}" if response.status != 200 else "wrong body"
            except (aiohttp.ClientError, TimeoutError) as exc:
                ok, reason = False, type(exc).__name__
            latencies.append((time.perf_counter() - sent) * 1000)
            last_answer = loop.time()
            if not ok:
                errors[reason] += 1

    await asyncio.gather(*(client(i, s) for i, s in enumerate(sessions)))
    elapsed = max(last_answer, deadline) - started
    generator_cpu = time.process_time() - cpu_started
    cpu_after = cpu_snapshot(server_pids)
    ordered = sorted(latencies)
    per_request = 1000 / len(ordered) if ordered else 0.0
    return {
        "server_cpu_ms_per_request": round(cpu_used(cpu_before, cpu_after, "server") * per_request, 2),
        "database_cpu_ms_per_request": round(cpu_used(cpu_before, cpu_after, "database") * per_request, 2),
        "server_worker_cpu_s": [round(cpu_after["server"][p] - cpu_before["server"].get(p, 0.0), 1)
                                for p in server_pids],
        "generator_cpu_ms_per_request": round(generator_cpu * per_request, 2),
        "requests": len(ordered), "p50_ms": percentile(ordered, 0.50), "p95_ms": percentile(ordered, 0.95),
        "p99_ms": percentile(ordered, 0.99), "max_ms": round(ordered[-1], 2) if ordered else None,
        "throughput_rps": round(len(ordered) / elapsed, 1), "errors": sum(errors.values()),
        "error_kinds": dict(errors), "seconds": round(elapsed, 1)}


async def generate(config: dict) -> dict:
    import aiohttp

    ids = array("q")
    ids.frombytes(Path(config["ids_file"]).read_bytes())
    expected = set(config["fields"])
    read_prefix = f"/api/v1/sharing/documents/{DOCUMENT_TYPE}/"

    def read_path(rng):
        return read_prefix + str(ids[rng.randrange(len(ids))])

    def read_ok(body: bytes) -> bool:
        try:
            return set(json.loads(body)["fields"]) == expected
        except (ValueError, KeyError, TypeError):
            return False

    def healthz_ok(body: bytes) -> bool:
        return b'"ok"' in body

    timeout = aiohttp.ClientTimeout(total=60)
    sessions = [aiohttp.ClientSession(base_url=config["base_url"], timeout=timeout,
                                      connector=aiohttp.TCPConnector(limit=1, keepalive_timeout=60),
                                      headers={"Authorization": f"Bearer {config['token']}"})
                for _ in range(config["clients"])]
    think = config["think_ms"] / 1000
    pids = config["server_pids"]
    try:
        await run_phase(sessions, path_of=read_path, check=read_ok, think_s=think, seconds=config["warmup_seconds"],
                        rng_seed=1, server_pids=pids)
        open_phase = await run_phase(sessions, path_of=read_path, check=read_ok, think_s=think,
                                     seconds=config["seconds"], rng_seed=2, server_pids=pids)
        closed = await run_phase(sessions, path_of=read_path, check=read_ok, think_s=0,
                                 seconds=config["closed_seconds"], rng_seed=3, server_pids=pids)
        baseline = await run_phase(sessions, path_of=lambda rng: "/healthz", check=healthz_ok, think_s=0,
                                   seconds=config["baseline_seconds"], rng_seed=4, server_pids=pids)
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return {"open": open_phase, "closed": closed, "baseline": baseline}


def load_generator_main(config_path: str) -> None:
    config = json.loads(Path(config_path).read_text())
    print(json.dumps(asyncio.run(generate(config))))


# --- the run ----------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 contracts, 50 clients, shorter phases")
    parser.add_argument("--contracts", "--documents", type=int, dest="contracts")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--think-ms", type=float, default=1000, help="mean think time per client (default 1000)")
    parser.add_argument("--seconds", type=float, help="measured think-time load (default 60; quick 20)")
    parser.add_argument("--closed-seconds", type=float, help="closed-loop phase (default 20; quick 10)")
    parser.add_argument("--baseline-seconds", type=float, help="/healthz closed loop (default 10; quick 5)")
    parser.add_argument("--warmup-seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="gunicorn worker processes (default: one per core)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    parser.add_argument("--load-generator", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_generator:
        load_generator_main(args.load_generator)
        return
    contracts = args.contracts or (100_000 if args.quick else 1_000_000)
    clients = args.clients or (50 if args.quick else 200)
    seconds = args.seconds or (20 if args.quick else 60)
    closed_seconds = args.closed_seconds or (10 if args.quick else 20)
    baseline_seconds = args.baseline_seconds or (5 if args.quick else 10)

    load_before_seed = os.getloadavg()
    ensure_database(drop=False)
    token, ids, fields, seed_seconds = seed(contracts)
    load_at_start = os.getloadavg()
    scratch = Path(tempfile.mkdtemp(prefix="zhili_bench_sharing_"))
    ids_file = scratch / "ids.bin"
    ids_file.write_bytes(array("q", ids).tobytes())
    port = free_port()
    server = start_server(port, args.workers, args.threads, scratch / "gunicorn.log")
    try:
        config = {"base_url": f"http://127.0.0.1:{port}", "token": token, "ids_file": str(ids_file),
                  "fields": fields, "clients": clients, "think_ms": args.think_ms, "seconds": seconds,
                  "closed_seconds": closed_seconds, "baseline_seconds": baseline_seconds,
                  "warmup_seconds": args.warmup_seconds}
        config["server_pids"] = worker_pids(server.pid)
        (scratch / "config.json").write_text(json.dumps(config))
        generator = subprocess.run([sys.executable, __file__, "--load-generator", str(scratch / "config.json")],
                                   capture_output=True, text=True, cwd=ROOT, check=False)
        load_at_end = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=60)
    if generator.returncode != 0:
        raise SystemExit(f"load generator failed:\n{generator.stderr[-3000:]}")
    phases = json.loads(generator.stdout)
    shutil.rmtree(scratch, ignore_errors=True)
    open_phase, closed, baseline = phases["open"], phases["closed"], phases["baseline"]
    import gunicorn

    result = {
        "contracts": len(ids), "document_type": DOCUMENT_TYPE, "matter": MATTER, "granted_fields": fields,
        "clients": clients, "think_ms_mean": args.think_ms,
        "offered_rps": round(clients / (args.think_ms / 1000), 1) if args.think_ms else None,
        "requests": open_phase["requests"], "p50_ms": open_phase["p50_ms"], "p95_ms": open_phase["p95_ms"],
        "p99_ms": open_phase["p99_ms"], "max_ms": open_phase["max_ms"],
        "throughput_rps": open_phase["throughput_rps"], "errors": open_phase["errors"],
        "error_kinds": open_phase["error_kinds"],
        "closed_loop_requests": closed["requests"], "closed_loop_p50_ms": closed["p50_ms"],
        "closed_loop_p95_ms": closed["p95_ms"], "closed_loop_p99_ms": closed["p99_ms"],
        "closed_loop_throughput_rps": closed["throughput_rps"], "closed_loop_errors": closed["errors"],
        "baseline": "GET /healthz (Django + middleware + SELECT 1), same server, clients and closed loop",
        "baseline_throughput_rps": baseline["throughput_rps"], "baseline_p50_ms": baseline["p50_ms"],
        "baseline_errors": baseline["errors"],
        "baseline_ratio": round(baseline["throughput_rps"] / closed["throughput_rps"], 2)
        if closed["throughput_rps"] else None,
        "server": f"gunicorn {gunicorn.__version__} gthread", "server_workers": args.workers,
        "server_threads": args.threads,
        "cpu_ms_per_read": {"server": closed["server_cpu_ms_per_request"],
                            "database": closed["database_cpu_ms_per_request"],
                            "load_generator": closed["generator_cpu_ms_per_request"]},
        "cpu_ms_per_healthz": {"server": baseline["server_cpu_ms_per_request"],
                               "database": baseline["database_cpu_ms_per_request"],
                               "load_generator": baseline["generator_cpu_ms_per_request"]},
        "server_worker_cpu_s_closed_loop": closed["server_worker_cpu_s"],
        "phase_seconds": {"warmup": args.warmup_seconds, "think_time": open_phase["seconds"],
                          "closed_loop": closed["seconds"], "baseline": baseline["seconds"]},
        "database": "postgresql", "debug": False, "cpus": os.cpu_count(), "seed_seconds": round(seed_seconds, 1),
        "loadavg_before_seed": [round(x, 2) for x in load_before_seed],
        "loadavg_at_start": [round(x, 2) for x in load_at_start],
        "loadavg_at_end": [round(x, 2) for x in load_at_end],
        "target_p95_ms": TARGET_P95_MS,
        "target_met": bool(open_phase["p95_ms"] is not None and open_phase["p95_ms"] <= TARGET_P95_MS
                           and open_phase["errors"] == 0),
    }
    print(json.dumps(result, ensure_ascii=False))
    if not args.keep:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
