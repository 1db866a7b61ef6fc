"""Deliver the due messages of the outbox once, or keep doing so with ``--loop``."""

import time

from django.core.management.base import BaseCommand

from zhili.core.notify.services import deliver_due_messages


class Command(BaseCommand):
    help = "发送消息发件箱中到期的消息（短信、邮件），失败的按指数退避重试"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="持续运行，每轮之间休眠 --sleep 秒")
        parser.add_argument("--sleep", type=float, default=5.0, help="两轮之间的休眠秒数（默认 5）")
        parser.add_argument("--limit", type=int, default=100, help="每轮最多处理的消息数（默认 100）")
        parser.add_argument("--rounds", type=int, default=0, help="与 --loop 一起使用：运行的轮数，0 表示不限")

    def handle(self, *args, loop=False, sleep=5.0, limit=100, rounds=0, **options):
        done = 0
        while True:
            counts = deliver_due_messages(limit=limit)
            done += 1
            self.stdout.write("已发送 {sent}，待重试 {retrying}，失败 {failed}，跳过 {skipped}".format(**counts))
            if not loop or (rounds and done >= rounds):
                return
            try:
                time.sleep(sleep)
            except KeyboardInterrupt:
                return
