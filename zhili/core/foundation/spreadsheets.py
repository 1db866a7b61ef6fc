"""The platform's one XLSX writer and its bounded XLSX/CSV reader.

Writing: every export goes through ``XlsxWriter`` (or ``table_xlsx``), which never writes a formula. Text that
a spreadsheet would read as one (beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
written as text with a leading apostrophe, the neutralisation OWASP recommends, so a worker named
``=HYPERLINK(...)`` stays a name in every program that opens the file, and survives a copy to CSV. Characters
XML cannot carry are dropped instead of failing the download; aware datetimes are written in local time.

Reading: ``iter_rows`` streams the first sheet of an XLSX file (or the rows of a CSV file) with bounded memory.
Before anything is decompressed the archive's members are checked against their declared sizes (which
``zipfile`` enforces while reading) and their compression ratio; rows are streamed with lxml, and every row and
cell is checked against the caps in settings (``SPREADSHEET_*``, ``XLSX_*``). A file over a limit is refused
with a ``SpreadsheetRejected`` naming the limit; nothing of it has been used by then.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_COLUMN_RE = re.compile(r"^([A-Z]{1,3})")
# Members this small may compress any amount (a styles part of repeated elements does) without being a bomb.
_RATIO_FLOOR_BYTES = 1 << 20


# ------------------------------------------------------------------------------------------------ writing

def safe_value(value):
    """The value as written to a cell: never a formula, never a character XML cannot carry."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date | dt.time):
        return value
    text = _XML_ILLEGAL.sub("", str(value) if isinstance(value, Promise) or not isinstance(value, str) else value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def sheet_title(title) -> str:
    """A sheet name Excel accepts: none of ``[]:*?/\\``, at most 31 characters, never empty."""
    return _SHEET_UNSAFE.sub("_", str(title))[:31] or "Sheet1"


class XlsxSheet:
    """One sheet of an ``XlsxWriter``: rows are appended and streamed, each cell through ``safe_value``."""

    def __init__(self, sheet):
        self._sheet = sheet
        self.rows = 0

    def append(self, values: Iterable, *, bold: bool = False, size: float | None = None) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for value in values:
            cell = WriteOnlyCell(self._sheet, value=safe_value(value))
            if cell.data_type == "f":  # unreachable after safe_value; kept so no path can ever write a formula
                cell.data_type = "s"
            if bold or size:
                cell.font = Font(bold=bold, size=size)
            cells.append(cell)
        self._sheet.append(cells)
        self.rows += 1

    def extend(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.append(row)


class XlsxWriter:
    """A streamed (write-only) workbook of safe sheets; ``to_bytes()`` or ``response(name)`` when done."""

    def __init__(self):
        from openpyxl import Workbook

        self._book = Workbook(write_only=True)

    def add_sheet(self, title, *, header: Iterable | None = None, widths: Iterable[float] | None = None) -> XlsxSheet:
        """A new sheet; ``header`` is written in bold; ``widths`` sets the columns' widths (in characters)."""
        from openpyxl.utils import get_column_letter

        sheet = self._book.create_sheet(sheet_title(title))
        for index, width in enumerate(widths or (), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        wrapped = XlsxSheet(sheet)
        if header is not None:
            wrapped.append(header, bold=True)
        return wrapped

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self._book.save(out)
        return out.getvalue()

    def response(self, file_name: str) -> HttpResponse:
        return xlsx_response(self.to_bytes(), file_name)


def header_widths(header: Iterable) -> list[float]:
    """Column widths that fit Chinese headers (two units per character, at least 12)."""
    return [max(12, len(str(h)) * 2 + 4) for h in header]


def table_xlsx(headers: list, rows: Iterable[Iterable], *, title=None, sheet_name=None, notes: Iterable = ()) -> bytes:
    """One sheet: an optional bold title row, the bold header row, the rows, then notes (source, filters)."""
    writer = XlsxWriter()
    sheet = writer.add_sheet(sheet_name or title or "Sheet1", widths=header_widths(headers))
    if title is not None:
        sheet.append([title], bold=True, size=13)
    sheet.append(headers, bold=True)
    sheet.extend(rows)
    notes = list(notes)
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([note])
    return writer.to_bytes()


def xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    """An attachment response for XLSX bytes, the file name encoded for any browser (RFC 6266)."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file_name)}"
    return response


# ------------------------------------------------------------------------------------------------ limits

class SpreadsheetRejected(Exception):
    """The file cannot be read, or is over one of the limits; the message names which, in Chinese."""


@dataclass(frozen=True)
class Limits:
    """The caps one read applies; ``Limits.from_settings()`` gives the deployment's."""

    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_uncompressed_bytes: int
    max_compression_ratio: int

    @classmethod
    def from_settings(cls, **overrides) -> "Limits":
        values = {
            "max_rows": settings.SPREADSHEET_MAX_ROWS,
            "max_columns": settings.SPREADSHEET_MAX_COLUMNS,
            "max_cell_chars": settings.SPREADSHEET_MAX_CELL_CHARS,
            "max_uncompressed_bytes": settings.XLSX_MAX_UNCOMPRESSED_BYTES,
            "max_compression_ratio": settings.XLSX_MAX_COMPRESSION_RATIO,
        }
        values.update(overrides)
        return cls(**values)


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.0f}"


def size_text(size: int) -> str:
    """A size as people read it: '2.5 MB', or '300 KB' under one megabyte."""
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{max(1, size // 1024)} KB"


def check_upload_size(uploaded, *, limit: int | None = None) -> None:
    """Refuse an uploaded file larger than ``UPLOAD_MAX_BYTES``, naming the file and the limit."""
    limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
    if uploaded.size > limit:
        raise ValidationError(
            _("文件“{name}”为 {size}，超过单个文件 {limit} 的上限").format(
                name=uploaded.name, size=size_text(uploaded.size), limit=size_text(limit)),
            code="file_too_large")


def check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an XLSX whose members, as declared, would decompress beyond the limits (a zip bomb)."""
    total = 0
    members = archive.infolist()
    if len(members) > 10000:
        raise SpreadsheetRejected(_("Excel 文件包含的部件过多（{count} 个），无法读取").format(count=len(members)))
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            raise SpreadsheetRejected(
                _("Excel 文件的部件 {part} 压缩比为 {ratio:.0f}:1，超过 {limit}:1 的上限，疑似压缩炸弹，已拒绝").format(
                    part=member.filename, ratio=ratio, limit=limits.max_compression_ratio))
    if total > limits.max_uncompressed_bytes:
        raise SpreadsheetRejected(_("Excel 文件解压后为 {size} MB，超过 {limit} MB 的上限，请拆分后上传").format(
            size=_megabytes(total), limit=_megabytes(limits.max_uncompressed_bytes)))


# ------------------------------------------------------------------------------------------------ reading

def iter_rows(source, file_name: str, *, limits: Limits | None = None) -> Iterator[tuple]:
    """The rows of the first sheet of an XLSX file, or of a CSV file, as tuples, header row included.

    ``source`` is the file's bytes, a path, or a binary file object. XLSX cells come typed (text, numbers with
    date cells as Excel serials, booleans); CSV cells as text (UTF-8 with or without BOM, else GB 18030).
    Raises ``SpreadsheetRejected`` for an unreadable file or one over a limit.
    """
    limits = limits or Limits.from_settings()
    lower = file_name.lower()
    if lower.endswith((".csv", ".txt")):
        rows = _csv_rows(source)
    elif lower.endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(source, limits)
    else:
        raise SpreadsheetRejected(_("只支持 .xlsx 或 .csv 文件"))
    yield from _bounded(rows, limits)


def _bounded(rows: Iterator[tuple], limits: Limits) -> Iterator[tuple]:
    for line, row in enumerate(rows, start=1):
        if line > limits.max_rows + 1:  # the header row is not counted
            raise SpreadsheetRejected(_("文件超过 {limit} 行数据的上限，请拆分后上传").format(limit=limits.max_rows))
        if len(row) > limits.max_columns:
            raise SpreadsheetRejected(_("第 {line} 行超过 {limit} 列的上限").format(line=line, limit=limits.max_columns))
        for value in row:
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                raise SpreadsheetRejected(_("第 {line} 行有单元格超过 {limit} 个字符的上限").format(
                    line=line, limit=limits.max_cell_chars))
        yield row


def _as_binary(source):
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)
    if isinstance(source, str | Path):
        return open(source, "rb")  # noqa: SIM115 (closed by the caller's generator)
    return source


def _csv_rows(source) -> Iterator[tuple]:
    handle = _as_binary(source)
    try:
        head = handle.read(1 << 20)
        handle.seek(0)
        encoding = "utf-8-sig"
        try:
            head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
                encoding = "gb18030"
        stream = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            yield from (tuple(row) for row in csv.reader(stream))
        except UnicodeDecodeError:
            raise SpreadsheetRejected(_("CSV 文件编码无法识别，请另存为 UTF-8")) from None
        except csv.Error as exc:
            raise SpreadsheetRejected(_("CSV 文件格式有误：{error}").format(error=exc)) from None
    finally:
        handle.close()


def _column_index(reference: str) -> int:
    match = _COLUMN_RE.match(reference)
    if match is None:
        return -1
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    return index - 1


def _xlsx_rows(source, limits: Limits) -> Iterator[tuple]:
    from lxml import etree

    handle = _as_binary(source)
    try:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError):
            raise SpreadsheetRejected(_("无法读取 Excel 文件：不是有效的 .xlsx 文件")) from None
        check_archive(archive, limits)
        try:
            sheet_path, shared_path = _first_sheet(archive)
            shared = _shared_strings(archive, shared_path, limits) if shared_path else []
            date_styles = _date_styles(archive)
            sheet = archive.open(sheet_path)
        except (KeyError, StopIteration, AttributeError, etree.XMLSyntaxError, zipfile.BadZipFile):
            raise SpreadsheetRejected(_("无法读取 Excel 文件：缺少工作表或文件已损坏")) from None
        try:
            yield from _sheet_rows(sheet, shared, date_styles, limits)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, IndexError, EOFError):
            raise SpreadsheetRejected(_("无法读取 Excel 文件：工作表已损坏")) from None
    finally:
        handle.close()


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, str | None]:
    from lxml import etree

    names = set(archive.namelist())
    workbook = etree.fromstring(archive.read("xl/workbook.xml"))
    first = workbook.find(f"{_MAIN_NS}sheets/{_MAIN_NS}sheet")
    rel_id = first.get(f"{_REL_NS}id")
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    shared_target = next((r.get("Target") for r in rels if r.get("Type", "").endswith("/sharedStrings")), None)
    shared = None
    if shared_target:
        shared = shared_target.lstrip("/") if shared_target.startswith("/") else "xl/" + shared_target
    elif "xl/sharedStrings.xml" in names:
        shared = "xl/sharedStrings.xml"
    return path, shared if shared in names else None


def _shared_strings(archive: zipfile.ZipFile, path: str, limits: Limits) -> list[str]:
    from lxml import etree

    shared: list[str] = []
    for _event, item in etree.iterparse(archive.open(path), tag=f"{_MAIN_NS}si"):
        value = "".join(item.itertext())
        if len(value) > limits.max_cell_chars:
            raise SpreadsheetRejected(_("Excel 文件中有文本超过 {limit} 个字符的上限").format(limit=limits.max_cell_chars))
        shared.append(value)
        item.clear()
        while item.getprevious() is not None:
            del item.getparent()[0]
    return shared


def _date_styles(archive: zipfile.ZipFile) -> frozenset[str]:
    """The style indexes (a cell's ``s``) whose number format shows a date or time."""
    from lxml import etree
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if "xl/styles.xml" not in archive.namelist():
        return frozenset()
    styles = etree.fromstring(archive.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for number_format in styles.iterfind(f"{_MAIN_NS}numFmts/{_MAIN_NS}numFmt"):
        formats[int(number_format.get("numFmtId", "-1"))] = number_format.get("formatCode", "")
    dated = set()
    for index, xf in enumerate(styles.iterfind(f"{_MAIN_NS}cellXfs/{_MAIN_NS}xf")):
        code = formats.get(int(xf.get("numFmtId", "0")), "")
        if code and is_date_format(code):
            dated.add(str(index))
    return frozenset(dated)


def _sheet_rows(sheet, shared: list[str], date_styles: frozenset[str], limits: Limits) -> Iterator[tuple]:
    """Rows of a sheet part, each cell handled as its element ends, so no row is ever held whole."""
    from lxml import etree

    row_tag, cell_tag = f"{_MAIN_NS}row", f"{_MAIN_NS}c"
    cells: list = []
    expected_line = 1
    for _event, element in etree.iterparse(sheet, tag=(row_tag, cell_tag)):
        if element.tag == cell_tag:
            reference = element.get("r")
            position = _column_index(reference) if reference else len(cells)
            if max(position, len(cells)) >= limits.max_columns:
                raise SpreadsheetRejected(_("第 {line} 行超过 {limit} 列的上限").format(
                    line=expected_line, limit=limits.max_columns))
            cells.extend([None] * (position - len(cells)))
            cells.append(_cell_value(element, shared, date_styles))
            element.clear()
            continue
        number = element.get("r")
        line = int(number) if number and number.isdigit() else expected_line
        if line > limits.max_rows + 1:
            raise SpreadsheetRejected(_("文件超过 {limit} 行数据的上限，请拆分后上传").format(limit=limits.max_rows))
        while expected_line < line:  # rows Excel left out because they are empty
            yield ()
            expected_line += 1
        yield tuple(cells)
        expected_line = line + 1
        cells = []
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]


def _cell_value(cell, shared: list[str], date_styles: frozenset[str]):
    kind = cell.get("t")
    if kind == "inlineStr":
        inline = cell.find(f"{_MAIN_NS}is")
        return "".join(inline.itertext()) if inline is not None else None
    raw = cell.findtext(f"{_MAIN_NS}v")
    if raw is None:
        return None
    if kind == "s":
        return shared[int(raw)]
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(raw)
    number = float(raw)
    if cell.get("s") in date_styles and 0 <= number < 2958466:
        from openpyxl.utils.datetime import from_excel

        return from_excel(number)
    return int(number) if number.is_integer() and "E" not in raw.upper() else number
