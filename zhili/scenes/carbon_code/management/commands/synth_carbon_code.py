"""Write synthetic energy and value-added data for the 碳效码 scene into the data pool and evaluate the year."""

from django.core.management.base import BaseCommand

from ...demo import COUNTY_CODE


class Command(BaseCommand):
    help = "碳效码：生成合成企业、月度能源和增加值数据（含预置的问题数据），导入数据仓并评价全年"

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=831, help="企业数（默认 831，长兴县规上工业企业数）")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=30)
        parser.add_argument("--region", default=COUNTY_CODE, help="县级区划代码")

    def handle(self, *args, **options):
        from zhili.core.orgs.api import region_by_code

        from ...demo import load_data
        from ...models import CarbonResult
        from ...services import evaluate_period

        county = region_by_code(options["region"])
        if county is None:
            self.stderr.write(f"未知的区划代码 {options['region']}（先运行 load_regions）")
            return
        data = load_data(county, count=options["count"], year=options["year"], seed=options["seed"])
        evaluation = evaluate_period(str(options["year"]), actor="command:synth_carbon_code")
        planted = data.planted
        flagged = set(CarbonResult.objects.filter(evaluation=evaluation, status="not_graded")
                      .values_list("enterprise__uscc", flat=True))
        hit = len(flagged & set(planted))
        self.stdout.write(f"企业 {len(data.firms)}，能源行 {len(data.energy)}，已评价 {evaluation.graded_count}；"
                          f"预置问题 {len(planted)}，标记 {len(flagged)}，命中 {hit}")
