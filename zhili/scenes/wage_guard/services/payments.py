"""The general contractor pays on behalf (总包代发) from the special account: a bank payment file, the bank's return.

Payment file (批量代发文件), UTF-8 text, one record per line, fields separated by ``|``::

    H|<批次号>|<付款账号>|<付款户名>|<笔数>|<金额合计>|<日期 YYYYMMDD>
    D|<序号>|<收款卡号>|<收款人姓名>|<金额>|<用途>

Return file (回盘文件) from the bank::

    H|<批次号>|<笔数>|<金额合计>|<处理日期 YYYYMMDD>
    D|<序号>|<收款卡号>|<金额>|<S 成功 / F 失败>|<银行说明>

Amounts in yuan with two decimals. That is the platform's own layout (``bank_layouts.PipeLayout``); each special
account names its bank's layout (``bank_layouts``: the platform's, a column-order text file, or one registered for
a bank), and every batch is written and its return read in the layout it was made with. A month's file is made once per team; later files carry only the lines the bank
failed (retries) or lines confirmed since; no line is ever in two open files and a paid line never again.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from ..choices import BatchStatus, LineStatus, PaymentStatus, SheetStatus, TransactionKind
from ..models import PaymentBatch, PaymentLine, SpecialAccount, WageLine, WageSheet
from .bank_layouts import PayRow, layout_for
from .common import CENT, digest_of
from .projects import credit_account

MAX_RETURN_BYTES = 20 * 1024 * 1024


def payable_lines(sheet: WageSheet, today: dt.date):
    """Lines to pay: confirmed, or unanswered past the deadline; disputed ones wait; paid ones never again."""
    lines = []
    for line in sheet.lines.select_related("entry__worker").order_by("entry__badge"):
        open_amount = line.net - line.paid_amount
        if open_amount <= 0:
            continue
        if line.status == LineStatus.CONFIRMED or (
                line.status == LineStatus.PENDING and sheet.confirm_by and today > sheet.confirm_by):
            lines.append((line, open_amount))
    return lines


def render_payment_file(batch: PaymentBatch, account: SpecialAccount, rows: list[tuple[int, WageLine, Decimal]],
                        day: dt.date) -> str:
    """The payment file in the batch's bank layout (``bank_layouts``)."""
    layout = layout_for(batch.layout)
    return layout.render(number=batch.number, payer_account=account.account_number, payer_name=account.account_name,
                         day=day, rows=[PayRow(serial, line.entry.bank_card, line.entry.worker.name, amount,
                                               f"{batch.sheet.month:%Y-%m}工资") for serial, line, amount in rows])


