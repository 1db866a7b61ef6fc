"""The day's 一卡通 payment file: every passed plot not yet paid, totals checked, two approvals, then 到账."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from ..choices import ClaimStatus, LineStatus, PaymentFileStatus
from ..models import Claim, Farmer, PaymentFile, PreVerifiedPlot, SubsidyRound
from .common import digest

SEPARATOR = "|"


def render_file(number: str, day: dt.date, rows: list[tuple[str, str, Decimal, str]]) -> str:
    """The bank file: a header (H), one detail line per payee (D: serial, name, card, amount, memo), a trailer (T)
    repeating count and total, as the 一卡通 batch-payment layout the county's bank takes (UTF-8, '|' separated)."""
    total = sum((amount for _n, _c, amount, _m in rows), Decimal("0.00"))
    lines = [SEPARATOR.join(["H", number, day.isoformat(), str(len(rows)), f"{total:.2f}"])]
    lines += [SEPARATOR.join(["D", str(serial), name, card, f"{amount:.2f}", memo])
              for serial, (name, card, amount, memo) in enumerate(rows, start=1)]
    lines.append(SEPARATOR.join(["T", str(len(rows)), f"{total:.2f}"]))
    return "\n".join(lines) + "\n"


def check_file(content: str) -> tuple[int, Decimal]:
    """Read a file back: the header's and trailer's count and total must equal the details'; else ValidationError."""
    lines = content.rstrip("\n").split("\n")
    header, details, trailer = lines[0].split(SEPARATOR), lines[1:-1], lines[-1].split(SEPARATOR)
    amounts = [Decimal(line.split(SEPARATOR)[4]) for line in details]
    count, total = len(amounts), sum(amounts, Decimal("0.00"))
    if (header[0], trailer[0]) != ("H", "T") or int(header[3]) != count or int(trailer[1]) != count \
            or Decimal(header[4]) != total or Decimal(trailer[2]) != total:
        raise ValidationError({"content": _("代发文件不平衡：表头、表尾与明细的笔数或金额不一致")}, code="unbalanced")
    return count, total


@transaction.atomic
def make_payment_file(round_: SubsidyRound, *, day: dt.date | None = None, actor) -> PaymentFile:
    """Put every passed, unpaid plot of the round into the day's file, one line per farmer; totals checked."""
    require(actor, "grain_subsidy.plot.manage", round_.region)
    day = day or timezone.localdate()
    lines = list(PreVerifiedPlot.objects.select_for_update().filter(round=round_, status=LineStatus.PASSED,
                                                                    payment_file__isnull=True)
                 .order_by("farmer_id", "id").values_list("id", "farmer_id", "amount_yuan"))
    if not lines:
        raise ValidationError({"round": _("没有待发放的审核通过地块")}, code="nothing")
    by_farmer: dict[int, Decimal] = {}
    for _pk, farmer_id, amount in lines:
        by_farmer[farmer_id] = by_farmer.get(farmer_id, Decimal("0.00")) + amount
    farmers = {}
    ids = list(by_farmer)
    for start in range(0, len(ids), 5000):
        farmers.update(Farmer.objects.only("id", "name", "bank_card").in_bulk(ids[start:start + 5000]))
    sequence = PaymentFile.objects.filter(round=round_, day=day).count() + 1
    number = f"GS{round_.region.code}{day:%Y%m%d}{round_.pk:04d}{sequence:02d}"
    memo = f"{round_.year}{round_.subsidy_type_choice.label}"
    rows = [(farmers[farmer_id].name, farmers[farmer_id].bank_card, amount, memo)
            for farmer_id, amount in by_farmer.items()]
    content = render_file(number, day, rows)
    count, total = check_file(content)
    expected = sum((amount for _pk, _farmer, amount in lines), Decimal("0.00"))
    if count != len(by_farmer) or total != expected:
        raise ValidationError({"content": _("代发文件合计 {total} 元与审核通过金额 {expected} 元不符，未生成").format(
            total=total, expected=expected)}, code="unbalanced")
    payment_file = PaymentFile.objects.create(round=round_, number=number, day=day, line_count=count,
                                              total_yuan=total, content=content,
                                              digest=hashlib.sha256(content.encode()).hexdigest(), made_by=actor)
    now = timezone.now()
    line_ids = [pk for pk, _farmer, _amount in lines]
    for start in range(0, len(line_ids), 5000):
        PreVerifiedPlot.objects.filter(pk__in=line_ids[start:start + 5000]).update(
            status=LineStatus.IN_FILE, payment_file=payment_file, updated_at=now)
    summary = {"number": number, "count": count, "total_yuan": str(total), "sha256": payment_file.digest}
    audit.record("grain_subsidy.payment_file.made", actor=actor, target=payment_file, data=summary)
    ledger.append(kind="grain_subsidy.payment_file.made", subject=payment_file, actor=actor,
                  digest=payment_file.digest, data=summary)
    return payment_file


@transaction.atomic
def approve_payment_file(payment_file: PaymentFile, *, actor) -> PaymentFile:
    """First and second approval by two different approvers, neither the maker; the second pays (到账)."""
    require(actor, "grain_subsidy.payment.approve", payment_file)
    payment_file = PaymentFile.objects.select_for_update().get(pk=payment_file.pk)
    if actor.pk == payment_file.made_by_id:
        raise PermissionDenied(_("制作人不能审批自己制作的代发文件"))
    if payment_file.status == PaymentFileStatus.PAID:
        raise ValidationError({"status": _("该代发文件已发放")}, code="paid")
    if hashlib.sha256(payment_file.content.encode()).hexdigest() != payment_file.digest:
        raise ValidationError({"content": _("代发文件内容与摘要不符，可能被改动")}, code="tampered")
    check_file(payment_file.content)
    now = timezone.now()
    if payment_file.status == PaymentFileStatus.MADE:
        payment_file.status, payment_file.first_approver = PaymentFileStatus.FIRST_APPROVED, actor
        payment_file.save(update_fields=["status", "first_approver", "updated_at"])
        step = "first_approved"
    else:
        if actor.pk == payment_file.first_approver_id:
            raise PermissionDenied(_("复审须由初审人以外的另一位审批人进行"))
        payment_file.status, payment_file.second_approver, payment_file.paid_at = PaymentFileStatus.PAID, actor, now
        payment_file.save(update_fields=["status", "second_approver", "paid_at", "updated_at"])
        payment_file.lines.update(status=LineStatus.PAID, updated_at=now)
        unsettled = PreVerifiedPlot.objects.filter(claim=OuterRef("pk")).exclude(
            status__in=[LineStatus.PAID, LineStatus.EXCLUDED])
        Claim.objects.filter(pk__in=payment_file.lines.values("claim_id")).exclude(Exists(unsettled)).update(
            status=ClaimStatus.PAID, updated_at=now)
        step = "paid"
    decision = {"number": payment_file.number, "step": step, "total_yuan": str(payment_file.total_yuan),
                "sha256": payment_file.digest}
    audit.record(f"grain_subsidy.payment_file.{step}", actor=actor, target=payment_file, data=decision)
    ledger.append(kind=f"grain_subsidy.payment_file.{step}", subject=payment_file, actor=actor,
                  digest=digest(decision), data=decision)
    if step == "paid":
        events.publish("grain_subsidy.payment_file.paid", payment_file_id=payment_file.pk)
    return payment_file
