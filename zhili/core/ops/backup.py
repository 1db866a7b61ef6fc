"""Backups that restore: the database copied online, the files under var/, and a manifest with their hashes.

SQLite is copied with its online backup API (a consistent snapshot while the platform keeps writing: a plain copy
of the live file lost the transactions still in its write-ahead log); PostgreSQL with ``pg_dump`` in its custom
format, restored with ``pg_restore`` (the client must be at least the server's major version). The files under
``VAR_DIR`` (documents, snapshots; not the live database, not collected static files) go into ``files.tar``.
``manifest.json`` records every part's SHA-256 and size, the migrations, the ledger's size and root, and the
fingerprints of the keys the data needs: a restore refuses a backup whose parts do not match their hashes, and
one made under other keys (personal data and signer keys would not decrypt, checkpoints would not verify).

The keys are never in a backup: ZHILI_SECRET_KEY, ZHILI_PII_KEY, ZHILI_ESIGN_KEK and ZHILI_LEDGER_SIGNING_KEY
must be kept, apart from it, by whoever keeps the backups (docs/operations.md).
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES_TAR = "files.tar"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in Chinese."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def key_fingerprints() -> dict[str, str]:
    """SHA-256 fingerprints (first 16 hex digits) of the keys the data depends on; never the keys themselves."""
    from zhili.core.ledger import api as ledger

    def fingerprint(value: str) -> str:
        return hashlib.sha256(value.encode()).hexdigest()[:16]

    return {"ZHILI_SECRET_KEY": fingerprint(settings.SECRET_KEY), "ZHILI_PII_KEY": fingerprint(settings.PII_KEY),
            "ZHILI_ESIGN_KEK": fingerprint(settings.ESIGN_KEK), "ZHILI_LEDGER_SIGNING_KEY": ledger.verifier_key()}


def _database() -> dict:
    return connections["default"].settings_dict


def _live_database_files() -> set[Path]:
    if connection.vendor != "sqlite":
        return set()
    name = Path(str(_database()["NAME"])).resolve()
    return {name, Path(f"{name}-wal"), Path(f"{name}-shm"), Path(f"{name}-journal")}


def _pg_env_and_args() -> tuple[dict, list[str]]:
    db = _database()
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432),
            "-U", str(db.get("USER") or "postgres")]
    return env, args


def check_pg_client(tool: str = "pg_dump") -> str:
    """The client's version, after checking it is at least the server's major version."""
    if shutil.which(tool) is None:
        raise BackupError(f"找不到 {tool}：请安装与服务器同版本的 postgresql-client（bin/up 会安装 postgresql-client-15）")
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    client_major = int(output.split()[-1].split(".")[0])
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server_major = int(cursor.fetchone()[0]) // 10000
    if client_major < server_major:
        raise BackupError(f"{tool} 版本 {client_major} 低于数据库服务器版本 {server_major}，"
                          f"请安装 postgresql-client-{server_major}")
    return output


def _migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def _ledger_state() -> dict:
    from zhili.core.ledger import api as ledger

    size = ledger.tree_size()
    return {"tree_size": size, "root_hash": ledger.root(size).hex() if size else ""}


def create_backup(target: Path) -> dict:
    """Write a backup into the new directory ``target`` and return its manifest."""
    target = Path(target)
    if connection.in_atomic_block:  # SQLite's backup would wait forever on its own open write transaction
        raise BackupError("不能在事务中备份：请在事务之外运行 manage.py backup")
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 已存在且不为空")
    target.mkdir(parents=True, exist_ok=True)
    parts = {}
    if connection.vendor == "sqlite":
        path = target / SQLITE_FILE
        destination = sqlite3.connect(path)
        try:
            connection.ensure_connection()
            connection.connection.backup(destination)  # the online backup API: one consistent snapshot
        finally:
            destination.close()
        parts["database"] = path
    elif connection.vendor == "postgresql":
        tool = check_pg_client("pg_dump")
        env, args = _pg_env_and_args()
        path = target / PG_FILE
        result = subprocess.run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", *args, "-f", str(path),
                                 str(_database()["NAME"])], env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败（{tool}）：{result.stderr.strip()[-500:]}")
        parts["database"] = path
    else:
        raise BackupError(f"不支持的数据库：{connection.vendor}")
    parts["files"], file_count = _pack_var_files(target)
    manifest = {
        "format": FORMAT, "created_at": timezone.now().isoformat(), "engine": connection.vendor,
        "parts": {name: {"file": path.name, "sha256": sha256_of(path), "size": path.stat().st_size}
                  for name, path in parts.items()},
        "file_count": file_count, "migrations": _migrations(), "ledger": _ledger_state(), "keys": key_fingerprints(),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _pack_var_files(target: Path) -> tuple[Path, int]:
    var = Path(settings.VAR_DIR).resolve()
    skip = _live_database_files() | {Path(settings.STATIC_ROOT).resolve(), target.resolve()}
    path, count = target / FILES_TAR, 0
    with tarfile.open(path, "w") as archive:
        if var.is_dir():
            for item in sorted(var.rglob("*")):
                resolved = item.resolve()
                if resolved in skip or any(parent in skip for parent in resolved.parents) or not item.is_file():
                    continue
                if item.suffix in (".sqlite3", ".sqlite3-wal", ".sqlite3-shm"):
                    continue  # other databases (test runs) are not the platform's data
                archive.add(item, arcname=str(item.relative_to(var)))
                count += 1
    return path, count


def read_manifest(source: Path) -> dict:
    """The backup's manifest, after checking every part against its hash."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} 中没有可读的 {MANIFEST}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')}")
    for name, part in manifest["parts"].items():
        path = source / part["file"]
        if not path.is_file() or path.stat().st_size != part["size"] or sha256_of(path) != part["sha256"]:
            raise BackupError(f"备份部件 {part['file']}（{name}）与清单中的哈希不符，备份已损坏或被改动")
    return manifest


