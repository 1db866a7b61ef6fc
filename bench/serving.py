"""The application under gunicorn for a benchmark's load phase, and the CPU its processes use (read from /proc)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int, log_path: Path, *, env: dict,
                   extra: tuple[str, ...] = ()) -> subprocess.Popen:
    """gunicorn (gthread, ``workers`` × ``threads``) on 127.0.0.1:``port``, returned once /healthz answers; its output
    goes to ``log_path``."""
    command = [sys.executable, "-m", "gunicorn", "zhili.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads), *extra,
               "--keep-alive", "75", "--backlog", "2048", "--timeout", "120", "--log-level", "warning"]
    log = log_path.open("wb")
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not answer; see {log_path}")


def worker_pids(master: int) -> list[int]:
    """The worker processes of the gunicorn master ``master``."""
    try:
        return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds process ``pid`` has used (0 for one that is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
