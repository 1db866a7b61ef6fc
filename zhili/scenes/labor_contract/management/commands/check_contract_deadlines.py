"""Queue the day-20/day-30 unsigned and 30-day expiry reminders (run daily; repeats send nothing twice)."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhili.scenes.labor_contract.services import check_contract_deadlines


class Command(BaseCommand):
    help = "检查劳动合同未签订（用工第 20、30 天）和即将到期（30 天内）并提醒用人单位"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期检查（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["date"]) if options.get("date") else timezone.localdate()
        counts = check_contract_deadlines(today, actor=None)
        self.stdout.write(f"unsigned={counts['unsigned']} expiring={counts['expiring']}")
