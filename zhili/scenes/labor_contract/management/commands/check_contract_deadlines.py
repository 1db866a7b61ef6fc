"""Run the daily contract checks: expire lapsed invitations, then queue the unsigned (day 20/30), expiry (30 days,
both parties) and open-ended (Art. 14) reminders. Repeats send nothing twice."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhili.scenes.labor_contract.services import check_contract_deadlines, expire_unsigned_contracts


class Command(BaseCommand):
    help = "标记逾期未签的签署邀请为已过期；检查劳动合同未签订（用工第 20、30 天）、即将到期（30 天内）和应订立无固定期限合同并提醒"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期检查（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = dt.date.fromisoformat(options["date"]) if options.get("date") else timezone.localdate()
        expired = expire_unsigned_contracts(today, actor=None)
        counts = check_contract_deadlines(today, actor=None)
        self.stdout.write(f"expired={len(expired)} unsigned={counts['unsigned']} expiring={counts['expiring']} "
                          f"open_ended={counts['open_ended']}")
