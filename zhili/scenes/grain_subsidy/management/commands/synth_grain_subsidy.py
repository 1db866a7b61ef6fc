"""Write synthetic 浙农补 households and plots: ``manage.py synth_grain_subsidy --plots 200000 --farmers 50000``."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.orgs.api import region_by_code
from zhili.core.scenes.api import COUNTY_CODE


class Command(BaseCommand):
    help = "写入浙农补合成数据（农户、地块及其监测属性）；先运行 load_demo 或导入行政区划"

    def add_arguments(self, parser):
        parser.add_argument("--plots", type=int, default=10000)
        parser.add_argument("--farmers", type=int, default=2500)
        parser.add_argument("--seed", type=int, default=31)

    def handle(self, *args, plots, farmers, seed, **options):
        from ...synth import write_world

        county = region_by_code(COUNTY_CODE)
        if county is None:
            raise CommandError("缺少行政区划：请先运行 manage.py load_demo")
        towns = list(county.children.order_by("code"))
        if not towns:
            raise CommandError("该县没有乡镇区划")
        world = write_world(county=county, towns=towns, plot_count=plots, farmer_count=farmers, seed=seed)
        self.stdout.write(f"farmers={world.farmers} plots={world.plots} planted={world.planted}")
