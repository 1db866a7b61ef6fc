"""zhili evaluate_labor_risk [--period-end DATE] [--engine duckdb|postgres|pyspark]: run the nightly evaluation."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "运行劳动关系风险预警评估（默认上月末），等级上升生成预警，红橙色预警自动派单"

    def add_arguments(self, parser):
        parser.add_argument("--period-end", default="")
        parser.add_argument("--engine", default="duckdb", choices=("duckdb", "postgres", "pyspark"))

    def handle(self, *args, period_end, engine, **options):
        from zhili.scenes.labor_risk.services import evaluate_labor_risk

        if period_end:
            try:
                end = dt.date.fromisoformat(period_end)
            except ValueError as problem:
                raise CommandError("--period-end：应为 YYYY-MM-DD 格式的日期") from problem
        else:
            end = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        run = evaluate_labor_risk(end, actor="command:evaluate_labor_risk", engine=engine)
        self.stdout.write(json.dumps({"run": run.pk, "period": run.period, "entities": run.entity_count,
                                      "changed": run.changed_count}, ensure_ascii=False))
