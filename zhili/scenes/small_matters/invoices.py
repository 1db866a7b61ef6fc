"""Invoice check (发票查验, 普通办转智能办): the fields of a PDF invoice read from its text layer, with the
arithmetic checks (amount + tax = total; the total in words equals the total in figures).

Only PDFs with a text layer are read (pypdf); a scanned PDF or a photo gets a clear answer that image recognition
is not available yet, never a guessed result. Each result carries a confidence: the share of the expected fields
found, and every check that failed is named. Verification against the tax authority's service is not done yet.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10), strict=True))
UNITS = {"拾": 10, "佰": 100, "仟": 1000}
FIELDS = ("code", "number", "date", "buyer", "seller", "amount", "tax", "total", "total_in_words")
_MONEY = r"[¥￥]?\s*(-?\d[\d,]*\.\d{2})"
PATTERNS = {
    "code": r"发票代码[:：]?\s*(\d{10,12})",
    "number": r"发票号码[:：]?\s*(\d{20}|\d{8})",
    "date": r"开票日期[:：]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日",
    "check_code": r"校\s*验\s*码[:：]?\s*([\d\s]{20,26})",
    "buyer": r"购\s*买\s*方.*?名\s*称[:：]\s*(\S+)",
    "seller": r"销\s*售\s*方.*?名\s*称[:：]\s*(\S+)",
    "amount": r"合\s*计\s*" + _MONEY + r"\s*" + r"[¥￥]?\s*-?\d[\d,]*\.\d{2}",
    "tax": r"合\s*计\s*[¥￥]?\s*-?\d[\d,]*\.\d{2}\s*" + _MONEY,
    "total": r"（小写）\s*" + _MONEY,
    "total_in_words": r"价税合计（大写）\s*[ⓧ⊗]?\s*([零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]+)",
}


@dataclass
class InvoiceReading:
    """What was read from one invoice: the fields, the checks and how confident the reading is (0–1)."""

    fields: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)  # (label, passed)
    problems: list = field(default_factory=list)

    @property
    def expected(self) -> tuple:
        """A fully digital invoice (全电发票, 20-digit number) has no invoice code; the others have one."""
        return FIELDS[1:] if len(self.fields.get("number", "")) == 20 else FIELDS

    @property
    def confidence(self) -> float:
        return sum(1 for name in self.expected if self.fields.get(name) not in (None, "")) / len(self.expected)

    @property
    def usable(self) -> bool:
        return not self.problems and self.confidence >= 0.8 and all(passed for _label, passed in self.checks)


def words_to_amount(words: str) -> Decimal | None:
    """A total in capital figures (壹仟贰佰叁拾肆圆伍角陆分) as yuan; None when it cannot be read."""
    words = words.replace("元", "圆").rstrip("整正")
    yuan_part, _sep, fraction = words.partition("圆")
    total = 0
    section = number = 0
    for char in yuan_part:
        if char in DIGITS:
            number = DIGITS[char]
        elif char in UNITS:
            section += (number or 1) * UNITS[char]
            number = 0
        elif char in ("万", "亿"):
            section += number
            total = (total + section) * (10_000 if char == "万" else 100_000_000)
            section = number = 0
        else:
            return None
    total += section + number
    cents = 0
    for match in re.finditer(r"([零壹贰叁肆伍陆柒捌玖])([角分])", fraction):
        cents += DIGITS[match.group(1)] * (10 if match.group(2) == "角" else 1)
    return Decimal(total) + Decimal(cents) / 100


def _money(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def read_invoice_text(text: str) -> InvoiceReading:
    """Fields and checks from an invoice's text."""
    reading = InvoiceReading()
    flat = re.sub(r"[ \t]+", " ", text or "")
    for name, pattern in PATTERNS.items():
        match = re.search(pattern, flat, re.S)
        if match is None:
            continue
        if name == "date":
            try:
                reading.fields[name] = dt.date(*(int(g) for g in match.groups())).isoformat()
            except ValueError:
                reading.problems.append(_("开票日期不是有效日期"))
        elif name == "check_code":
            reading.fields[name] = re.sub(r"\s", "", match.group(1))
        else:
            reading.fields[name] = match.group(1).strip()
    amount, tax, total = (_money(reading.fields.get(k)) for k in ("amount", "tax", "total"))
    if None not in (amount, tax, total):
        reading.checks.append((_("金额 + 税额 = 价税合计"), amount + tax == total))
    words = reading.fields.get("total_in_words")
    if words and total is not None:
        reading.checks.append((_("大写金额与小写金额一致"), words_to_amount(words) == total))
    missing = [name for name in reading.expected if name not in reading.fields]
    if missing:
        reading.problems.append(_("未识别的项目：{fields}").format(fields="、".join(missing)))
    return reading


def read_invoice_pdf(data: bytes) -> InvoiceReading:
    """Fields and checks from a PDF invoice's text layer; a PDF without text gets a clear answer, no guess."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages[:3])
    except (PdfReadError, ValueError, OSError):
        return InvoiceReading(problems=[_("文件不是可读取的 PDF")])
    if not text.strip():
        return InvoiceReading(problems=[_("PDF 中没有可读取的文字（可能是扫描件）；图片识别尚未提供，请上传电子发票原件")])
    if "发票" not in text:
        return InvoiceReading(problems=[_("这份 PDF 看起来不是发票")])
    return read_invoice_text(text)
