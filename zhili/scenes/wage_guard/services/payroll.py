"""Monthly wage sheets from attendance × agreed rates; each worker confirms or disputes their line on a phone.

A day counts 1 when its punches span the standard day (8 hours), ½ when they span half of it, else 0; gross =
days × the agreed daily rate; deductions are capped (工资支付暂行规定 Art. 16); net = gross − deductions. A dispute
opens a case (``wage_guard.wage_dispute``) and, by event, can be taken up by mediation.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.cases.api import open_case
from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.notify.api import send_in_app

from ..choices import LineStatus, SheetStatus
from ..models import AttendanceDay, RosterEntry, Team, WageLine, WageSheet
from ..rules import rule
from .common import CENT, digest_of, evidence, money, required

DISPUTE_CASE = "wage_guard.wage_dispute"


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def day_units(hours: Decimal, standard: Decimal) -> Decimal:
    """1 for a full standard day, ½ for at least half of it, else 0."""
    if hours >= standard:
        return Decimal("1")
    if hours >= standard / 2:
        return Decimal("0.5")
    return Decimal("0")


def compute_lines(team: Team, month: dt.date) -> list[dict]:
    """Each worker's days, hours and gross for ``month`` from the team's attendance (nothing written)."""
    standard = rule("standard_day_hours", month).value
    end = next_month(month)
    entries = {e.pk: e for e in RosterEntry.objects.filter(team=team)}
    totals: dict[int, dict] = {}
    for record in AttendanceDay.objects.filter(entry__team=team, day__gte=month, day__lt=end).order_by("day"):
        row = totals.setdefault(record.entry_id, {"entry": entries[record.entry_id], "days": Decimal("0"),
                                                  "hours": Decimal("0")})
        hours = record.hours
        row["hours"] += hours
        row["days"] += day_units(hours, standard)
    for row in totals.values():
        row["gross"] = (row["days"] * row["entry"].daily_rate).quantize(CENT)
    return sorted(totals.values(), key=lambda r: r["entry"].badge)


@transaction.atomic
def build_wage_sheet(team: Team, month: dt.date, *, actor, deductions: dict | None = None,
                     today: dt.date | None = None) -> WageSheet:
    """Make (or, while still a draft, remake) the team's sheet for ``month``; deductions by roster entry id."""
    require(actor, "wage_guard.team.keep", team)
    month = month_start(month)
    today = today or timezone.localdate()
    if month > month_start(today):
        raise ValidationError({"month": _("不能编制未来月份的工资表")}, code="future")
    sheet = WageSheet.objects.select_for_update().filter(team=team, month=month).first()
    if sheet is not None and sheet.status != SheetStatus.DRAFT:
        raise ValidationError({"month": _("{m} 的工资表已下发，不能重新编制").format(m=month.strftime("%Y-%m"))},
                              code="already_issued")
    rows = compute_lines(team, month)
    if not rows:
        raise ValidationError({"month": _("{m} 本班组没有考勤记录").format(m=month.strftime("%Y-%m"))},
                              code="no_attendance")
    cap = rule("deduction_cap_ratio", month)
    deductions = deductions or {}
    known = {r["entry"].pk for r in rows}
    for entry_id in deductions:
        if int(entry_id) not in known:
            raise ValidationError({f"deductions[{entry_id}]": _("该工人本月没有考勤，不能扣款")}, code="unknown_line")
    if sheet is None:
        sheet = WageSheet.objects.create(project=team.project, team=team, month=month)
    else:
        sheet.lines.all().delete()
    lines = []
    for row in rows:
        deduction = money(deductions.get(row["entry"].pk, deductions.get(str(row["entry"].pk), 0)),
                          f"deductions[{row['entry'].pk}]", label=_("代扣款项"), allow_zero=True)
        if deduction > (row["gross"] * cap.value).quantize(CENT):
            raise ValidationError({f"deductions[{row['entry'].pk}]": _(
                "代扣 {d} 元超过应发工资的 {p}%（{ref}）").format(
                d=deduction, p=int(cap.value * 100), ref=cap.reference)}, code="deduction_cap")
        lines.append(WageLine(sheet=sheet, entry=row["entry"], days=row["days"], hours=row["hours"],
                              daily_rate=row["entry"].daily_rate, gross=row["gross"], deductions=deduction,
                              net=row["gross"] - deduction))
    WageLine.objects.bulk_create(lines)
    sheet.total_gross = sum((line.gross for line in lines), Decimal("0.00"))
    sheet.total_net = sum((line.net for line in lines), Decimal("0.00"))
    sheet.save(update_fields=["total_gross", "total_net", "updated_at"])
    audit.record("wage_guard.sheet.built", actor=actor, target=sheet,
                 data={"lines": len(lines), "total_net": str(sheet.total_net)})
    return sheet


