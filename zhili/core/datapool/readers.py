"""Stream rows out of CSV, XLSX and JSON files without loading a large file into memory.

CSV, XLSX (``foundation.spreadsheets``, bounded) and JSON Lines stream row by row. A plain JSON array is read whole,
so it is limited to ``JSON_ARRAY_LIMIT`` bytes; larger JSON data must come as JSON Lines.
"""

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from .validation import BatchInvalid

JSON_ARRAY_LIMIT = 50 * 1024 * 1024
FORMATS = ("csv", "xlsx", "jsonl", "json")
SUFFIX_FORMATS = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".json": "json"}

csv.field_size_limit(10 * 1024 * 1024)


def guess_format(name: str) -> str:
    """The file format named by ``name``'s suffix, or a clear refusal."""
    file_format = SUFFIX_FORMATS.get(Path(name).suffix.lower())
    if file_format is None:
        raise BatchInvalid(f"不支持的文件类型：{Path(name).name}（支持 CSV、XLSX、JSON、JSON Lines）")
    return file_format


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 of the file's bytes and its size, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


class RowSource:
    """The header and a stream of ``(line, row_dict_or_problem)``; a problem is a string rule.

    A CSV source also offers ``cell_rows``: the same rows as ``(line, list_of_cells)`` without building a
    dict, for the compiled fast path; the caller checks their width. Use one stream or the other.
    """

    def __init__(self, columns: list[str] | None, rows: Iterator[tuple[int, dict | str]],
                 cell_rows: Iterator[tuple[int, list[str]]] | None = None):
        self.columns = columns
        self.rows = rows
        self.cell_rows = cell_rows


def open_rows(path: Path, file_format: str) -> RowSource:
    """Open ``path`` as ``file_format`` and return its header and row stream."""
    if file_format == "csv":
        return _csv_rows(path)
    if file_format == "xlsx":
        return _xlsx_rows(path)
    if file_format == "jsonl":
        return RowSource(None, _jsonl_rows(path))
    if file_format == "json":
        return RowSource(None, _json_array_rows(path))
    raise BatchInvalid(f"不支持的文件类型：{file_format}")


def _csv_rows(path: Path) -> RowSource:
    handle = open(path, encoding="utf-8-sig", newline="", errors="strict", buffering=1 << 20)
    reader = csv.reader(handle)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        handle.close()
        raise BatchInvalid("文件为空，缺少表头") from None
    except UnicodeDecodeError:
        handle.close()
        raise BatchInvalid("文件编码应为 UTF-8") from None

    def rows():
        width = len(header)
        try:
            for cells in reader:
                if not cells:
                    continue
                if len(cells) != width:
                    yield reader.line_num, f"列数与表头不符（应为 {width} 列）"
                    continue
                yield reader.line_num, dict(zip(header, cells, strict=True))
        except UnicodeDecodeError:
            raise BatchInvalid(f"第 {reader.line_num + 1} 行附近不是有效的 UTF-8 编码") from None
        finally:
            handle.close()

    def cell_rows():
        try:
            for cells in reader:
                if cells:
                    yield reader.line_num, cells
        except UnicodeDecodeError:
            raise BatchInvalid(f"第 {reader.line_num + 1} 行附近不是有效的 UTF-8 编码") from None
        finally:
            handle.close()

    return RowSource(header, rows(), cell_rows())


def _xlsx_rows(path: Path) -> RowSource:
    """The first sheet through the platform's bounded reader: zip-bomb checks before reading, rows streamed."""
    from zhili.core.foundation.api import SpreadsheetRejected, iter_rows

    iterator = iter_rows(path, "upload.xlsx")
    try:
        header = ["" if v is None else str(v).strip() for v in next(iterator)]
    except StopIteration:
        raise BatchInvalid("工作表为空，缺少表头") from None
    except SpreadsheetRejected as exc:
        raise BatchInvalid(str(exc)) from None

    def rows():
        try:
            for line, cells in enumerate(iterator, start=2):
                if not cells or all(v is None for v in cells):
                    continue
                yield line, {name: value for name, value in zip(header, cells, strict=False) if name}
        except SpreadsheetRejected as exc:
            raise BatchInvalid(str(exc)) from None
        finally:
            iterator.close()

    return RowSource(header, rows())


def _jsonl_rows(path: Path):
    with open(path, encoding="utf-8-sig") as handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except ValueError:
                yield line, "不是有效的 JSON"
                continue
            yield (line, value) if isinstance(value, dict) else (line, "每行应为一个 JSON 对象")


def _json_array_rows(path: Path):
    if path.stat().st_size > JSON_ARRAY_LIMIT:
        raise BatchInvalid("JSON 数组文件超过 50 MB，请改用 JSON Lines（每行一个对象）")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except ValueError:
        raise BatchInvalid("不是有效的 JSON 文件") from None
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        data = data["rows"]
    if not isinstance(data, list):
        raise BatchInvalid("JSON 文件应为对象数组")
    for index, value in enumerate(data, start=1):
        yield (index, value) if isinstance(value, dict) else (index, "数组元素应为 JSON 对象")
