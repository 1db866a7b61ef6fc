"""Recompute the ledger from its records and check it against every signed checkpoint."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.ledger.services import audit_ledger


class Command(BaseCommand):
    help = "按存证原文重算默克尔树，并与每个已签名检查点及存储节点比对；发现差异即产生红色告警"

    def handle(self, *args, **options):
        report = audit_ledger(actor="command:ledger_audit")
        self.stdout.write("已核对 {leaves} 条记录、{checkpoints} 个检查点".format(**report))
        if not report["ok"]:
            for alert in report["alerts"]:
                self.stderr.write(f"[{alert.get_level_display()}] {alert.message}")
            raise CommandError("账本核对发现差异：{findings}".format(findings=report["findings"]))
        self.stdout.write(self.style.SUCCESS("账本与全部检查点一致"))
