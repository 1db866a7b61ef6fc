"""The bad-row report of a batch as CSV or XLSX (line, field, rule, value)."""

import csv
import io

from .models import Batch

HEADER = ["行号", "字段", "规则", "值"]


def error_report_csv(batch: Batch) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for error in batch.errors.order_by("line", "id").iterator():
        writer.writerow([error.line, error.field, error.rule, error.value])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def error_report_xlsx(batch: Batch) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("错误行")
    sheet.append(HEADER)
    for error in batch.errors.order_by("line", "id").iterator():
        sheet.append([error.line, error.field, error.rule, error.value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
