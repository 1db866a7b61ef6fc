"""Invoice check (发票查验, 普通办转智能办): the fields of an invoice read from a photo, a scan or a PDF, with the
arithmetic checks (amount + tax = total; the total in words equals the total in figures) and the QR code.

The seven types of the seed are recognised (``KINDS``): 增值税发票 (专用/普通, paper), 电子发票 (全电, 普通/专用),
通用机打发票, 机动车销售统一发票, 二手车销售统一发票, 手工定额发票 and 出租车发票. A PDF with a text layer is read
from its text (pypdf); a photo (JPEG, PNG) or a PDF without text goes through offline OCR (``ocr``, ADR 0019).

The answer is never a confident guess:
- each field carries the recogniser's score for the line it came from; a field read from the QR code, or agreeing
  with it, is marked so;
- the QR code of a VAT invoice (code, number, amount, date, check code) is compared with what was read, and any
  disagreement is named;
- an image turned upside down or sideways is read the right way round, and the reading says so;
- an image in which no invoice type and too few fields are found gets "未能识别为发票" and no fields at all;
- ``usable`` only when every expected field was read with a high score, every check passed and nothing disagreed.
"""

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10), strict=True))
UNITS = {"拾": 10, "佰": 100, "仟": 1000}
FIELDS = ("code", "number", "date", "buyer", "seller", "amount", "tax", "total", "total_in_words")
FIELD_LABELS = {
    "code": gettext_lazy("发票代码"), "number": gettext_lazy("发票号码"), "date": gettext_lazy("开票日期"),
    "check_code": gettext_lazy("校验码"), "buyer": gettext_lazy("购买方"), "seller": gettext_lazy("销售方"),
    "amount": gettext_lazy("金额（不含税）"), "tax": gettext_lazy("税额"), "total": gettext_lazy("价税合计"),
    "total_in_words": gettext_lazy("大写金额"), "vin": gettext_lazy("车辆识别代号"), "plate": gettext_lazy("车号"),
}
KINDS = {
    "vat": gettext_lazy("增值税发票（专用/普通）"), "e_invoice": gettext_lazy("电子发票（全电）"),
    "general": gettext_lazy("通用机打发票"), "motor": gettext_lazy("机动车销售统一发票"),
    "used_car": gettext_lazy("二手车销售统一发票"), "quota": gettext_lazy("手工定额发票"),
    "taxi": gettext_lazy("出租车发票"),
}
# the title that names each type; the more specific first
TITLES = (("motor", r"机动车销售统一发票"), ("used_car", r"二手车销售统一发票"), ("taxi", r"出租(汽)?车"),
          ("quota", r"定额发票"), ("general", r"通用机打发票"), ("e_invoice", r"电子发票[（(](普通发票|增值税专用发票)"),
          ("vat", r"增值税(普通|专用)发票"))
