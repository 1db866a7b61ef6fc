"""Reading uploaded worker sheets (XLSX or CSV), normalising cells, and writing the template and result sheets.

Normalisation covers what HR offices actually type: full-width digits and letters (NFKC), ``+86``/``86``/
``0086`` phone prefixes, spaces and hyphens in numbers, Excel date serials, ``2025/3/1`` and ``2025年3月1日``.
Each problem becomes a Chinese reason naming the column and the rule.
"""

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from zhili.core.foundation.api import SpreadsheetRejected, XlsxWriter, iter_rows, validate_id_number, validate_mobile

from .choices import TermType, WorkingHourSystem

EXCEL_EPOCH = dt.date(1899, 12, 30)

# Column header → field, in template order. ``True`` marks a required column.
NEW_CONTRACT_COLUMNS = [
    ("姓名", "worker_name", True),
    ("身份证号码", "worker_id_number", True),
    ("手机号码", "worker_phone", True),
    ("工作岗位", "job_title", True),
    ("工作地点", "work_place", True),
    ("合同期限类型", "term_type", True),
    ("合同开始日期", "start_date", True),
    ("合同终止日期", "end_date", False),
    ("工作任务", "task_description", False),
    ("试用期（月）", "probation_months", False),
    ("工时制度", "working_hour_system", True),
    ("月工资（元）", "monthly_wage", True),
    ("试用期工资（元）", "probation_wage", False),
    ("用工单位（派遣）", "host_employer_name", False),
    ("派遣岗位", "dispatch_post", False),
    ("派遣开始日期", "dispatch_start", False),
    ("派遣结束日期", "dispatch_end", False),
]
EXISTING_CONTRACT_COLUMNS = [
    ("姓名", "worker_name", True),
    ("身份证号码", "worker_id_number", True),
    ("手机号码", "worker_phone", False),
    ("工作岗位", "job_title", True),
    ("工作地点", "work_place", False),
    ("合同期限类型", "term_type", True),
    ("合同开始日期", "start_date", True),
    ("合同终止日期", "end_date", False),
    ("试用期（月）", "probation_months", False),
    ("工时制度", "working_hour_system", False),
    ("月工资（元）", "monthly_wage", False),
    ("签订日期", "signed_on", False),
    ("扫描件文件名", "scan_file", False),
]
DATE_FIELDS = {"start_date", "end_date", "dispatch_start", "dispatch_end", "signed_on"}
MONEY_FIELDS = {"monthly_wage", "probation_wage"}
EXAMPLE_ROW = ["张伟", "330182199003071232", "13800000001", "操作工", "建德市新安江街道工业园", "固定期限",
               "2026-03-01", "2029-02-28", "", "3", "标准工时制", "5000", "4000", "", "", "", ""]

_TERM_WORDS = {
    "固定期限": TermType.FIXED_TERM, "有固定期限": TermType.FIXED_TERM, "fixed_term": TermType.FIXED_TERM,
    "无固定期限": TermType.OPEN_ENDED, "open_ended": TermType.OPEN_ENDED,
    "以完成一定工作任务为期限": TermType.TASK_BASED, "以完成一定工作任务为期": TermType.TASK_BASED,
    "任务期限": TermType.TASK_BASED, "task_based": TermType.TASK_BASED,
}
_HOURS_WORDS = {
    "标准工时制": WorkingHourSystem.STANDARD, "标准工时": WorkingHourSystem.STANDARD, "standard": WorkingHourSystem.STANDARD,
    "综合计算工时制": WorkingHourSystem.COMPREHENSIVE, "综合计算工时": WorkingHourSystem.COMPREHENSIVE,
    "综合工时": WorkingHourSystem.COMPREHENSIVE, "comprehensive": WorkingHourSystem.COMPREHENSIVE,
    "不定时工作制": WorkingHourSystem.FLEXIBLE, "不定时": WorkingHourSystem.FLEXIBLE, "flexible": WorkingHourSystem.FLEXIBLE,
}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class SheetRow:
    """One data row: its line number in the file, the normalised values, and every problem found."""

    line: int
    values: dict
    errors: list[str] = field(default_factory=list)


class SheetError(Exception):
    """The file as a whole cannot be read (wrong type, no header, missing columns)."""


def text(value) -> str:
    """A cell as NFKC-normalised, trimmed text ('１３８' → '138'); numbers without a trailing '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def normalise_phone(value) -> str:
    """Digits only, with a leading ``+86``, ``0086`` or ``86`` (before 11 digits) removed."""
    digits = re.sub(r"[\s\-()]", "", text(value))
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def normalise_id_number(value) -> str:
    return re.sub(r"\s", "", text(value)).upper()


def parse_date(value) -> dt.date:
    """A date from a date cell, an Excel serial (45717 → 2025-03-01) or text in the usual Chinese forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's own range: 1900-01-01 … 9999-12-31
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(value)
    raw = text(value)
    if raw.isdigit() and len(raw) == 8:
        return dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    if raw.isdigit() and len(raw) <= 6:
        return parse_date(int(raw))
    match = _DATE_RE.match(raw)
    if not match:
        raise ValueError(raw)
    return dt.date(*(int(g) for g in match.groups()))


def parse_money(value) -> Decimal:
    raw = text(value).replace(",", "").replace("元", "").replace("¥", "").strip()
    amount = Decimal(raw).quantize(Decimal("0.01"))
    if not amount.is_finite():
        raise InvalidOperation(raw)
    return amount


