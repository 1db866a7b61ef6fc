"""manage.py backup [DIR]: an online backup of the database and var/ files, with a manifest of hashes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "在线备份数据库（SQLite 在线备份 API；PostgreSQL 用 pg_dump）与 var/ 下的文件，并写出带哈希的清单"

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", default="", help="备份目录（须不存在或为空），默认 backups/zhili-时间")

    def handle(self, *args, target, **options):
        from zhili.core.foundation import audit
        from zhili.core.ops.backup import BackupError, create_backup, default_target

        path = Path(target) if target else default_target()
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit.record("ops.backup.created", actor="command:backup",
                     data={"target": str(path)[:200], "parts": {k: v["sha256"] for k, v in manifest["parts"].items()},
                           "ledger": manifest["ledger"]})
        self.stdout.write(self.style.SUCCESS(
            f"备份完成：{path}（{manifest['engine']}，账本 {manifest['ledger']['tree_size']} 条，"
            f"文件 {manifest['file_count']} 个）"))
        self.stdout.write("密钥不在备份中：ZHILI_SECRET_KEY、ZHILI_PII_KEY、ZHILI_ESIGN_KEK、ZHILI_LEDGER_SIGNING_KEY "
                          "须另行妥善保管，恢复时必须相同")
