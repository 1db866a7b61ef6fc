"""zhili run_relief_match [--date D] [--engine E]: facts, discovery and matching for the county; store warnings."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "助共体：从数据池计算家庭事实，主动发现并匹配帮扶政策，预警推送为工单"

    def add_arguments(self, parser):
        parser.add_argument("--date", default=None, help="评估日（默认今天），如 2025-12-31")
        parser.add_argument("--engine", default="duckdb", choices=["duckdb", "postgres", "pyspark"])

    def handle(self, *args, date, engine, **options):
        from zhili.core.policy.api import get_domain
        from zhili.scenes.relief_match.engine import run_county
        from zhili.scenes.relief_match.services import record_county_run

        try:
            on = dt.date.fromisoformat(date) if date else dt.date.today()
        except ValueError as problem:
            raise CommandError("--date：应为 YYYY-MM-DD 格式的日期") from problem
        run = run_county(get_domain("relief_match"), on, engine=engine, refresh=engine != "duckdb")
        report = record_county_run(run, actor="relief_match.run")
        report.update(households=run.households, matches=sum(c["eligible"] for c in run.matches.counts().values()),
                      seconds={k: round(v, 2) for k, v in run.timings.items()})
        self.stdout.write(json.dumps(report, ensure_ascii=False))
