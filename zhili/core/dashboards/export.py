"""XLSX exports of cockpit tables: what the page shows, suppressed cells as "<5", never the hidden number."""

from zhili.core.foundation.api import XLSX_CONTENT_TYPE, table_xlsx
from zhili.core.foundation.api import xlsx_response as safe_xlsx_response

XLSX_TYPE = XLSX_CONTENT_TYPE


def cell_export_value(cell):
    """The value written for a cell: the number when published, else its display text ("<5", 暂无数据)."""
    if isinstance(cell, dict):
        return cell["display"] if cell.get("value") is None else cell["value"]
    return cell


def xlsx_bytes(title: str, headers: list[str], rows: list[list], *, notes: list[str] = ()) -> bytes:
    """One sheet named after ``title``: a title row, the header row, the rows, then notes (source, filters)."""
    return table_xlsx(list(headers), ([cell_export_value(c) for c in row] for row in rows), title=title, notes=notes)


def xlsx_response(filename: str, title: str, headers: list[str], rows: list[list], *, notes: list[str] = ()):
    """An attachment response carrying ``xlsx_bytes(...)``."""
    return safe_xlsx_response(xlsx_bytes(title, headers, rows, notes=notes), filename)
