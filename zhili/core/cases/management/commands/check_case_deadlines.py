"""Remind or escalate every case past the deadline of its current state."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhili.core.cases.services import check_deadlines


class Command(BaseCommand):
    help = "检查工单办理期限：超期的提醒承办人或升级督办"

    def add_arguments(self, parser):
        parser.add_argument("--now", help="按此时间检查（ISO 8601，如 2025-10-10T09:00+08:00），默认当前时间")

    def handle(self, *args, now=None, **options):
        moment = None
        if now:
            try:
                moment = dt.datetime.fromisoformat(now)
            except ValueError:
                raise CommandError("--now：须为 ISO 8601 时间，如 2025-10-10T09:00+08:00") from None
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        sweep = check_deadlines(now=moment)
        self.stdout.write(f"reminded={len(sweep.reminded)} escalated={len(sweep.escalated)}")
        for number in sweep.escalated:
            self.stdout.write(f"escalated {number}")
        for number in sweep.reminded:
            self.stdout.write(f"reminded {number}")
