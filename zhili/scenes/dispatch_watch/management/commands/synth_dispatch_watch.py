"""``manage.py synth_dispatch_watch``: a county's agencies, hosts and rosters through the services (planted
violations), or with ``--province DIR`` the benchmark's Parquet files."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "生成劳务派遣监管的合成数据（默认 155 家派遣单位；--province 生成全省规模的 Parquet 文件）"

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=155)
        parser.add_argument("--hosts", type=int, default=300)
        parser.add_argument("--workers-per-agency", type=int, default=12)
        parser.add_argument("--county", default="500107", help="区县区划代码（须已导入）")
        parser.add_argument("--seed", type=int, default=26)
        parser.add_argument("--province", type=Path, help="写出全省规模 Parquet 文件的目录")
        parser.add_argument("--workers", type=int, default=1_000_000, help="全省规模的被派遣劳动者人数")

    def handle(self, *args, **options):
        from zhili.core.orgs.api import region_by_code

        from ...synth import generate_province, synthesize_county

        day = timezone.localdate()
        if options["province"]:
            figures = generate_province(options["province"], agencies=options["agencies"], workers=options["workers"],
                                        day=day, seed=options["seed"])
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
            return
        county = region_by_code(options["county"])
        if county is None:
            raise CommandError(f"未知的区划代码 {options['county']}：请先导入区划")
        report = synthesize_county(county=county, agencies=options["agencies"], hosts=options["hosts"],
                                   workers_per_agency=options["workers_per_agency"], day=day, seed=options["seed"])
        self.stdout.write(json.dumps({"agencies": report.agencies, "hosts": report.hosts, "workers": report.workers,
                                      "planted": len(report.planted), "day": dt.date.isoformat(day)},
                                     ensure_ascii=False))