def _normalise_cell(name: str, header: str, raw, errors: list[str]):
    if name == "worker_phone":
        phone = normalise_phone(raw)
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            errors.append(_("{col}：{msg}").format(col=header, msg=exc.messages[0]))
        return phone
    if name == "worker_id_number":
        id_number = normalise_id_number(raw)
        try:
            validate_id_number(id_number)
        except ValidationError as exc:
            errors.append(_("{col}：{msg}").format(col=header, msg=exc.messages[0]))
        return id_number
    if name in DATE_FIELDS:
        try:
            return parse_date(raw)
        except (ValueError, TypeError, OverflowError):
            errors.append(_("{col}：“{value}”不是有效日期（可写 2026-03-01 或 Excel 日期）").format(col=header, value=text(raw)))
            return None
    if name in MONEY_FIELDS:
        try:
            return parse_money(raw)
        except (InvalidOperation, ValueError):
            errors.append(_("{col}：“{value}”不是有效金额").format(col=header, value=text(raw)))
            return None
    if name == "probation_months":
        value = text(raw)
        if not value.isdigit():
            errors.append(_("{col}：“{value}”应为不小于 0 的整数").format(col=header, value=value))
            return 0
        return int(value)
    if name == "term_type":
        value = _TERM_WORDS.get(text(raw))
        if value is None:
            errors.append(_("{col}：“{value}”应为固定期限、无固定期限或以完成一定工作任务为期限").format(col=header, value=text(raw)))
        return value or ""
    if name == "working_hour_system":
        value = _HOURS_WORDS.get(text(raw))
        if value is None:
            errors.append(_("{col}：“{value}”应为标准工时制、综合计算工时制或不定时工作制").format(col=header, value=text(raw)))
        return value or ""
    return text(raw)


def _raw_rows(content: bytes, file_name: str) -> Iterator[tuple]:
    """The file's rows through the platform's bounded reader (zip-bomb checks, row and cell caps)."""
    try:
        yield from iter_rows(content, file_name)
    except SpreadsheetRejected as exc:
        raise SheetError(str(exc)) from None


def read_rows(content: bytes, file_name: str, columns: list[tuple[str, str, bool]]) -> Iterator[SheetRow]:
    """Yield each non-empty data row (line numbers as Excel shows them) with its values and problems."""
    rows = _raw_rows(content, file_name)
    header = next(rows, None)
    if header is None:
        raise SheetError(_("文件是空的"))
    positions = {text(h): i for i, h in enumerate(header) if text(h)}
    missing = [h for h, _name, required in columns if required and text(h) not in positions]
    if missing:
        raise SheetError(_("缺少必填列：{columns}（请使用下载的模板）").format(columns="、".join(missing)))
    for line, raw in enumerate(rows, start=2):
        if raw is None or all(text(c) == "" for c in raw):
            continue
        values, errors = {}, []
        for header_text, name, required in columns:
            index = positions.get(text(header_text))  # headers compared after NFKC, like cells
            cell = raw[index] if index is not None and index < len(raw) else None
            if text(cell) == "":
                if required:
                    errors.append(_("{col}：必须填写").format(col=header_text))
                values[name] = None if (name in DATE_FIELDS or name in MONEY_FIELDS) else ("" if name != "probation_months" else 0)
                continue
            values[name] = _normalise_cell(name, header_text, cell, errors)
        yield SheetRow(line=line, values=values, errors=errors)


def template_workbook(columns: list[tuple[str, str, bool]], example: list | None = None) -> bytes:
    """The downloadable Excel template: Chinese headers (required ones bold red), drop-downs, one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "劳动者名单"
    sheet.append([h for h, _n, _r in columns])
    for cell, (_h, _n, required) in zip(sheet[1], columns, strict=True):
        cell.font = Font(bold=True, color="C00000" if required else "000000")
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        sheet.column_dimensions[cell.column_letter].width = max(12, len(cell.value) * 2 + 4)
    if example:
        sheet.append([example[i] if i < len(example) else "" for i in range(len(columns))])
    names = [n for _h, n, _r in columns]
    for name, words in (("term_type", ["固定期限", "无固定期限", "以完成一定工作任务为期限"]),
                        ("working_hour_system", ["标准工时制", "综合计算工时制", "不定时工作制"])):
        if name in names:
            letter = sheet.cell(row=1, column=names.index(name) + 1).column_letter
            validation = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}10000")
    notes = workbook.create_sheet("填写说明")
    notes.append(["说明"])
    for line in (
        "红色表头为必填列；第一行示例可删除。",
        "身份证号码为 18 位，末位可为 X；手机号码为 11 位，可带 +86。",
        "日期写作 2026-03-01，也可直接使用 Excel 日期格式。",
        "试用期：合同期限不满三个月或以完成一定工作任务为期限的不得约定；三个月以上不满一年不超过一个月；"
        "一年以上不满三年不超过二个月；三年以上及无固定期限不超过六个月（《劳动合同法》第十九条）。",
        "试用期工资不得低于合同约定工资的 80%，并不得低于当地最低工资标准（《劳动合同法》第二十条）。",
        "同一用人单位、同一身份证号码、同一开始日期的合同只会创建一次，重复上传不会重复发送。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def result_workbook(title: str, results: list[tuple[int, str, str, str]]) -> bytes:
    """A result sheet: line number, worker name (masked), outcome and the reason, one row per data row."""
    writer = XlsxWriter()
    sheet = writer.add_sheet(title, header=["行号", "姓名", "结果", "原因"])
    sheet.extend(results)
    return writer.to_bytes()
