"""manage.py ledger_key: show the ledger's verifier key, or print the seed derived from SECRET_KEY (migration)."""

import base64

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "显示账本检查点的验证公钥；--derived 输出按 SECRET_KEY 派生的签名密钥（供设置 ZHILI_LEDGER_SIGNING_KEY）"

    def add_arguments(self, parser):
        parser.add_argument("--derived", action="store_true",
                            help="输出旧版本按 SECRET_KEY 派生的签名种子（Base64），设为 ZHILI_LEDGER_SIGNING_KEY 后检查点仍可验证")

    def handle(self, *args, derived, **options):
        from zhili.core.ledger import keys

        if derived:
            self.stdout.write(base64.b64encode(keys.derived_seed()).decode())
            return
        self.stdout.write(keys.verifier_key())
