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
# Columns read when present but not in the templates: a term given in months instead of an end date.
EXTRA_COLUMNS = [("合同期限（月）", "term_months", False)]
# The headers clerks' own sheets use for the same columns (compared after NFKC, without spaces or "*").
HEADER_VARIANTS = {
    "worker_name": ("劳动者姓名", "员工姓名", "职工姓名"),
    "worker_id_number": ("身份证号", "身份证", "公民身份号码", "证件号码"),
    "worker_phone": ("手机号", "手机", "联系电话", "电话", "联系方式"),
    "job_title": ("岗位", "职位", "工种"),
    "work_place": ("工作地址",),
    "term_type": ("合同类型", "期限类型"),
    "start_date": ("入职日期", "开始日期", "合同起始日期", "起始日期", "合同生效日期"),
    "end_date": ("合同结束日期", "结束日期", "终止日期", "合同到期日期", "到期日期"),
    "probation_months": ("试用期", "试用期月数"),
    "working_hour_system": ("工时制", "工时"),
    "monthly_wage": ("月工资", "工资", "月薪", "工资（元）"),
    "probation_wage": ("试用期工资", "试用期月工资", "试用期月工资（元）"),
    "term_months": ("合同期限", "期限（月）", "合同期限月数"),
    "signed_on": ("签订时间", "签约日期"),
}
DATE_FIELDS = {"start_date", "end_date", "dispatch_start", "dispatch_end", "signed_on"}
MONEY_FIELDS = {"monthly_wage", "probation_wage"}
MONEY_LIMIT = Decimal("100000000")  # the columns hold ten digits, two after the point
MONTH_FIELDS = {"probation_months", "term_months"}
# The template's example row is marked in its name, and an import skips it.
SAMPLE_MARK = "【示例】"
EXAMPLE_ROW = [SAMPLE_MARK + "张伟（导入时自动跳过）", "330182199003071232", "13800000001", "操作工",
               "建德市新安江街道工业园", "固定期限", "2026-03-01", "2029-02-28", "", "3", "标准工时制", "5000", "4000",
               "", "", "", ""]
TEXT_COLUMNS = ("worker_id_number", "worker_phone")  # typed as text in the template (Excel rounds 18 digits)

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
    notes: list[str] = field(default_factory=list)
    sample: bool = False


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
            amount = parse_money(raw)
        except (InvalidOperation, ValueError):
            errors.append(_("{col}：“{value}”不是有效金额").format(col=header, value=text(raw)))
            return None
        if not Decimal(0) <= amount < MONEY_LIMIT:
            errors.append(_("{col}：金额应在 0 至 99,999,999.99 元之间").format(col=header))
            return None
        return amount
    if name in MONTH_FIELDS:
        value = re.sub(r"\s*(个月|个|月)$", "", text(raw))  # "3", "3个月", "3 月"
        if not value.isdigit() or int(value) > 1200:
            errors.append(_("{col}：“{value}”应为不小于 0 的整数（月数）").format(col=header, value=text(raw)))
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


def header_key(value) -> str:
    """A header as compared: NFKC (full-width brackets become ASCII), without spaces and required-marks."""
    return re.sub(r"[\s*＊]", "", text(value))


def _positions(header: tuple, columns: list[tuple[str, str, bool]]) -> dict[str, int]:
    """Each column's index in ``header``: its template header first, else one of its common variants."""
    found = {header_key(h): i for i, h in enumerate(header) if text(h)}
    positions = {}
    for header_text, name, _required in columns:
        for candidate in (header_text, *HEADER_VARIANTS.get(name, ())):
            if header_key(candidate) in found:
                positions[name] = found[header_key(candidate)]
                break
    return positions


def _max_lengths() -> dict[str, int]:
    from django.db import models

    from .models import LaborContract

    lengths = {}
    for model_field in LaborContract._meta.concrete_fields:
        if type(model_field) is models.CharField and not model_field.choices:
            lengths[model_field.name] = model_field.max_length
    return lengths


def is_sample(values: dict) -> bool:
    """The template's example row, marked in its name (an unmarked row is a person, whatever their ID number)."""
    return (values.get("worker_name") or "").startswith((SAMPLE_MARK, "示例"))


def read_rows(content: bytes, file_name: str, columns: list[tuple[str, str, bool]]) -> Iterator[SheetRow]:
    """Yield each non-empty data row (line numbers as Excel shows them) with its values and problems.

    Headers may be the template's or a common variant (身份证号/身份证号码, 手机号/联系电话, 入职日期 …); a term
    given in months (合同期限（月）) fills a missing end date; every text is checked against its column's length.
    """
    rows = _raw_rows(content, file_name)
    header = next(rows, None)
    if header is None:
        raise SheetError(_("文件是空的"))
    columns = list(columns) + [c for c in EXTRA_COLUMNS if c[1] not in {n for _h, n, _r in columns}]
    positions = _positions(header, columns)
    missing = [h for h, name, required in columns if required and name not in positions]
    if missing:
        raise SheetError(_("缺少必填列：{columns}（请使用下载的模板）").format(columns="、".join(missing)))
    lengths = _max_lengths()
    for line, raw in enumerate(rows, start=2):
        if raw is None or all(text(c) == "" for c in raw):
            continue
        values, errors = {}, []
        for header_text, name, required in columns:
            index = positions.get(name)
            cell = raw[index] if index is not None and index < len(raw) else None
            if text(cell) == "":
                if required:
                    errors.append(_("{col}：必须填写").format(col=header_text))
                values[name] = None if (name in DATE_FIELDS or name in MONEY_FIELDS) else (0 if name in MONTH_FIELDS else "")
                continue
            values[name] = _normalise_cell(name, header_text, cell, errors)
            limit = lengths.get(name)
            if limit and isinstance(values[name], str) and len(values[name]) > limit:
                errors.append(_("{col}：不能超过 {limit} 个字符（现为 {length} 个）").format(
                    col=header_text, limit=limit, length=len(values[name])))
        sheet_row = SheetRow(line=line, values=values, errors=errors, sample=is_sample(values))
        _fill_end_from_months(sheet_row)
        yield sheet_row


def _fill_end_from_months(row: SheetRow) -> None:
    """A fixed term given in months (and no end date) ends the day before the same date that many months on."""
    from .rules import add_months

    months, start = row.values.pop("term_months", 0), row.values.get("start_date")
    if months and start and not row.values.get("end_date") and row.values.get("term_type") == TermType.FIXED_TERM:
        row.values["end_date"] = add_months(start, months) - dt.timedelta(days=1)
        row.notes.append(_("合同终止日期按合同期限 {months} 个月计为 {end}").format(
            months=months, end=row.values["end_date"].isoformat()))


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
    for name in TEXT_COLUMNS:  # text, so that Excel keeps all 18 digits (and the X) of an ID number
        if name in names:
            letter = sheet.cell(row=1, column=names.index(name) + 1).column_letter
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, sheet.max_row + 1):
                sheet[f"{letter}{row}"].number_format = "@"
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
        "红色表头为必填列。第二行为示例（姓名以“【示例】”开头），导入时自动跳过，可删除。",
        "身份证号码、手机号码两列为文本格式，请勿改为数字（Excel 会把 18 位数字的后几位变成 0）。",
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