@transaction.atomic
def issue_wage_sheet(sheet: WageSheet, *, actor, today: dt.date | None = None) -> WageSheet:
    """Send the sheet to its workers to confirm (签字确认) by the deadline; the sheet's figures go to the ledger."""
    require(actor, "wage_guard.team.keep", sheet.team)
    sheet = WageSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.status != SheetStatus.DRAFT:
        raise ValidationError({"status": _("工资表已下发")}, code="already_issued")
    today = today or timezone.localdate()
    days = rule("confirm_days", today)
    sheet.status, sheet.issued_at = SheetStatus.ISSUED, timezone.now()
    sheet.confirm_by = today + dt.timedelta(days=days.value)
    sheet.save(update_fields=["status", "issued_at", "confirm_by", "updated_at"])
    sheet.lines.update(status=LineStatus.PENDING)
    data = {"sheet": sheet.pk, "team": sheet.team_id, "month": sheet.month.isoformat(),
            "total_net": str(sheet.total_net), "confirm_by": sheet.confirm_by.isoformat(),
            "lines": [[line.entry_id, str(line.net)] for line in sheet.lines.order_by("entry_id")]}
    audit.record("wage_guard.sheet.issued", actor=actor, target=sheet, data={"confirm_by": data["confirm_by"]})
    evidence("wage_guard.sheet.issued", sheet, actor, data)
    for line in sheet.lines.select_related("entry__worker"):
        send_in_app(line.entry.worker, "wage_guard_line_issued",
                    {"month": sheet.month.strftime("%Y-%m"), "project": sheet.project.name, "net": str(line.net),
                     "confirm_by": sheet.confirm_by.isoformat()}, dedup_key=f"wage_guard:line:{line.pk}", actor=actor)
    events.publish("wage_guard.sheet.issued", sheet_id=sheet.pk)
    return sheet


def _answerable(line: WageLine, actor, now) -> WageLine:
    require(actor, "wage_guard.line.answer", line)
    line = WageLine.objects.select_for_update().select_related("sheet__project", "entry").get(pk=line.pk)
    if line.status != LineStatus.PENDING:
        raise ValidationError({"status": _("该工资明细当前为“{s}”，不能再确认或提出异议").format(
            s=LineStatus(line.status).label)}, code="not_pending")
    if timezone.localdate(now) > line.sheet.confirm_by:
        raise ValidationError({"confirm_by": _("确认截止日期 {d} 已过").format(d=line.sheet.confirm_by)},
                              code="deadline_passed")
    return line


@transaction.atomic
def confirm_wage_line(line: WageLine, *, actor, now: dt.datetime | None = None) -> WageLine:
    """The worker confirms their line (工资确认): the confirmation and its figures go to the ledger."""
    now = now or timezone.now()
    line = _answerable(line, actor, now)
    line.status, line.answered_at = LineStatus.CONFIRMED, now
    line.save(update_fields=["status", "answered_at", "updated_at"])
    data = {"line": line.pk, "sheet": line.sheet_id, "worker": actor.pk, "days": str(line.days),
            "gross": str(line.gross), "deductions": str(line.deductions), "net": str(line.net)}
    audit.record("wage_guard.line.confirmed", actor=actor, target=line, data={"net": str(line.net)})
    evidence("wage_guard.line.confirmed", line, actor, data)
    return line


@transaction.atomic
def dispute_wage_line(line: WageLine, *, reason: str, claimed_net=None, actor,
                      now: dt.datetime | None = None) -> WageLine:
    """The worker disputes their line: a case is opened in the project's region (mediation first)."""
    now = now or timezone.now()
    reason = required(reason, "reason", _("异议内容"), 500)
    claimed = money(claimed_net, "claimed_net", label=_("主张金额")) if claimed_net not in (None, "") else None
    line = _answerable(line, actor, now)
    project = line.sheet.project
    case = open_case(DISPUTE_CASE, title=_("{p} {m} 工资异议：{w}").format(
        p=project.name, m=line.sheet.month.strftime("%Y-%m"), w=actor.name)[:200],
        region=project.region, actor=actor, requester=actor, subject=line,
        description=_("{reason}\n工资表实发 {net} 元{claim}").format(
            reason=reason, net=line.net, claim=_("，主张 {c} 元").format(c=claimed) if claimed else ""))
    line.status, line.answered_at, line.dispute_reason, line.dispute_case = LineStatus.DISPUTED, now, reason, case
    line.save(update_fields=["status", "answered_at", "dispute_reason", "dispute_case", "updated_at"])
    data = {"line": line.pk, "sheet": line.sheet_id, "worker": actor.pk, "net": str(line.net),
            "claimed_net": str(claimed) if claimed else None, "reason_sha256": digest_of({"reason": reason}),
            "case": case.number}
    audit.record("wage_guard.line.disputed", actor=actor, target=line, data={"case": case.number})
    evidence("wage_guard.line.disputed", line, actor, data)
    events.publish("wage_guard.wage.disputed", line_id=line.pk, case_id=case.pk, project_id=project.pk,
                   amount=str(claimed or line.net))
    return line


@transaction.atomic
def settle_dispute(line: WageLine, *, net, actor) -> WageLine:
    """The GC records the disputed line's agreed net (after mediation or inspection); it becomes payable."""
    require(actor, "wage_guard.project.manage", line.sheet.project)
    line = WageLine.objects.select_for_update().get(pk=line.pk)
    if line.status != LineStatus.DISPUTED:
        raise ValidationError({"status": _("该工资明细没有异议")}, code="not_disputed")
    amount = money(net, "net", label=_("实发工资"))
    before = line.net
    line.net, line.status = amount, LineStatus.CONFIRMED
    line.gross = max(line.gross, amount + line.deductions)
    line.save(update_fields=["net", "gross", "status", "updated_at"])
    WageSheet.objects.filter(pk=line.sheet_id).update(total_net=sum(
        (x.net for x in WageLine.objects.filter(sheet_id=line.sheet_id)), Decimal("0.00")))
    data = {"line": line.pk, "net_before": str(before), "net": str(amount)}
    audit.record("wage_guard.line.settled", actor=actor, target=line, data=data)
    evidence("wage_guard.line.settled", line, actor, data)
    return line