@transaction.atomic
def create_payment_batch(sheet: WageSheet, *, actor, today: dt.date | None = None) -> PaymentBatch:
    """Make the month's bank payment file for the sheet (once), or a retry file for what is still unpaid."""
    require(actor, "wage_guard.project.manage", sheet.project)
    sheet = WageSheet.objects.select_for_update().select_related("project", "team").get(pk=sheet.pk)
    today = today or timezone.localdate()
    if sheet.status == SheetStatus.DRAFT:
        raise ValidationError({"sheet": _("工资表尚未下发确认，不能生成代发文件")}, code="not_issued")
    open_batch = sheet.batches.filter(status=BatchStatus.SENT).first()
    if open_batch is not None:
        raise ValidationError({"sheet": _("批次 {n} 尚未回盘对账，不能再生成代发文件").format(n=open_batch.number)},
                              code="batch_open")
    lines = payable_lines(sheet, today)
    if not lines:
        if sheet.batches.exists():
            raise ValidationError({"sheet": _("{m} 本班组的代发文件已生成，没有待重发或新确认的工资").format(
                m=sheet.month.strftime("%Y-%m"))}, code="already_produced")
        raise ValidationError({"sheet": _("没有可发放的工资明细（待工人确认或确认期未满）")}, code="nothing_payable")
    account = SpecialAccount.objects.select_for_update().filter(project=sheet.project).first()
    if account is None:
        raise ValidationError({"sheet": _("项目尚未开立工资专用账户")}, code="no_account")
    total = sum((amount for _line, amount in lines), Decimal("0.00"))
    if account.balance < total:
        raise ValidationError({"sheet": _("专用账户余额 {b} 元不足以支付本批 {t} 元").format(b=account.balance, t=total)},
                              code="insufficient_balance")
    sequence = (sheet.batches.aggregate(m=Max("sequence"))["m"] or 0) + 1
    batch = PaymentBatch(sheet=sheet, sequence=sequence, line_count=len(lines), total=total, created_by=actor,
                         layout=account.bank_layout,
                         number=f"WG{sheet.project_id:05d}{sheet.month:%Y%m}{sheet.team_id:05d}{sequence:02d}")
    rows = [(serial, line, amount) for serial, (line, amount) in enumerate(lines, start=1)]
    batch.content = render_payment_file(batch, account, rows, today)
    batch.digest = hashlib.sha256(batch.content.encode()).hexdigest()
    batch.save()
    PaymentLine.objects.bulk_create([PaymentLine(batch=batch, wage_line=line, serial=serial, amount=amount)
                                     for serial, line, amount in rows])
    if sheet.status == SheetStatus.ISSUED:
        sheet.status = SheetStatus.PAYING
        sheet.save(update_fields=["status", "updated_at"])
    data = {"batch": batch.number, "sheet": sheet.pk, "sequence": sequence, "lines": len(rows),
            "total": str(total), "file_sha256": batch.digest}
    audit.record("wage_guard.batch.created", actor=actor, target=batch, data=data)
    ledger.append(kind="wage_guard.batch.created", subject=batch, actor=actor, digest=batch.digest, data=data)
    return batch


@dataclass
class ReturnError:
    line: int
    reason: str


@dataclass
class ReconcileReport:
    paid: int = 0
    failed: int = 0
    paid_total: Decimal = Decimal("0.00")
    errors: list[ReturnError] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.errors


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value == value.quantize(CENT) else None


def _parse_return(content: bytes, batch: PaymentBatch, lines: dict[int, PaymentLine]):
    """Check the return file against the batch; returns the report (with errors) and the answers by serial."""
    report = ReconcileReport()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("gb18030", errors="replace")
    read = layout_for(batch.layout).read_return(text)
    report.errors.extend(ReturnError(n, reason) for n, reason in read.errors)
    if not read.rows and not read.errors:
        report.errors.append(ReturnError(1, _("回盘文件没有明细行")))
    head = read.head
    day = timezone.localdate()
    if head is not None and head.number is not None:
        if head.number != batch.number:
            report.errors.append(ReturnError(1, _("批次号 {a} 与代发批次 {b} 不符").format(a=head.number, b=batch.number)))
        if head.count != str(batch.line_count):
            report.errors.append(ReturnError(1, _("笔数 {a} 与代发文件的 {b} 笔不符").format(a=head.count, b=batch.line_count)))
        if _amount(head.total or "") != batch.total:
            report.errors.append(ReturnError(1, _("金额合计 {a} 与代发文件的 {b} 不符").format(a=head.total, b=batch.total)))
        try:
            day = dt.datetime.strptime(head.day or "", "%Y%m%d").date()
        except ValueError:
            report.errors.append(ReturnError(1, _("处理日期 {a} 不是 YYYYMMDD").format(a=head.day)))
    answers: dict[int, tuple[str, str, int]] = {}
    refused: set[int] = set()
    for row in read.rows:
        number = row.line
        serial = int(row.serial) if row.serial.isdigit() else None
        line = lines.get(serial)
        if line is None:
            report.errors.append(ReturnError(number, _("序号 {s} 不在代发文件中").format(s=row.serial)))
            continue
        if serial in answers:
            report.errors.append(ReturnError(number, _("序号 {s} 重复（第 {n} 行已有）").format(
                s=serial, n=answers[serial][2])))
            continue
        if row.card != line.wage_line.entry.bank_card:
            report.errors.append(ReturnError(number, _("序号 {s} 的卡号与代发文件不符").format(s=serial)))
            refused.add(serial)
            continue
        if _amount(row.amount) != line.amount:
            report.errors.append(ReturnError(number, _("序号 {s} 的金额 {a} 与代发文件的 {b} 不符").format(
                s=serial, a=row.amount, b=line.amount)))
            refused.add(serial)
            continue
        if row.result not in ("S", "F"):
            report.errors.append(ReturnError(number, _("序号 {s} 的结果须为 S 或 F").format(s=serial)))
            refused.add(serial)
            continue
        answers[serial] = (row.result, row.message.strip()[:200], number)
    last = max((r.line for r in read.rows), default=1)
    for serial in sorted(set(lines) - set(answers) - refused):
        report.errors.append(ReturnError(last + 1, _("序号 {s} 在回盘文件中缺失").format(s=serial)))
    return report, answers, day


