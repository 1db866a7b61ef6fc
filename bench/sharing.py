"""Benchmark: parties fetching granted document data over loopback; print one JSON object.

    python bench/sharing.py [--quick] [--documents N] [--clients N] [--requests-per-client N] [--keep]

Seeds a scratch PostgreSQL database ``zhili_bench_sharing`` with N documents of the dummy scene's
``dummy.document`` type (the labor_contract type needs its scene; the read path in core.sharing is the same),
one valid grant per document to a bank, and one bank API client with a bearer token. Then it starts the
Django server (``manage.py runserver --noreload``, threaded; a WSGI server such as gunicorn is not installed)
and C concurrent clients each make R ``GET /api/v1/sharing/documents/dummy.document/{id}`` calls for random
granted documents. Every call is a full read: token check, grant look-up, field read, access-log rows and an
audit entry written.

Default (the issue's figure): 1,000,000 documents, 200 clients; ``--quick``: 100,000 documents, 50 clients.
Target (issue #5): p95 ≤ 50 ms, no errors. ``--keep`` keeps the database for the next run (seeding is skipped
when it already holds the documents).
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "zhili_bench_sharing"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def environment() -> dict:
    env = dict(os.environ)
    env.update({"ZHILI_TESTING": "1", "ZHILI_DEBUG": "0", "ZHILI_LOG_LEVEL": "ERROR",
                "ZHILI_DATABASE_URL": f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}", "ZHILI_SCENES": ""})
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


def seed(documents: int) -> tuple[str, list[int]]:
    """Create (or reuse) the documents, grants, bank and token; return the token and the document ids."""
    os.environ.update(environment())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from zhili.core.identity import services as identity
    from zhili.core.identity.models import User
    from zhili.core.orgs.choices import OrganizationKind, RegionLevel
    from zhili.core.orgs.models import Organization, Region
    from zhili.core.sharing.models import Grant, Matter
    from zhili.core.testing.dummy_scene.models import DummyDocument

    region, _ = Region.objects.get_or_create(code="330182", defaults={"name": "建德市", "level": RegionLevel.COUNTY})
    bank, _ = Organization.objects.get_or_create(kind=OrganizationKind.BANK, name="建德农商银行（基准）",
                                                 defaults={"region": region})
    employer, _ = Organization.objects.get_or_create(kind=OrganizationKind.OTHER, name="基准测试企业",
                                                     defaults={"region": region})
    matter, _ = Matter.objects.get_or_create(code="bench_loan", defaults={
        "name": "基准贷款", "department_name": "建德农商银行", "legal_basis": "《个人信息保护法》第十三条",
        "document_type": "dummy.document", "fields": ["title", "state"]})
    have = DummyDocument.objects.count()
    if have < documents:
        people = 1000
        users = list(User.objects.filter(username__startswith="bench_worker_").order_by("id"))
        if not users:
            User.objects.bulk_create([User(username=f"bench_worker_{i}", name=f"基准劳动者{i}")
                                      for i in range(people)], batch_size=1000)
            users = list(User.objects.filter(username__startswith="bench_worker_").order_by("id"))
        expires = timezone.now() + timezone.timedelta(days=365)
        batch = 10000
        for start in range(have, documents, batch):
            stop = min(start + batch, documents)
            created = DummyDocument.objects.bulk_create([
                DummyDocument(title=f"{users[i % people].username}/基准合同{i}", organization=employer,
                              state="published") for i in range(start, stop)])
            Grant.objects.bulk_create([
                Grant(worker=users[i % people], party=bank, matter=matter, document_type="dummy.document",
                      object_id=str(doc.pk), document_label=f"基准合同{i}", fields=["title", "state"],
                      expires_at=expires) for i, doc in zip(range(start, stop), created, strict=True)])
    client, secret = identity.register_api_client(name="基准银行系统", organization=bank, scopes=["sharing.read"])
    _access, token = identity.issue_token(client.client_id, secret)
    ids = list(DummyDocument.objects.order_by("id").values_list("id", flat=True)[:documents])
    return token, ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
                              env=environment(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import requests

    for _ in range(300):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code < 500:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start")


def run_clients(port: int, token: str, ids: list[int], clients: int, per_client: int) -> tuple[list[float], int]:
    import requests

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def work(seed_value: int):
        nonlocal errors
        rng = random.Random(seed_value)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        mine, bad = [], 0
        for _ in range(per_client):
            url = f"http://127.0.0.1:{port}/api/v1/sharing/documents/dummy.document/{rng.choice(ids)}"
            started = time.perf_counter()
            try:
                response = session.get(url, timeout=30)
                ok = response.status_code == 200 and "title" in response.json()["fields"]
            except (requests.RequestException, ValueError, KeyError):
                ok = False
            mine.append((time.perf_counter() - started) * 1000)
            bad += not ok
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--documents", type=int)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--requests-per-client", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database for the next run")
    args = parser.parse_args()
    documents = args.documents or (100_000 if args.quick else 1_000_000)
    clients = args.clients or (50 if args.quick else 200)

    ensure_database(drop=False)
    seeding_started = time.perf_counter()
    token, ids = seed(documents)
    seed_seconds = time.perf_counter() - seeding_started
    port = free_port()
    server = start_server(port)
    try:
        run_clients(port, token, ids, min(clients, 10), 5)  # warm-up: connections, caches
        started = time.perf_counter()
        latencies, errors = run_clients(port, token, ids, clients, args.requests_per_client)
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)
    result = {
        "contracts": len(ids), "document_type": "dummy.document", "clients": clients, "requests": len(latencies),
        "p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "throughput_rps": round(len(latencies) / elapsed, 1), "errors": errors, "server": "runserver (threaded)",
        "database": "postgresql", "seed_seconds": round(seed_seconds, 1), "target_p95_ms": 50,
    }
    print(json.dumps(result, ensure_ascii=False))
    if not args.keep:
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
