"""``manage.py synth_policy_qa --out DIR --passages N``: write a province-size set of local texts (TXT) made from the
real texts' structure, for loading tests and the benchmark."""

from pathlib import Path

from django.core.management.base import BaseCommand

from zhili.scenes.policy_qa.synth import clauses_of, write_texts

TEXTS = Path(__file__).resolve().parents[2] / "tests" / "texts"


class Command(BaseCommand):
    help = "Write synthetic local labour regulations (TXT) built from the shipped texts' clauses."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--passages", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, out, passages, seed, **options):
        files = write_texts(Path(out), clauses_of(TEXTS), passages, seed)
        self.stdout.write(f"已写入 {files} 个文本，共 {passages} 条")