def restore_backup(source: Path, *, replace: bool = False) -> dict:
    """Restore the backup at ``source`` into the configured (empty, unless ``replace``) database and VAR_DIR."""
    source = Path(source)
    manifest = read_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['engine']}，当前数据库为 {connection.vendor}")
    current = key_fingerprints()
    # SECRET_KEY only signs sessions and short-lived codes: a new one logs everybody out, it loses no data.
    different = [name for name, value in manifest["keys"].items()
                 if name != "ZHILI_SECRET_KEY" and current.get(name) != value]
    if different:
        raise BackupError("备份是在另一组密钥下制作的：{names}。请先设置制作备份时的密钥，否则个人信息与签名密钥无法解密、"
                          "检查点无法验证".format(names="、".join(different)))
    if not replace and connection.introspection.table_names():
        raise BackupError("目标数据库不是空的；确认覆盖时使用 --replace")
    database = source / manifest["parts"]["database"]["file"]
    if connection.vendor == "sqlite":
        _restore_sqlite(database)
    else:
        _restore_postgres(database)
    _unpack_var_files(source / manifest["parts"]["files"]["file"])
    return manifest


def _restore_sqlite(database: Path) -> None:
    target = Path(str(_database()["NAME"]))
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    live = sqlite3.connect(target)
    try:
        backup.backup(live)  # page by page into the live file, through SQLite (its WAL stays consistent)
    finally:
        live.close()
        backup.close()


def _restore_postgres(database: Path) -> None:
    tool = check_pg_client("pg_restore")
    connections.close_all()
    env, args = _pg_env_and_args()
    result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--exit-on-error",
                             *args, "-d", str(_database()["NAME"]), str(database)],
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败（{tool}）：{result.stderr.strip()[-500:]}")


def _unpack_var_files(path: Path) -> None:
    var = Path(settings.VAR_DIR)
    var.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path) as archive:
        archive.extractall(var, filter="data")  # no absolute paths, no "..", no links out of var/


def default_target() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR).parent / "backups" / f"zhili-{stamp}"
