"""Refresh declared fact tables: ``manage.py refresh_facts [code ...] [--if-dirty] [--full]`` (run it every minute)."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.dashboards.facts import fact_tables
from zhili.core.dashboards.services import refresh_dirty_facts, refresh_facts


class Command(BaseCommand):
    help = "刷新统计事实表（增量；--full 全量重建；--if-dirty 只刷新有变更的表）"

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="事实表代码，缺省为全部")
        parser.add_argument("--if-dirty", action="store_true")
        parser.add_argument("--full", action="store_true")

    def handle(self, *codes, if_dirty=False, full=False, **options):
        unknown = [c for c in codes if c not in fact_tables]
        if unknown:
            raise CommandError(f"未声明的事实表：{', '.join(unknown)}；已声明：{', '.join(fact_tables) or '无'}")
        if if_dirty and not codes:
            done = refresh_dirty_facts(actor="command")
        else:
            done = []
            for code in codes or list(fact_tables):
                state = refresh_facts(code, actor="command", full=full)
                done.append(code)
                self.stdout.write(f"{code}: v{state.version} {state.row_count} 行 {state.refresh_seconds}s")
        self.stdout.write(f"已刷新：{', '.join(done) or '无'}")
