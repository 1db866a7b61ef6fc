"""Write a synthetic county for 智慧助残 and load it into the data pool: ``manage.py synth_disability_aid``."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand

from ...synth import load, synthesize


class Command(BaseCommand):
    help = "写入智慧助残合成数据（县域人口、工伤与交通事故鉴定、诊断、残疾人证，含已知的疑似残疾人）并导入数据池"

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=600_000)
        parser.add_argument("--records", type=int, default=40_000_000)
        parser.add_argument("--certificates", type=int, default=21_000)
        parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date(2026, 11, 30))
        parser.add_argument("--seed", type=int, default=28)
        parser.add_argument("--folder", type=Path, default=Path("var/synth/disability_aid"))
        parser.add_argument("--bulk", action="store_true", help="直接写入 Parquet 快照（大规模），不逐行入库")

    def handle(self, *args, persons, records, certificates, on, seed, folder, bulk, **options):
        report = synthesize(folder, persons=persons, records=records, certificates=certificates, on=on, seed=seed)
        (folder / "truth.json").write_text(json.dumps(sorted(report.truth)), encoding="utf-8")
        load(report, actor="command:synth_disability_aid", bulk=bulk)
        self.stdout.write(json.dumps({"persons": report.persons, "records": report.records, "rows": report.rows,
                                      "planted_suspects": len(report.truth), "on": on.isoformat()},
                                     ensure_ascii=False))
