"""zhili synth_labor_risk --enterprises N --out DIR: synthetic department data with planted risk patterns."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "生成劳动关系风险预警的模拟部门数据（含植入的风险样本与真值文件）"

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=1000)
        parser.add_argument("--out", required=True)
        parser.add_argument("--period-end", default="2025-06-30", help="评估期末日（月末），如 2025-06-30")
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--months", type=int, default=6, help="每家企业的月度记录月数（至少 6 个月）")

    def handle(self, *args, enterprises, out, period_end, seed, months, **options):
        from zhili.scenes.labor_risk.synth import generate

        try:
            end = dt.date.fromisoformat(period_end)
        except ValueError as problem:
            raise CommandError("--period-end：应为 YYYY-MM-DD 格式的日期") from problem
        if (end + dt.timedelta(days=1)).day != 1:
            raise CommandError("--period-end：应为某月的最后一天")
        if enterprises < 1:
            raise CommandError("--enterprises：应为正整数")
        if months < 6:
            raise CommandError("--months：至少 6 个月（指标读取最近两个季度的数据）")
        summary = generate(out, enterprises=enterprises, period_end=end, seed=seed, months=months)
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