EXPECTED = {
    "vat": ("code", "number", "date", "buyer", "seller", "amount", "tax", "total", "total_in_words"),
    "e_invoice": ("number", "date", "buyer", "seller", "amount", "tax", "total", "total_in_words"),
    "general": ("code", "number", "date", "buyer", "seller", "total", "total_in_words"),
    "motor": ("code", "number", "date", "buyer", "seller", "amount", "tax", "total", "total_in_words", "vin"),
    "used_car": ("code", "number", "date", "buyer", "seller", "total", "total_in_words", "vin"),
    "quota": ("code", "number", "total", "total_in_words"),
    "taxi": ("code", "number", "date", "total", "plate"),
}
# the QR code's type codes (the second item) and the type they mean
QR_KINDS = {"01": "vat", "04": "vat", "10": "vat", "03": "motor", "15": "used_car", "31": "e_invoice", "32": "e_invoice"}
LOW_SCORE = 0.85  # a line read with less is shown, flagged, and never makes a reading usable
_MONEY = r"[¥￥Y]?\s*(-?\d[\d,]*\.\d{2})"
_CAPITALS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正"
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
    """What was read from one invoice: its type, the fields with a score each, the checks, and what went wrong."""

    fields: dict = field(default_factory=dict)
    checks: list = field(default_factory=list)  # (label, passed)
    problems: list = field(default_factory=list)
    kind: str | None = None
    scores: dict = field(default_factory=dict)  # field → 0–1; absent means read from a text layer (1.0)
    sources: dict = field(default_factory=dict)  # field → "qr" where the QR code gave or confirmed it
    notes: list = field(default_factory=list)  # what was done: a rotation, OCR of a scanned PDF
    qr: dict = field(default_factory=dict)
    recognised: bool = True  # False: not an invoice, no fields given

    @property
    def expected(self) -> tuple:
        if self.kind:
            base = EXPECTED[self.kind]
            if self.kind == "vat" and ("check_code" in self.fields or self.qr.get("check_code")):
                return (*base, "check_code")
            return base
        # A fully digital invoice (全电发票, 20-digit number) has no invoice code; the others have one.
        return FIELDS[1:] if len(self.fields.get("number", "")) == 20 else FIELDS

    def score(self, name: str) -> float:
        if self.fields.get(name) in (None, ""):
            return 0.0
        return self.scores.get(name, 1.0)

    @property
    def confidence(self) -> float:
        """The mean score over the fields this type of invoice carries (a missing field scores 0)."""
        if not self.recognised:
            return 0.0
        return sum(self.score(name) for name in self.expected) / len(self.expected)

    @property
    def usable(self) -> bool:
        return (self.recognised and not self.problems and self.confidence >= 0.9
                and all(self.score(name) >= LOW_SCORE for name in self.expected)
                and all(passed for _label, passed in self.checks))

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, "") if self.kind else ""

    def rows(self) -> list:
        """(label, value, score %, flag) for the page, in the order of the form."""
        order = [n for n in FIELD_LABELS if n in self.fields or n in self.expected]
        out = []
        for name in order:
            value = self.fields.get(name, "")
            score = self.score(name)
            flag = "qr" if self.sources.get(name) == "qr" else ("low" if value and score < LOW_SCORE else "")
            out.append((FIELD_LABELS[name], value, round(score * 100), flag))
        return out


def words_to_amount(words: str) -> Decimal | None:
    """A total in capital figures (壹仟贰佰叁拾肆圆伍角陆分) as yuan; None when it cannot be read."""
    words = words.replace("元", "圆").rstrip("整正")
    yuan_part, _sep, fraction = words.partition("圆") if "圆" in words else ("", "", words)
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
    if not yuan_part and not cents:
        return None
    return Decimal(total) + Decimal(cents) / 100


