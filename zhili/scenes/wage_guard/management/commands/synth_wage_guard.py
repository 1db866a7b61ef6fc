"""Write a synthetic city for the 安薪在线 scene to Parquet: ``manage.py synth_wage_guard --out DIR``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from ...synth import write_city


class Command(BaseCommand):
    help = "写入安薪在线合成数据（项目、工人、一个月考勤，含已知问题），供 bench/wage_guard.py 与批量核查使用"

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--projects", type=int, default=1600)
        parser.add_argument("--workers", type=int, default=820_000)
        parser.add_argument("--seed", type=int, default=25)

    def handle(self, *args, out, projects, workers, seed, **options):
        truth = write_city(Path(out), projects=projects, workers=workers, seed=seed)
        self.stdout.write(json.dumps(truth, ensure_ascii=False))
