"""Load the industry classification (GB/T 4754-2017) from CSV."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.orgs import loaders, services


class Command(BaseCommand):
    help = "导入国民经济行业分类（GB/T 4754-2017，CSV 列：code,name,level,parent_code；可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(loaders.INDUSTRIES_CSV),
                            help="CSV 文件路径（默认：内置门类与大类表）")

    def handle(self, *args, path, **options):
        try:
            report = services.import_industries(loaders.read_csv(path), actor=None, source=str(path))
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except loaders.CodeListError as exc:
            raise CommandError("行业代码表有错误，未导入任何数据：\n" + "\n".join(exc.errors)) from None
        self.stdout.write(self.style.SUCCESS(
            f"国民经济行业：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}（共 {report.total} 行）"))
