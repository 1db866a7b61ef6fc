"""XLSX exports of cockpit tables: what the page shows, suppressed cells as "<5", never the hidden number."""

import io
import re

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def cell_export_value(cell):
    """The value written for a cell: the number when published, else its display text ("<5", 暂无数据)."""
    if isinstance(cell, dict):
        return cell["display"] if cell.get("value") is None else cell["value"]
    return cell


def xlsx_bytes(title: str, headers: list[str], rows: list[list], *, notes: list[str] = ()) -> bytes:
    """One sheet named after ``title``: a title row, the header row, the rows, then notes (source, filters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _SHEET_UNSAFE.sub("_", title)[:31] or "Sheet1"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([cell_export_value(c) for c in row])
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([note])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = max(12, len(str(header)) * 2 + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, title: str, headers: list[str], rows: list[list], *, notes: list[str] = ()):
    """An attachment response carrying ``xlsx_bytes(...)``."""
    from urllib.parse import quote

    response = HttpResponse(xlsx_bytes(title, headers, rows, notes=notes), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
