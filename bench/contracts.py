"""Benchmark the labor contract scene (issue #4, Speed); print one JSON object.

    python bench/contracts.py [--quick] [--rows N] [--send N] [--clients N] [--requests N] [--workers N]

Three measurements, each in its own child process on a scratch database (so its peak memory is its own):

- ``import``: 存量合同录入 of ``--rows`` existing contracts (82,230, 建德's count; ``--quick`` 8,223) from an
  XLSX this script writes, through ``services.import_existing_contracts`` (every row normalised, checked,
  encrypted, blind-indexed, idempotency-keyed, bulk-inserted; the result sheet written). Run on a SQLite file
  under /tmp and on the PostgreSQL database ``zhili_bench_contracts`` when 127.0.0.1:5432 answers.
  ``import_s`` is the call's wall time; ``import_peak_mb`` the child's peak resident memory (whole process,
  Django included).
- ``send``: ``--send`` drafts (3,000; ``--quick`` 300) are sent with ``services.send_contracts`` (short
  link, SMS in the outbox, status history, audit, ledger; committed in chunks), which queues the PDF rendering
  (WeasyPrint, PDF/A, CJK subset) for the task workers; ``--workers`` ``manage.py db_worker`` processes
  (default: the CPU count), started beforehand as in a deployment, render and store every PDF. ``send_s`` runs
  from the call until the last PDF is stored: the full run really sends and renders 3,000. ``send_only_s`` is
  the call itself, ``render_cpu_per_pdf_ms`` the workers' CPU per PDF. Baseline, same run:
  ``baseline_serial_render_ms`` (one process rendering PDFs one after another) and ``send_speedup_vs_serial``.
- ``sign_page``: gunicorn (gthread, ``--server-processes`` × ``--server-threads``; ZHILI_DEBUG=0, so the
  cached template loader, WhiteNoise for static files) serves the app on 127.0.0.1; ``--clients`` (20)
  concurrent logged-in workers each GET their own contract's reading page (``/labor_contract/s/<number>/read/``:
  contract HTML, PDF digest, reject form; real-name and disclosure steps done, the PDF already rendered, the
  signature step excluded) ``--requests`` times. ``sign_page_p95_ms`` is the 95th percentile of all response
  times (the clients run in a separate process from the server); ``load_average`` is printed with the result.

Targets: import 82,230 ≤ 60 s on SQLite and on PostgreSQL with peak ≤ 1 GB; send 3,000 with PDF rendering
≤ 120 s; sign page p95 ≤ 150 ms.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from runenv import production_mode

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
PG_NAME = "zhili_bench_contracts"
TARGETS = {"import_s": 60, "import_peak_mb": 1024, "send_s": 120, "sign_page_p95_ms": 150}
FULL = {"rows": 82_230, "send": 3_000}


production_mode()  # here, so that every phase and the processes it starts share the run's keys


# --- scratch databases -------------------------------------------------------------------------------------

def postgres_url() -> str | None:
    """A fresh ``zhili_bench_contracts`` database, or None when PostgreSQL is not reachable."""
    try:
        import psycopg

        with psycopg.connect(PG_SERVER + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    except Exception as exc:  # noqa: BLE001 - any failure means no PostgreSQL for this run
        print(f"PostgreSQL unreachable ({exc.__class__.__name__})", file=sys.stderr)
        return None
    return f"{PG_SERVER}/{PG_NAME}"


def drop_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_SERVER + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


def sqlite_url(folder: str, name: str) -> str:
    return f"sqlite:///{Path(folder) / name}"


def setup_django(url: str, var_dir: str, *, migrate: bool = True) -> None:
    os.environ["ZHILI_DATABASE_URL"] = url
    os.environ["ZHILI_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhili.settings"
    os.environ.setdefault("ZHILI_LEDGER_CHECKPOINT_EVERY", "0")
    os.environ.setdefault("ZHILI_LOG_LEVEL", "ERROR")
    os.environ.setdefault("ZHILI_TSA_URL", "")
    os.environ.setdefault("ZHILI_SCENES", "labor_contract")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def cast():
    """The employer (建德), its HR administrator."""
    from zhili.core.identity.choices import Role
    from zhili.core.testing.factories import EnterpriseFactory, MembershipFactory, RegionFactory, UserFactory

    region = RegionFactory(code="330182", name="建德市")
    employer = EnterpriseFactory(region=region, name="建德市基准测试有限公司")
    hr = UserFactory(name="李娜", username="bench_hr", phone="13800000002")
    MembershipFactory(user=hr, role=Role.EMPLOYER_ADMIN, organization=employer)
    return employer, hr


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- the input sheets ---------------------------------------------------------------------------------------

def id_number(sequence: int) -> str:
    """A valid 18-digit ID number (GB 11643 check digit) of someone born 1970–1999."""
    year, month, day = 1970 + sequence % 30, 1 + sequence // 30 % 12, 1 + sequence // 360 % 28
    body = f"330182{year}{month:02d}{day:02d}{sequence // 10_080 % 1000:03d}"  # unique below 10,080,000
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def write_existing_sheet(path: Path, rows: int) -> None:
    """An XLSX of ``rows`` existing contracts (unique ID number and start date per row)."""
    from openpyxl import Workbook

    from zhili.scenes.labor_contract import importing

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("存量合同")
    sheet.append([h for h, _n, _r in importing.EXISTING_CONTRACT_COLUMNS])
    for i in range(rows):
        start = f"{2015 + i % 10}-{1 + i % 12:02d}-01"
        sheet.append([f"职工{i:06d}", id_number(i), f"139{i % 100_000_000:08d}", "操作工", "建德市新安江街道",
                      "固定期限", start, f"{2018 + i % 10}-{1 + i % 12:02d}-01", "0", "标准工时制", "4500",
                      start, ""])
    workbook.save(path)


def write_new_sheet(rows: int) -> bytes:
    import io

    from openpyxl import Workbook

    from zhili.scenes.labor_contract import importing

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("新签合同")
    sheet.append([h for h, _n, _r in importing.NEW_CONTRACT_COLUMNS])
    for i in range(rows):
        sheet.append([f"新员工{i:05d}", id_number(500_000 + i), f"137{i:08d}", "操作工", "建德市新安江街道", "固定期限",
                      "2026-03-01", "2029-02-28", "", "3", "标准工时制", "5000", "4000"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the phases (each a child process) ----------------------------------------------------------------------

def phase_import(url: str, var_dir: str, sheet: str) -> dict:
    setup_django(url, var_dir)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhili.scenes.labor_contract import services

    employer, hr = cast()
    upload = SimpleUploadedFile("existing.xlsx", Path(sheet).read_bytes())
    started = time.perf_counter()
    result = services.import_existing_contracts(upload, employer=employer, actor=hr)
    elapsed = time.perf_counter() - started
    return {"import_s": round(elapsed, 2), "import_peak_mb": peak_mb(), "created": result.batch.created_count,
            "errors": result.batch.error_count}


def _start_task_workers(count: int) -> list[subprocess.Popen]:
    """``count`` task worker processes (``manage.py db_worker``, as deployed), returned once each polls the queue."""
    workers = [subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.1",
                                 "--no-startup-delay", "--no-reload", "-v", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
               for _ in range(count)]
    for worker in workers:
        line = worker.stdout.readline()
        if "Starting worker" not in line:
            raise SystemExit(f"task worker did not start: {line}{worker.stdout.read()[-2000:]}")
        threading.Thread(target=worker.stdout.read, daemon=True).start()  # drain, so a chatty worker never blocks
    return workers


def phase_send(url: str, var_dir: str, count: int, workers: int) -> dict:
    """Send ``count`` drafts the way 一键发约 does, with ``workers`` task workers rendering the PDFs the send
    queues; ``send_s`` runs from the call until the last PDF is stored."""
    setup_django(url, var_dir)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django_tasks_db.models import DBTaskResult

    from zhili.scenes.labor_contract import documents, services
    from zhili.scenes.labor_contract.models import ContractDocument

    employer, hr = cast()
    batch = services.import_contract_batch(SimpleUploadedFile("new.xlsx", write_new_sheet(count)), employer=employer,
                                           actor=hr)
    drafts = list(batch.batch.contracts.select_related("employer", "template_version").order_by("pk"))
    services.create_default_template()
    pool = _start_task_workers(workers)
    try:
        # Baseline, same run: one process rendering PDFs one after another (after a warm-up render).
        sample = drafts[:min(11, len(drafts))]
        documents.render_contract_pdf(sample[0])
        cpu, started = time.process_time(), time.perf_counter()
        for contract in sample[1:]:
            documents.render_contract_pdf(contract)
        serial_ms = (time.perf_counter() - started) * 1000 / max(len(sample) - 1, 1)
        serial_cpu_ms = (time.process_time() - cpu) * 1000 / max(len(sample) - 1, 1)

        started = time.perf_counter()
        sent = services.send_contracts(drafts, actor=hr)
        send_only = time.perf_counter() - started
        ids = [c.pk for c in sent]
        rendered = 0
        while rendered < len(ids):
            failed = DBTaskResult.objects.failed().first()
            if failed is not None:
                raise SystemExit(f"render task failed: {failed.traceback[-3000:]}")
            if time.perf_counter() - started > 1800:
                raise SystemExit(f"only {rendered} of {len(ids)} PDFs rendered after 30 minutes")
            time.sleep(0.2)
            rendered = ContractDocument.objects.filter(contract_id__in=ids).count()
        total = time.perf_counter() - started
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait()
    workers_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"send_contracts": len(sent), "rendered": rendered, "send_s": round(total, 2),
            "send_only_s": round(send_only, 2), "render_workers": workers,
            "render_cpu_per_pdf_ms": round((workers_cpu.ru_utime + workers_cpu.ru_stime) * 1000 / max(rendered, 1), 1),
            "baseline_serial_render_ms": round(serial_ms, 1), "baseline_serial_render_cpu_ms": round(serial_cpu_ms, 1),
            "baseline_serial_s": round(serial_ms * len(sent) / 1000, 1),
            "send_speedup_vs_serial": round(serial_ms * len(sent) / 1000 / total, 2) if total else None}


def start_gunicorn(port: int, workers: int, threads: int, clients: int) -> subprocess.Popen:
    """The app under gunicorn on 127.0.0.1:``port`` (production settings from the environment: ZHILI_DEBUG=0, so
    Django's cached template loader; static files through WhiteNoise), returned once it accepts connections.

    Each worker holds at most its share of the ``clients`` keep-alive connections (``--worker-connections``):
    a gthread worker otherwise accepts every connection it can when they all arrive at once, and one process
    ends up serving most clients on one core while the other idles.
    """
    import math
    import socket

    per_worker = math.ceil(clients / workers) + threads
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "zhili.wsgi:application", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread",
                               "--worker-connections", str(per_worker),
                               "--preload", "--backlog", "256", "--log-level", "warning"], cwd=ROOT)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start within 60 s")


def phase_sign_page(url: str, var_dir: str, clients: int, requests_each: int, processes: int,
                    server_threads: int) -> dict:
    setup_django(url, var_dir)
    import socket

    import requests
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from zhili.core.testing.factories import UserFactory
    from zhili.scenes.labor_contract import services

    employer, hr = cast()
    batch = services.import_contract_batch(SimpleUploadedFile("new.xlsx", write_new_sheet(clients)), employer=employer,
                                           actor=hr)
    contracts = services.send_contracts(list(batch.batch.contracts.order_by("pk")), actor=hr)
    sessions = []
    for i, contract in enumerate(contracts):
        worker = UserFactory(name=contract.worker_name, username=f"bench_worker_{i}", phone=contract.worker_phone,
                             id_number=contract.worker_id_number)
        services.confirm_worker_identity(contract, name=contract.worker_name, id_number=contract.worker_id_number,
                                         actor=worker)
        services.acknowledge_disclosure(contract, actor=worker)
        services.ensure_contract_pdf(contract, actor=worker)
        login = Client()
        login.force_login(worker)
        sessions.append((contract.number, login.cookies[settings.SESSION_COOKIE_NAME].value))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from django.db import connections

    connections.close_all()
    server = start_gunicorn(port, processes, server_threads, clients)
    try:
        base = f"http://127.0.0.1:{port}"
        timings: list[float] = []
        failures = []
        lock = threading.Lock()

        def client(number: str, session: str) -> None:
            with requests.Session() as http:
                http.cookies.set(settings.SESSION_COOKIE_NAME, session)
                http.get(f"{base}/labor_contract/s/{number}/read/", timeout=30)  # warm-up, not counted
                mine = []
                for _ in range(requests_each):
                    started = time.perf_counter()
                    response = http.get(f"{base}/labor_contract/s/{number}/read/", timeout=30,
                                        allow_redirects=False)
                    mine.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        failures.append(response.status_code)
            with lock:
                timings.extend(mine)

        threads = [threading.Thread(target=client, args=s) for s in sessions]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    timings.sort()
    return {"sign_page_clients": clients, "sign_page_server": f"gunicorn gthread {processes}x{server_threads}", "sign_page_requests": len(timings),
            "sign_page_p50_ms": round(statistics.median(timings), 1),
            "sign_page_p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
            "sign_page_rps": round(len(timings) / wall, 1), "sign_page_non_200": len(failures)}


# --- the driver ---------------------------------------------------------------------------------------------

def child(args: list[str]) -> dict:
    """Run one phase in a fresh interpreter and return its JSON."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"phase {args[1]} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the workload")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--send", type=int)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="requests per client")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="task worker processes (db_worker) rendering the PDFs the send queues")
    parser.add_argument("--server-processes", type=int, default=os.cpu_count() or 1,
                        help="gunicorn worker processes (sign page)")
    parser.add_argument("--server-threads", type=int, default=4, help="threads per gunicorn worker (sign page)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--var", help=argparse.SUPPRESS)
    parser.add_argument("--sheet", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    args.rows = args.rows or FULL["rows"] // scale
    args.send = args.send or FULL["send"] // scale
    return args


def main() -> None:
    args = parse_args()
    if args.phase:
        sys.path.insert(0, str(ROOT))
        if args.phase == "import":
            print(json.dumps(phase_import(args.db, args.var, args.sheet)))
        elif args.phase == "send":
            print(json.dumps(phase_send(args.db, args.var, args.send, args.workers)))
        elif args.phase == "sign_page":
            print(json.dumps(phase_sign_page(args.db, args.var, args.clients, args.requests, args.server_processes,
                                             args.server_threads)))
        return

    folder = tempfile.mkdtemp(prefix="zhili-bench-contracts-")
    os.environ["ZHILI_VAR_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhili.settings")
    os.environ.setdefault("ZHILI_SCENES", "labor_contract")
    sys.path.insert(0, str(ROOT))
    import django

    os.environ["ZHILI_DATABASE_URL"] = sqlite_url(folder, "sheet.sqlite3")
    django.setup()
    sheet = Path(folder) / "existing.xlsx"
    started = time.perf_counter()
    write_existing_sheet(sheet, args.rows)
    out = {"quick": args.quick, "import_rows": args.rows, "sheet_mb": round(sheet.stat().st_size / 2**20, 1),
           "sheet_write_s": round(time.perf_counter() - started, 2)}

    sqlite_import = child(["--phase", "import", "--db", sqlite_url(folder, "import.sqlite3"), "--var", folder,
                           "--sheet", str(sheet)])
    out.update({"import_s": sqlite_import["import_s"], "import_peak_mb": sqlite_import["import_peak_mb"],
                "import_created": sqlite_import["created"], "import_database": "sqlite"})
    pg = postgres_url()
    if pg is not None:
        try:
            pg_import = child(["--phase", "import", "--db", pg, "--var", folder, "--sheet", str(sheet)])
            out.update({"import_s_postgresql": pg_import["import_s"],
                        "import_peak_mb_postgresql": pg_import["import_peak_mb"],
                        "import_created_postgresql": pg_import["created"]})
        finally:
            drop_postgres()
    else:
        out["import_s_postgresql"] = None

    out.update(child(["--phase", "send", "--db", sqlite_url(folder, "send.sqlite3"), "--var", folder,
                      "--send", str(args.send), "--workers", str(args.workers)]))
    out["send_database"] = "sqlite"
    out.update(child(["--phase", "sign_page", "--db", sqlite_url(folder, "sign.sqlite3"), "--var", folder,
                      "--clients", str(args.clients), "--requests", str(args.requests),
                      "--server-processes", str(args.server_processes),
                      "--server-threads", str(args.server_threads)]))
    out["sign_page_database"] = "sqlite"
    if args.quick:  # a tenth of the work; the full run measures the real 82,230 rows and 3,000 contracts
        out["projected_full"] = {
            "import_s": round(out["import_s"] * 10, 1),
            "import_s_postgresql": round(out["import_s_postgresql"] * 10, 1) if out.get("import_s_postgresql") else None,
            "send_s": round(out["send_s"] * 10, 1),
        }
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    out["targets"] = TARGETS
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
