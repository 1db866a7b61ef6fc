from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhili.core.sharing.services import import_matters

SEED_FILE = Path(__file__).resolve().parents[2] / "data" / "matters.csv"


class Command(BaseCommand):
    help = "导入共享事项目录（CSV 或 XLSX；按事项编码新增或更新）"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SEED_FILE), help="CSV 或 XLSX 文件；不给则导入内置的六项")
        parser.add_argument("--no-type-check", action="store_true", help="不检查文档类型是否已注册")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"文件不存在：{path}")
        try:
            report = import_matters(path.read_bytes(), file_name=path.name, actor=None,
                                    check_types=not options["no_type_check"])
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        if report.errors:
            for line, reason in report.errors:
                self.stderr.write(f"第 {line} 行：{reason}")
            raise CommandError(f"{len(report.errors)} 行有误，未导入任何数据")
        self.stdout.write(f"导入完成：新增 {report.created} 项，更新 {report.updated} 项")
