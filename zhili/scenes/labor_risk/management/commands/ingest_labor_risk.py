"""zhili ingest_labor_risk DIR: load the regions and every lr_*.csv in DIR through the data pool."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "导入劳动关系风险预警的部门数据目录（regions.csv 与各 lr_*.csv），并同步监测企业名册"

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        from zhili.scenes.labor_risk.loading import load_directory

        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(f"目录不存在：{folder}")
        report = load_directory(folder, actor="command:ingest_labor_risk")
        self.stdout.write(json.dumps(report, ensure_ascii=False))
        if report["failed"]:
            raise CommandError("以下数据集导入失败：" + "、".join(report["failed"]))
