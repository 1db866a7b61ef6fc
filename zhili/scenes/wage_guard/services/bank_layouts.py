"""Bank file layouts for 批量代发: how a payment file is written and how the bank's return file is read.

A layout is chosen per special account (``SpecialAccount.bank_layout``) and kept on each batch, so a return file is
always read the way its payment file was written. Two layouts ship:

``platform`` — the platform's own layout (documented in ``docs/scenes/wage_guard.md``), UTF-8, ``|``-separated,
a head line carrying the batch number, count, total and date, then one detail line per payee. No bank publishes it;
it is the pattern of the banks' pipe-separated 代发 text files, and a bank that takes another layout needs a layout
here.

``column_txt`` — the "self-defined column order" text file that Chinese corporate internet banks accept for 代发工资
(the enterprise declares which column holds the serial, card, name, amount and memo; comma-separated, GBK, no head
or total line). Its column order and encoding are this module's choice, described in third-party help pages, not in
a bank's published specification (**not checked** against any bank); the return is read as a comma-separated export
of serial, card, amount, result (成功/失败) and message.

Another bank: register a ``ColumnLayout`` (or any object with the same methods) with ``register_layout``.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PayRow:
    serial: int
    card: str
    name: str
    amount: Decimal
    memo: str


@dataclass(frozen=True)
class ReturnHead:
    """What a return file's head says; ``None`` fields are not in the layout and are not checked."""

    number: str | None = None
    count: str | None = None
    total: str | None = None
    day: str | None = None


@dataclass(frozen=True)
class ReturnRow:
    line: int
    serial: str
    card: str
    amount: str
    result: str  # "S" paid, "F" failed, anything else refused
    message: str


@dataclass
class ReturnRead:
    head: ReturnHead | None = None
    rows: list[ReturnRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class PipeLayout:
    """The platform's own layout (see the module's docstring)."""

    code = "platform"
    label = _("平台通用格式（| 分隔，UTF-8）")
    encoding = "utf-8"
    extension = "txt"
    checked = False
    reference = "平台自定格式，参照银行代发文本文件的常见结构；非任何银行公布的规范"

    def render(self, *, number: str, payer_account: str, payer_name: str, day: dt.date, rows: list[PayRow]) -> str:
        total = sum((r.amount for r in rows), Decimal("0.00"))
        out = [f"H|{number}|{payer_account}|{payer_name}|{len(rows)}|{total:.2f}|{day:%Y%m%d}"]
        out += [f"D|{r.serial}|{r.card}|{r.name}|{r.amount:.2f}|{r.memo}" for r in rows]
        return "\n".join(out) + "\n"

    def read_return(self, text: str) -> ReturnRead:
        read = ReturnRead()
        records = [(n, raw.strip()) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
        if not records or not records[0][1].startswith("H|"):
            read.errors.append((1, str(_("首行须为汇总行（H|批次号|笔数|金额合计|处理日期）"))))
            return read
        head = records[0][1].split("|")
        if len(head) != 5:
            read.errors.append((1, str(_("汇总行应有 5 项，实有 {n} 项")).format(n=len(head))))
            read.head = ReturnHead()
        else:
            read.head = ReturnHead(number=head[1], count=head[2], total=head[3], day=head[4])
        for number, raw in records[1:]:
            parts = raw.split("|")
            if len(parts) != 6 or parts[0] != "D":
                read.errors.append((number, str(_("明细行应为 D|序号|卡号|金额|结果|说明"))))
                continue
            read.rows.append(ReturnRow(number, parts[1], parts[2], parts[3], parts[4], parts[5]))
        return read


class ColumnLayout:
    """A separated text file without head or totals, columns in a declared order (网银"自定义列序"代发文件)."""

    extension = "txt"

    def __init__(self, code: str, label, *, columns: tuple[str, ...], separator: str = ",", encoding: str = "gbk",
                 paid_words: tuple[str, ...] = ("成功",), failed_words: tuple[str, ...] = ("失败",),
                 reference: str = "", checked: bool = False):
        unknown = set(columns) - {"serial", "card", "name", "amount", "memo"}
        if unknown or not {"card", "name", "amount"} <= set(columns):
            raise ValueError(f"layout {code}: columns must include card, name and amount, not {sorted(unknown)}")
        self.code, self.label, self.columns, self.separator = code, label, columns, separator
        self.encoding, self.paid_words, self.failed_words = encoding, paid_words, failed_words
        self.reference, self.checked = reference, checked

    def render(self, *, number: str, payer_account: str, payer_name: str, day: dt.date, rows: list[PayRow]) -> str:
        def cell(row: PayRow, column: str) -> str:
            value = {"serial": str(row.serial), "card": row.card, "name": row.name, "amount": f"{row.amount:.2f}",
                     "memo": row.memo}[column]
            return value.replace(self.separator, " ")

        return "\r\n".join(self.separator.join(cell(r, c) for c in self.columns) for r in rows) + "\r\n"

    def read_return(self, text: str) -> ReturnRead:
        read = ReturnRead(head=None)
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split(self.separator)]
            if len(parts) != 5:
                read.errors.append((number, str(_("明细行应为 序号,卡号,金额,结果,说明"))))
                continue
            serial, card, amount, result, message = parts
            code = "S" if result in self.paid_words else "F" if result in self.failed_words else result
            read.rows.append(ReturnRow(number, serial, card, amount, code, message))
        return read

    def encode(self, content: str) -> bytes:
        return content.encode(self.encoding, errors="strict")


LAYOUTS: dict[str, object] = {}


def register_layout(layout) -> None:
    LAYOUTS[layout.code] = layout


def layout_for(code: str):
    try:
        return LAYOUTS[code or "platform"]
    except KeyError:
        raise LookupError(f"unknown bank layout {code!r}") from None


def layout_choices() -> list[tuple[str, str]]:
    return [(code, str(layout.label)) for code, layout in LAYOUTS.items()]


def encode_file(layout, content: str) -> bytes:
    encode = getattr(layout, "encode", None)
    return encode(content) if encode else content.encode(layout.encoding)


register_layout(PipeLayout())
register_layout(ColumnLayout(
    "column_txt", _("网银自定义列序文本（序号,卡号,姓名,金额,备注；GBK）"),
    columns=("serial", "card", "name", "amount", "memo"),
    reference="企业网银代发工资“上传工资文件格式定义”：按企业定义的列序、逗号分隔、无表头和合计的 TXT；"
              "列序与编码为本平台所选，未与任何银行公布的规范核对"))
