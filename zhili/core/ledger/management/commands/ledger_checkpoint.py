"""Sign a checkpoint of the ledger now (or only when due), and retry anchoring of pending checkpoints."""

from django.core.management.base import BaseCommand

from zhili.core.ledger.services import anchor_pending_checkpoints, checkpoint_if_due, make_checkpoint


class Command(BaseCommand):
    help = "为存证账本签发检查点（C2SP 签名便笺），并为待锚定的检查点重新申请时间戳"

    def add_arguments(self, parser):
        parser.add_argument("--if-due", action="store_true", help="仅当有新记录且距上个检查点已足够久时签发")

    def handle(self, *args, if_due=False, **options):
        actor = "command:ledger_checkpoint"
        checkpoint = checkpoint_if_due(actor=actor) if if_due else make_checkpoint(actor=actor)
        if checkpoint is None:
            self.stdout.write("无需签发检查点")
        else:
            self.stdout.write(f"检查点：树大小 {checkpoint.tree_size}，锚定状态 {checkpoint.get_anchor_status_display()}")
        anchored = anchor_pending_checkpoints(actor=actor)
        self.stdout.write(f"本次锚定 {anchored} 个检查点")
