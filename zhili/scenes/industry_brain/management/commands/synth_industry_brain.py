"""Write the synthetic credit ledger of the cluster: ``manage.py synth_industry_brain --out ledger.parquet``.

2,619 firms and 10,000,000 entries by default (the seed's scale), with planted late payers and deliverers; the
figures the credit rules should find are printed.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from ...synth import write_ledger


class Command(BaseCommand):
    help = "写入童装产业大脑合成信用账本（Parquet，含已知延期付款、延期交货企业）"

    def add_arguments(self, parser):
        parser.add_argument("--out", default="var/industry_brain_ledger.parquet")
        parser.add_argument("--firms", type=int, default=2619)
        parser.add_argument("--entries", type=int, default=10_000_000)
        parser.add_argument("--seed", type=int, default=35)

    def handle(self, *args, out, firms, entries, seed, **options):
        truth = write_ledger(Path(out), firms=firms, entries=entries, seed=seed)
        self.stdout.write(f"firms={truth.firms} entries={truth.entries} late_payers={len(truth.late_payers)} "
                          f"late_deliverers={len(truth.late_deliverers)} file={out}")
