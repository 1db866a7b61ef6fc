"""manage.py restore DIR [--replace]: restore a backup made by ``manage.py backup`` after checking its hashes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "从 manage.py backup 的备份目录恢复数据库与 var/ 文件（先核对清单哈希与密钥指纹）"

    def add_arguments(self, parser):
        parser.add_argument("source", help="备份目录")
        parser.add_argument("--replace", action="store_true", help="目标数据库非空时仍然覆盖")

    def handle(self, *args, source, replace, **options):
        from zhili.core.foundation import audit
        from zhili.core.ops.backup import BackupError, restore_backup

        try:
            manifest = restore_backup(Path(source), replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit.record("ops.backup.restored", actor="command:restore",
                     data={"source": str(source)[:200], "created_at": manifest["created_at"],
                           "ledger": manifest["ledger"]})
        self.stdout.write(self.style.SUCCESS(
            f"恢复完成：{manifest['created_at']} 的备份（账本 {manifest['ledger']['tree_size']} 条）。"
            "请运行 manage.py ledger_audit 核对账本"))