def _money(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _plain(amount: str) -> str:
    value = _money(amount)
    return f"{value:.2f}" if value is not None else amount


def _add_checks(reading: InvoiceReading) -> None:
    amount, tax, total = (_money(reading.fields.get(k)) for k in ("amount", "tax", "total"))
    if None not in (amount, tax, total):
        reading.checks.append((_("金额 + 税额 = 价税合计"), amount + tax == total))
    words = reading.fields.get("total_in_words")
    if words and total is not None:
        reading.checks.append((_("大写金额与小写金额一致"), words_to_amount(words) == total))
    vin = reading.fields.get("vin")
    if vin:
        from .invoice_layouts import vin_check_digit

        try:
            reading.checks.append((_("车辆识别代号校验位正确"), vin_check_digit(vin) == vin[8]))
        except KeyError:
            reading.checks.append((_("车辆识别代号校验位正确"), False))


def _kind_of(text: str) -> str | None:
    for kind, pattern in TITLES:
        if re.search(pattern, text):
            return kind
    return None


def read_invoice_text(text: str) -> InvoiceReading:
    """Fields and checks from an invoice's text layer."""
    reading = InvoiceReading()
    flat = re.sub(r"[ \t]+", " ", text or "")
    reading.kind = _kind_of(flat)
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
        elif name in ("amount", "tax", "total"):
            reading.fields[name] = _plain(match.group(1))
        else:
            reading.fields[name] = match.group(1).strip()
    if reading.kind not in (None, "vat", "e_invoice"):
        reading.kind = None  # the text patterns are those of the VAT forms
    _add_checks(reading)
    missing = [name for name in reading.expected if name not in reading.fields]
    if missing:
        reading.problems.append(_("未识别的项目：{fields}").format(fields="、".join(str(FIELD_LABELS[m]) for m in missing)))
    return reading


# ------------------------------------------------------------------ images


def _clean(text: str) -> str:
    text = re.sub(r"\s+", "", text).replace("：", ":").replace("￥", "¥").replace("（", "(").replace("）", ")")
    return text


HEADER = re.compile(r"发票代码|发票号码|开票日期|发票联|发票$|机器编号")
FOOTER = re.compile(r"价税合计|^合计|开票人|收款人|销售方|销货单位|车价合计|收款单位|金额:|经营、拍卖单位")


def _upright(lines: list, width: float, height: float) -> tuple[list, bool]:
    """The lines in the frame of the upright page: the invoice's header (code, number, date, title) sits above its
    totals and signatures; when it is below them the page was upside down."""
    head = [line.cy for line in lines if HEADER.search(_clean(line.text))]
    foot = [line.cy for line in lines if FOOTER.search(_clean(line.text))]
    if head and foot and statistics.mean(head) > statistics.mean(foot):
        return [line.turned(width, height) for line in lines], True
    return lines, False


def _reading_order(lines: list) -> list:
    """Top to bottom, then left to right within a line of the page (boxes whose middles are within half a height)."""
    ordered = sorted(lines, key=lambda line: line.cy)
    rows, current = [], []
    for line in ordered:
        if current and abs(line.cy - statistics.mean(c.cy for c in current)) > 0.5 * max(line.height, 8):
            rows.append(current)
            current = []
        current.append(line)
    if current:
        rows.append(current)
    return [sorted(row, key=lambda line: line.x0) for row in rows]


class _Lines:
    """The recognised lines of one page with the searches the field rules need."""

    def __init__(self, rows: list):
        self.rows = rows
        self.lines = [(line, _clean(line.text)) for row in rows for line in row]

    def first(self, pattern: str, *, last: bool = False):
        """(match, score) of the first (or last) line matching, in reading order."""
        found = None
        for line, text in self.lines:
            match = re.search(pattern, text)
            if match:
                found = (match, line.score)
                if not last:
                    return found
        return found

    def right_of(self, pattern: str, value: str, count: int = 1):
        """Values on the same row right of the label line (a label and its value in separate boxes)."""
        for row in self.rows:
            texts = [(line, _clean(line.text)) for line in row]
            for index, (_line, text) in enumerate(texts):
                if re.search(pattern, text):
                    found = []
                    for other, other_text in texts[index:]:
                        for match in re.finditer(value, other_text if other is not _line else re.sub(pattern, "", text)):
                            found.append((match.group(1), other.score))
                    if len(found) >= count:
                        return found[:count]
        return None


PARTY_RULES = {
    "vat": (r"^名?称:(.{2,})$", r"^名?称:(.{2,})$"),
    "e_invoice": (r"^名?称:(.{2,})$", r"^名?称:(.{2,})$"),
    "general": (r"付款方名称:?(.{2,})$", r"收款方名称:?(.{2,})$"),
    "motor": (r"购买方名称[^:]*:(.{2,})$", r"销货单位名称:?(.{2,})$"),
    "used_car": (r"买方单位[^:]*:(.{2,})$", r"卖方单位[^:]*:(.{2,})$"),
}


def _extract(kind: str, page: _Lines) -> tuple[dict, dict]:
    fields, scores = {}, {}

    def put(name, value, score):
        if value:
            fields[name], scores[name] = value, score

    if "code" in EXPECTED[kind]:
        hit = page.first(r"发票代码:?(\d{10,12})(?!\d)")
        if hit:
            put("code", hit[0].group(1), hit[1])
    hit = page.first(r"发票号码:?(\d{20}|\d{8})(?!\d)")
    if hit:
        put("number", hit[0].group(1), hit[1])
    hit = page.first(r"(?:开票)?日期:?(\d{4})(?:年|-)(\d{1,2})(?:月|-)(\d{1,2})")
    if hit and "date" in EXPECTED[kind]:
        try:
            put("date", dt.date(*(int(g) for g in hit[0].groups())).isoformat(), hit[1])
        except ValueError:
            pass
    hit = page.first(r"校验码:?(\d{20})(?!\d)")
    if hit and kind == "vat":
        put("check_code", hit[0].group(1), hit[1])
    if kind in PARTY_RULES:
        buyer_rule, seller_rule = PARTY_RULES[kind]
        if buyer_rule == seller_rule:  # two 名称 lines: the buyer's comes first (above, or left of, the seller's)
            hits = [(m, line.score) for line, text in page.lines if (m := re.search(buyer_rule, text))]
            buyer, seller = (hits[0], hits[-1]) if len(hits) >= 2 else (None, None)
        else:
            buyer, seller = page.first(buyer_rule), page.first(seller_rule, last=True)
        if buyer:
            put("buyer", buyer[0].group(1), buyer[1])
        if seller:
            put("seller", seller[0].group(1), seller[1])
    money = r"¥?(\d[\d,]*\.\d{2})"
    if kind in ("vat", "e_invoice"):
        pair = page.right_of(r"^合计", money, 2)
        if pair:
            put("amount", _plain(pair[0][0]), pair[0][1])
            put("tax", _plain(pair[1][0]), pair[1][1])
        hit = page.first(r"小写\)?:?" + money)
        if hit:
            put("total", _plain(hit[0].group(1)), hit[1])
    elif kind == "motor":
        hit = page.first(r"不含税价:?(?:小写)?" + money)
        if hit:
            put("amount", _plain(hit[0].group(1)), hit[1])
        hit = page.first(r"增值税税额:?" + money)
        if hit:
            put("tax", _plain(hit[0].group(1)), hit[1])
        hit = page.first(r"^小写:?" + money) or page.first(r"价税合计.*小写:?" + money)
        if hit:
            put("total", _plain(hit[0].group(1)), hit[1])
    elif kind in ("general", "used_car"):
        hit = page.first(r"小写\)?:?" + money)
        if hit:
            put("total", _plain(hit[0].group(1)), hit[1])
    elif kind == "quota":
        hit = page.first(r"^¥" + r"(\d+\.\d{2})$")
        if hit:
            put("total", _plain(hit[0].group(1)), hit[1])
    elif kind == "taxi":
        hit = page.first(r"(?:实收)?金额:?" + money)
        if hit:
            put("total", _plain(hit[0].group(1)), hit[1])
        hit = page.first(r"车号:?([\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6})$")
        if hit:
            put("plate", hit[0].group(1), hit[1])
    if "total_in_words" in EXPECTED[kind]:
        best = None
        for line, text in page.lines:
            for run in re.findall(f"[{_CAPITALS}]{{2,}}", text):
                if words_to_amount(run) is not None and (best is None or len(run) > len(best[0])):
                    best = (run, line.score)
        if best:
            put("total_in_words", best[0], best[1])
    if kind in ("motor", "used_car"):
        hit = page.first(r"车架号码:?([0-9A-Z]{17})$")
        if hit:
            vin = hit[0].group(1).replace("O", "0").replace("I", "1").replace("Q", "0")
            put("vin", vin, hit[1])
    return fields, scores


def parse_qr(text: str) -> dict:
    """The VAT invoice QR payload: version, type, code, number, amount, date (YYYYMMDD), check code, hash."""
    parts = text.split(",")
    if len(parts) < 7 or parts[0] != "01" or parts[1] not in QR_KINDS:
        return {}
    try:
        date = dt.datetime.strptime(parts[5], "%Y%m%d").date().isoformat()
    except ValueError:
        return {}
    return {"type": parts[1], "kind": QR_KINDS[parts[1]], "code": parts[2], "number": parts[3],
            "amount": _plain(parts[4]), "date": date, "check_code": parts[6]}


def _cross_check(reading: InvoiceReading, qr: dict) -> None:
    """What the QR code says against what was read: agreeing fields are marked, missing ones are filled from it,
    and a disagreement is a problem that keeps the reading from being usable."""
    reading.qr = qr
    amount_field = "total" if qr["kind"] == "e_invoice" else "amount"
    pairs = [("code", qr["code"]), ("number", qr["number"]), ("date", qr["date"]), (amount_field, qr["amount"])]
    if qr["check_code"] and reading.kind == "vat":
        pairs.append(("check_code", qr["check_code"]))
    for name, value in pairs:
        if not value or name not in EXPECTED.get(reading.kind, ()) + ("check_code",):
            continue
        read = reading.fields.get(name)
        if read in (None, ""):
            reading.fields[name], reading.scores[name], reading.sources[name] = value, 0.99, "qr"
        elif read == value:
            reading.scores[name], reading.sources[name] = max(reading.scores.get(name, 0), 0.99), "qr"
        else:
            reading.problems.append(_("{field}：票面为 {read}，二维码为 {qr}").format(
                field=FIELD_LABELS[name], read=read, qr=value))


def recognise_image(rgb, *, note: str = "") -> InvoiceReading:
    """Fields, scores and checks of the invoice in an RGB image (photo or rasterised scan)."""
    from . import ocr

    reading = InvoiceReading()
    if note:
        reading.notes.append(note)
    height, width = rgb.shape[:2]
    lines = ocr.recognise(rgb)
    tall = [line for line in lines if len(line.text) >= 3]
    if tall and statistics.median((line.y1 - line.y0) / max(line.x1 - line.x0, 1) for line in tall) > 1.2:
        rgb = ocr.rotate(rgb, 1)
        height, width = rgb.shape[:2]
        lines = ocr.recognise(rgb)
        reading.notes.append(_("图像是横置的，已旋转 90° 后识别"))
    lines, _skew = ocr.straighten(lines)
    lines, turned = _upright(lines, width, height)
    if turned:
        reading.notes.append(_("图像上下颠倒，已按旋转 180° 识别"))
    page = _Lines(_reading_order(lines))
    qr = {}
    for text in ocr.read_qr(rgb):
        qr = parse_qr(text)
        if qr:
            break
    reading.kind = _kind_of("".join(t for _l, t in page.lines)) or qr.get("kind")
    if reading.kind is None:
        return _not_an_invoice(reading, lines)
    reading.fields, reading.scores = _extract(reading.kind, page)
    if qr:
        _cross_check(reading, qr)
    found = [name for name in reading.expected if reading.fields.get(name)]
    if len(found) < len(reading.expected) / 2:
        return _not_an_invoice(reading, lines)
    _add_checks(reading)
    missing = [name for name in reading.expected if not reading.fields.get(name)]
    if missing:
        reading.problems.append(_("未识别的项目：{fields}").format(fields="、".join(str(FIELD_LABELS[m]) for m in missing)))
    low = [name for name in found if reading.score(name) < LOW_SCORE]
    if low:
        reading.problems.append(_("识别可信度低，请核对：{fields}").format(fields="、".join(str(FIELD_LABELS[m]) for m in low)))
    return reading


def _not_an_invoice(reading: InvoiceReading, lines: list) -> InvoiceReading:
    reading.fields, reading.scores, reading.sources, reading.recognised = {}, {}, {}, False
    if lines and statistics.mean(line.score for line in lines) < LOW_SCORE:
        reading.problems.append(_("未能识别为发票：图像模糊或光线不足，请对准发票重新拍摄"))
    else:
        reading.problems.append(_("未能识别为发票：没有找到发票的种类和足够的票面项目"))
    return reading


def read_invoice_upload(data: bytes) -> InvoiceReading:
    """Any upload: a PDF (its text, or OCR of its first page when it has none) or a JPEG/PNG photo.
    ``ocr.ImageRejected`` when the file breaks a bound (size, pixels) or is neither."""
    from . import ocr

    if len(data) > ocr.MAX_BYTES:
        raise ocr.ImageRejected(_("文件超过 {mb} MB").format(mb=ocr.MAX_BYTES // (1024 * 1024)))
    if data[:5] == b"%PDF-":
        return read_invoice_pdf(data)
    return recognise_image(ocr.load_image(data))


def read_invoice_pdf(data: bytes) -> InvoiceReading:
    """Fields and checks from a PDF invoice: its text layer, or OCR of its first page when it has no text."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from . import ocr

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages[:3])
    except (PdfReadError, ValueError, OSError):
        return InvoiceReading(problems=[_("文件不是可读取的 PDF")], recognised=False)
    if not text.strip():
        try:
            rgb = ocr.rasterise_pdf(data)
        except ocr.ImageRejected as exc:
            return InvoiceReading(problems=[str(exc)], recognised=False)
        return recognise_image(rgb, note=_("PDF 中没有文字（扫描件），已按图像识别第一页"))
    if "发票" not in text:
        return InvoiceReading(problems=[_("这份 PDF 看起来不是发票")], recognised=False)
    return read_invoice_text(text)
