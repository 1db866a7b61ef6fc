"""The bad-row report of a batch as CSV or XLSX (line, field, rule, value), formula-like text neutralised."""

import csv
import io

from zhili.core.foundation.api import XlsxWriter, safe_value

from .models import Batch

HEADER = ["行号", "字段", "规则", "值"]


def _rows(batch: Batch):
    for error in batch.errors.order_by("line", "id").iterator():
        yield [error.line, error.field, error.rule, error.value]


def error_report_csv(batch: Batch) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in _rows(batch):
        writer.writerow([safe_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def error_report_xlsx(batch: Batch) -> bytes:
    writer = XlsxWriter()
    writer.add_sheet("错误行", header=HEADER).extend(_rows(batch))
    return writer.to_bytes()
