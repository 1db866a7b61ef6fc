"""Computed aggregates kept as JSON files under ``VAR_DIR/dashboards/results/``, shared by every process.

A refresh job computes the common views once; the web processes read them instead of recomputing on every
page view. Keys name the facts version they were computed from, so a new refresh never serves stale figures.
"""

import hashlib
import json
import os
import threading
import time
from pathlib import Path

from django.conf import settings

KEEP_SECONDS = 2 * 24 * 3600


def _path(key: str) -> Path:
    digest = hashlib.sha256(key.encode()).hexdigest()
    return Path(settings.VAR_DIR) / "dashboards" / "results" / digest[:2] / f"{digest}.json"


def cached_result(key: str):
    """The stored result for ``key``, or None."""
    try:
        return json.loads(_path(key).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def store_result(key: str, data) -> None:
    path = _path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    partial.replace(path)


def prune_results(max_age: float = KEEP_SECONDS) -> int:
    """Delete stored results older than ``max_age`` seconds; return how many."""
    root = Path(settings.VAR_DIR) / "dashboards" / "results"
    cutoff, removed = time.time() - max_age, 0
    for path in root.glob("*/*.json") if root.exists() else []:
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
