"""Load a county's road network (edges CSV, see ``routing.py``): ``manage.py load_road_network 331122 edges.csv``;
with ``--profile speeds.csv`` also its speed profile by road class and hour (``road_class,hour,factor``), or only
the profile with ``--profile-only``."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhili.core.orgs.api import region_by_code

from ... import services


class Command(BaseCommand):
    help = "导入县（市、区）道路网络（道路边 CSV），用于急救派车路径计算"

    def add_arguments(self, parser):
        parser.add_argument("region_code")
        parser.add_argument("path")
        parser.add_argument("--name", default="")
        parser.add_argument("--profile", default="", help="分时速度曲线 CSV（road_class,hour,factor）")
        parser.add_argument("--profile-only", action="store_true", help="只导入速度曲线（path 即曲线文件）")

    def handle(self, *args, region_code, path, name, profile, profile_only, **options):
        region = region_by_code(region_code)
        if region is None:
            raise CommandError(f"未知的区划代码 {region_code}")
        try:
            if not profile_only:
                network = services.load_road_network(region=region, name=name or Path(path).stem,
                                                     data=Path(path).read_bytes(), actor=None)
                self.stdout.write(f"已导入 {network.name}：{network.node_count} 个节点，{network.edge_count} 条有向边")
            if profile or profile_only:
                network = services.load_speed_profile(region=region, data=Path(profile or path).read_bytes(),
                                                      actor=None)
                self.stdout.write(f"已导入 {network.name} 的分时速度曲线")
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
