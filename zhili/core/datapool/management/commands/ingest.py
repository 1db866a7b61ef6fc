"""``manage.py ingest <dataset_code> <file>``: load a file into a dataset and print the batch's figures."""

from django.core.management.base import BaseCommand, CommandError

from zhili.core.datapool.choices import BatchStatus, SourceKind
from zhili.core.datapool.services import ingest_file


class Command(BaseCommand):
    help = "导入数据文件（CSV、XLSX、JSON、JSON Lines）到数据集"

    def add_arguments(self, parser):
        parser.add_argument("dataset_code")
        parser.add_argument("path")
        parser.add_argument("--format", choices=["csv", "xlsx", "jsonl", "json"], default=None)

    def handle(self, *args, dataset_code, path, format=None, **options):
        try:
            batch = ingest_file(dataset_code, path, actor="command:ingest", source_kind=SourceKind.COMMAND,
                                file_format=format)
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"batch {batch.pk} {batch.status}: received {batch.rows_received}, "
                          f"accepted {batch.rows_accepted}, rejected {batch.rows_rejected}, sha256 {batch.checksum}")
        if batch.status == BatchStatus.FAILED:
            raise CommandError(batch.failure_reason)
