"""Register synthetic housekeepers at the demo agency and recompute their codes: ``manage.py synth_housekeeping``."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.identity.api import User

from ...demo import AGENCY_USCC_SERIAL, CLERK_USERNAME
from ...models import Agency
from ...synth import synthesize, uscc


class Command(BaseCommand):
    help = "写入浙里好家政合成服务员（含已知红码、黄码），并重新赋码；先运行 load_demo"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=19)

    def handle(self, *args, count, seed, **options):
        clerk = User.objects.filter(username=CLERK_USERNAME).first()
        agency = Agency.objects.filter(organization__uscc=uscc(AGENCY_USCC_SERIAL)).first()
        if clerk is None or agency is None:
            raise CommandError("缺少演示数据：请先运行 manage.py load_demo")
        r = synthesize(count, agency=agency, actor=clerk, seed=seed)
        self.stdout.write(f"workers={r.workers} planted_red={r.planted_red} found_red={r.found_red} "
                          f"planted_yellow={r.planted_yellow} found_yellow={r.found_yellow}")
