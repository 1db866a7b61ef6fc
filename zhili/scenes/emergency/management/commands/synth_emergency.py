"""Simulate the demo county's calls under the three dispatch policies: ``manage.py synth_emergency --calls N``."""

import json

from django.core.management.base import BaseCommand

from ...queries import parameter
from ...synth import demo_county, run_policies


class Command(BaseCommand):
    help = "在演示县路网上模拟呼救，比较直线最近、最短预计到达、最短预计到达+抢占+覆盖三种派车策略"

    def add_arguments(self, parser):
        parser.add_argument("--calls", type=int, default=20000)
        parser.add_argument("--per-day", type=float, default=60.0)
        parser.add_argument("--seed", type=int, default=33)

    def handle(self, *args, calls, per_day, seed, **options):
        result = run_policies(demo_county(seed), calls=calls, per_day=per_day, turnout_s=parameter("turnout_s"),
                              cover_penalty_s=parameter("cover_penalty_s"),
                              target_s=parameter("response_target_s"), seed=seed)
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