@transaction.atomic
def reconcile_return_file(batch: PaymentBatch, *, content: bytes, actor) -> ReconcileReport:
    """Apply the bank's return file: successes paid and debited, failures kept for a retry; all lines or none."""
    require(actor, "wage_guard.project.manage", batch.sheet.project)
    if len(content) > MAX_RETURN_BYTES:
        raise ValidationError({"file": _("回盘文件超过 20 MB")}, code="file_too_large")
    batch = PaymentBatch.objects.select_for_update().select_related("sheet__project").get(pk=batch.pk)
    if batch.status != BatchStatus.SENT:
        raise ValidationError({"file": _("批次 {n} 已对账").format(n=batch.number)}, code="already_reconciled")
    lines = {p.serial: p for p in batch.lines.select_related("wage_line__entry__worker")}
    report, answers, day = _parse_return(content, batch, lines)
    if report.errors:
        audit.record("wage_guard.batch.return_rejected", actor=actor, target=batch,
                     data={"errors": len(report.errors)})
        return report
    records = []
    for serial, (result, message, _number) in sorted(answers.items()):
        pay = lines[serial]
        pay.status = PaymentStatus.PAID if result == "S" else PaymentStatus.FAILED
        pay.bank_message = message
        pay.save(update_fields=["status", "bank_message", "updated_at"])
        wage = pay.wage_line
        if result == "S":
            wage.paid_amount += pay.amount
            wage.paid_on = day
            wage.save(update_fields=["paid_amount", "paid_on", "updated_at"])
            report.paid += 1
            report.paid_total += pay.amount
        else:
            report.failed += 1
        data = {"batch": batch.number, "serial": serial, "line": wage.pk, "worker": wage.entry.worker_id,
                "amount": str(pay.amount), "result": pay.status, "bank_message": message, "day": day.isoformat()}
        records.append({"kind": "wage_guard.wage.paid" if result == "S" else "wage_guard.wage.payment_failed",
                        "subject": wage, "digest": digest_of(data), "data": data})
    account = SpecialAccount.objects.select_for_update().get(project=batch.sheet.project)
    if report.paid_total:
        credit_account(account, kind=TransactionKind.WAGE_PAID, amount=-report.paid_total, occurred_on=day,
                       reference=_("代发批次 {n}").format(n=batch.number))
    batch.status, batch.reconciled_at = BatchStatus.RECONCILED, timezone.now()
    batch.save(update_fields=["status", "reconciled_at", "updated_at"])
    sheet = batch.sheet
    if all(x.paid_amount >= x.net for x in sheet.lines.all()):
        sheet.status = SheetStatus.PAID
        sheet.save(update_fields=["status", "updated_at"])
    ledger.append_many(records, actor=actor)
    audit.record("wage_guard.batch.reconciled", actor=actor, target=batch,
                 data={"paid": report.paid, "failed": report.failed, "paid_total": str(report.paid_total)})
    events.publish("wage_guard.batch.reconciled", batch_id=batch.pk, paid=report.paid, failed=report.failed)
    return report
