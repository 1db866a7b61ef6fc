"""A backup restores into a fresh database whose ledger audits clean and whose contract PDF verifies."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from zhili.core.ops.api import BackupError, read_manifest
from zhili.scenes.labor_contract import services

ROOT = Path(settings.BASE_DIR)


def _manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)


def _fresh_database(tmp_path: Path):
    """A URL of an empty database of the same engine, and how to drop it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    server = f"postgresql://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"

    def run(statement: str) -> None:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(statement)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _signed_contract(hr_li, employer, worker_zhang):
    """A completed contract, signed on a thread of its own: pyHanko runs asyncio, and in a full run the
    session's Playwright browser keeps an event loop running on the main thread."""
    from django.db import connection as own

    from .conftest import contract_values, sign_through

    done = {}

    def work():
        try:
            contract = services.create_contract(contract_values(), employer=employer, actor=hr_li)
            done["contract"] = sign_through(contract, worker_zhang, hr_li)
        except Exception as exc:  # noqa: BLE001 - re-raised on the test's thread
            done["error"] = exc
        finally:
            own.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if "error" in done:
        raise done["error"]
    return done["contract"]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_that_passes_ledger_audit_and_verify(hr_li, employer, worker_zhang,
                                                                                       tmp_path, settings):
    completed_contract = _signed_contract(hr_li, employer, worker_zhang)
    settings.VAR_DIR = tmp_path / "backed-up-var"  # holds exactly the one scan below (signing wrote to the test's own)
    (settings.VAR_DIR / "media" / "scans").mkdir(parents=True)
    (settings.VAR_DIR / "media" / "scans" / "扫描件.pdf").write_bytes(b"%PDF-1.7 scan")
    call_command("ledger_checkpoint")
    pdf = tmp_path / "contract.pdf"
    pdf.write_bytes(bytes(services.completed_document(completed_contract).pdf))

    call_command("backup", str(tmp_path / "backup"))
    manifest = read_manifest(tmp_path / "backup")
    assert manifest["ledger"]["tree_size"] >= 4 and manifest["file_count"] == 1

    url, drop = _fresh_database(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("ZHILI_TESTING", "PYTEST_CURRENT_TEST")}
    env.update({"ZHILI_DATABASE_URL": url, "ZHILI_VAR_DIR": str(tmp_path / "restored-var"),
                "DJANGO_SETTINGS_MODULE": "zhili.settings", "ZHILI_LOG_LEVEL": "ERROR"})
    try:
        restored = _manage(env, "restore", str(tmp_path / "backup"))
        audited = _manage(env, "ledger_audit")
        verified = _manage(env, "verify", str(pdf), "--json")
    finally:
        drop()

    assert restored.returncode == 0, restored.stderr[-2000:]
    assert audited.returncode == 0 and "账本与全部检查点一致" in audited.stdout, audited.stderr[-2000:]
    assert verified.returncode == 0, verified.stderr[-2000:]
    assert json.loads(verified.stdout)["verdict"] == "valid"
    assert (tmp_path / "restored-var" / "media" / "scans" / "扫描件.pdf").read_bytes() == b"%PDF-1.7 scan"


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_part_was_changed_is_refused(tmp_path, settings):
    settings.VAR_DIR = tmp_path / "var"
    call_command("backup", str(tmp_path / "backup"))
    with open(tmp_path / "backup" / "files.tar", "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(BackupError, match="files.tar（files）与清单中的哈希不符"):
        read_manifest(tmp_path / "backup")
