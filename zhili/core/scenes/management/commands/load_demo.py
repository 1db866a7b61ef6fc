"""Load the demo data set (建德市, 20 enterprises, 200 workers, staff) and print the demo logins."""

import time
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand

from zhili.core.scenes import demo

DEFAULT_PASSWORD = "Zhili-demo-2026"  # noqa: S105 (documented demo password; override with ZHILI_DEMO_PASSWORD)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(row):
        return "  ".join(str(cell) + " " * (w - _width(str(cell))) for cell, w in zip(row, widths, strict=True))

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


class Command(BaseCommand):
    help = "载入演示数据（建德市、20 家企业、200 名劳动者、部门与企业账号）；可重复运行，已有数据不变"

    def add_arguments(self, parser):
        parser.add_argument("--password", default=None,
                            help="工作人员账号密码（默认取环境变量 ZHILI_DEMO_PASSWORD，再默认 Zhili-demo-2026）")

    def handle(self, *args, password=None, **options):
        password = password or getattr(settings, "DEMO_PASSWORD", "") or DEFAULT_PASSWORD
        started = time.monotonic()
        report = demo.load(password)
        scene_lines = demo.load_scene_demos(report)
        created = report.created
        self.stdout.write(self.style.SUCCESS(
            f"演示数据已就绪（用时 {time.monotonic() - started:.1f} 秒）：新建企业 {created['enterprises']}，"
            f"劳动者 {created['workers']}，工作人员账号 {created['staff']}"))
        for line in scene_lines:
            self.stdout.write(line)
        rows = [(role, login, pw, who) for role, login, pw, who in report.logins]
        rows += [("劳动者", phone, "短信验证码", f"{name} · {enterprise}") for name, phone, enterprise in report.worker_phones]
        self.stdout.write("\n" + _table(("角色", "登录名 / 手机号", "密码", "姓名 · 单位"), rows) + "\n")
        self.stdout.write(
            "劳动者用手机号登录：获取验证码后，验证码打印在服务器控制台，也可在 /notify/outbox/ 短信发件箱页面查看。\n"
            "已存在的账号不会被改动（包括密码）。")
