"""zhili synth_relief_match --persons N --out DIR: a synthetic county's department data with planted truth."""

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "生成助共体的模拟部门数据（含植入的困难家庭与真值文件）"

    def add_arguments(self, parser):
        parser.add_argument("--persons", type=int, default=450_000)
        parser.add_argument("--out", required=True)
        parser.add_argument("--date", default="2025-12-31", help="评估日，如 2025-12-31")
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, persons, out, date, seed, **options):
        from zhili.scenes.relief_match.synth import generate

        try:
            on = dt.date.fromisoformat(date)
        except ValueError as problem:
            raise CommandError("--date：应为 YYYY-MM-DD 格式的日期") from problem
        if persons < 10:
            raise CommandError("--persons：至少 10 人")
        summary = generate(out, persons=persons, on=on, seed=seed)
        text = json.dumps(summary, ensure_ascii=False)
        (Path(out) / "summary.json").write_text(text, encoding="utf-8")
        self.stdout.write(text)
