"""Load an official region code list (GB/T 2260, or the statistical 12-digit list) from CSV."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.orgs import loaders, services


class Command(BaseCommand):
    help = "导入行政区划代码表（CSV 列：code,name,level,parent_code；可重复运行，按代码更新）"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(loaders.ZHEJIANG_REGIONS_CSV),
                            help="CSV 文件路径（默认：内置浙江省区划表）")

    def handle(self, *args, path, **options):
        try:
            report = services.import_regions(loaders.read_csv(path), actor=None, source=str(path))
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except loaders.CodeListError as exc:
            raise CommandError("区划代码表有错误，未导入任何数据：\n" + "\n".join(exc.errors)) from None
        self.stdout.write(self.style.SUCCESS(
            f"行政区划：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}（共 {report.total} 行）"))
