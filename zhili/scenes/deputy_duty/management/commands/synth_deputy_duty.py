"""Write synthetic citizens' opinions: ``manage.py synth_deputy_duty --count 1000`` (as the demo citizen)."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.identity.api import User

from ...demo import CITIZEN_USERNAME
from ...models import LiaisonStation
from ...synth import synthesize


class Command(BaseCommand):
    help = "写入人大代表履职合成群众意见（含已知的他人个人信息）；先运行 load_demo"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=19)

    def handle(self, *args, count, seed, **options):
        citizen = User.objects.filter(username=CITIZEN_USERNAME).first()
        station = LiaisonStation.objects.order_by("id").first()
        if citizen is None or station is None:
            raise CommandError("缺少演示数据：请先运行 manage.py load_demo")
        report = synthesize(count, station=station, citizen=citizen, seed=seed)
        self.stdout.write(f"submitted={report.submitted} planted_personal_data={report.planted_personal_data} "
                          f"flagged={report.flagged}")
