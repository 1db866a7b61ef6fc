"""The daily checks on every project under construction (the warning model's own indicators).

balance_short: the special account's balance below the unpaid part of the month's issued sheets (MWR Arts. 26, 29);
labor_cost_late: a labour-cost instalment past due and not fully paid (Art. 24); below_minimum: a line whose gross
per hour worked is under the hourly minimum (最低工资规定); late_pay: a sheet still unpaid after the agreed pay day
(Arts. 11–13); attendance_unpaid: workers with attendance in a month whose pay day passed but on no sheet (Art. 31);
paid_unattended: lines paying days without attendance (Art. 28); no_contract: workers on the roster with no labour
contract on record (Art. 28). Each finding is kept once per project, kind and
period; a serious one opens a ``wage_guard.warning`` case for the HR bureau; every finding also goes to the
``wage_guard_checks`` dataset, from which core.indicators rates the enterprises.
"""

import csv
import datetime as dt
import logging
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.cases.api import Priority, open_case
from zhili.core.datapool.api import ingest_file
from zhili.core.foundation.api import audit, events
from zhili.core.indicators.api import evaluate_system

from ..choices import FindingKind, LineStatus, ProjectStatus, SheetStatus
from ..models import (
    AttendanceDay,
    LaborCostInstalment,
    Project,
    RiskFinding,
    RosterEntry,
    SpecialAccount,
    WageLine,
    WageSheet,
)
from ..rules import rule
from .payroll import next_month

logger = logging.getLogger(__name__)
WARNING_CASE = "wage_guard.warning"
SYSTEM = "wage_guard_risk"


@dataclass(frozen=True)
class Found:
    kind: str
    period: str
    uscc: str
    amount: Decimal
    workers: int
    detail: str


def pay_date(project: Project, month: dt.date) -> dt.date:
    """The agreed pay day of ``month``'s wages: the project's day in the next month."""
    return next_month(month).replace(day=project.pay_day)


def _sheet_owner(sheet: WageSheet) -> str:
    sub = sheet.team.subcontract
    return (sub.contractor.uscc if sub else None) or sheet.project.general_contractor.uscc or ""


def project_findings(project: Project, day: dt.date) -> list[Found]:
    """What is wrong on ``project`` on ``day`` (nothing written)."""
    found: list[Found] = []
    gc = project.general_contractor.uscc or ""
    account = SpecialAccount.objects.filter(project=project).first()
    sheets = list(project.sheets.select_related("team__subcontract__contractor", "project__general_contractor")
                  .exclude(status=SheetStatus.DRAFT))
    unpaid = sum((line.net - line.paid_amount for s in sheets if s.status != SheetStatus.PAID
                  for line in s.lines.all() if line.net > line.paid_amount), Decimal("0.00"))
    if account is not None and unpaid > account.balance:
        found.append(Found(FindingKind.BALANCE_SHORT, f"{day:%Y-%m-%d}", gc, unpaid - account.balance, 0,
                           _("待发工资 {u} 元，专用账户余额 {b} 元").format(u=unpaid, b=account.balance)))
    for instalment in LaborCostInstalment.objects.filter(project=project, due_on__lt=day, paid_on__isnull=True):
        found.append(Found(FindingKind.LABOR_COST_LATE, f"{instalment.due_on:%Y-%m-%d}",
                           project.builder.uscc or "", instalment.amount - instalment.paid_amount, 0,
                           _("{d} 应拨付 {a} 元，已拨付 {p} 元").format(d=instalment.due_on, a=instalment.amount,
                                                                 p=instalment.paid_amount)))
    minimum = rule("minimum_hourly_wage", day).value.get(project.minimum_wage_class)
    for sheet in sheets:
        owner = _sheet_owner(sheet)
        lines = list(sheet.lines.select_related("entry"))
        low = [line for line in lines if line.hours > 0 and line.gross / line.hours < minimum]
        if low:
            shortfall = sum((minimum * line.hours - line.gross for line in low), Decimal("0.00")).quantize(Decimal("0.01"))
            found.append(Found(FindingKind.BELOW_MINIMUM, f"{sheet.month:%Y-%m}#{sheet.team_id}", owner, shortfall,
                               len(low), _("{t} {m}：{n} 人时薪低于 {w} 元").format(
                                   t=sheet.team.name, m=sheet.month.strftime("%Y-%m"), n=len(low), w=minimum)))
        due = pay_date(project, sheet.month)
        late = [line for line in lines if line.net > line.paid_amount and line.status != LineStatus.DISPUTED]
        if day > due and late:
            found.append(Found(FindingKind.LATE_PAY, f"{sheet.month:%Y-%m}#{sheet.team_id}", owner,
                               sum((x.net - x.paid_amount for x in late), Decimal("0.00")), len(late),
                               _("{t} {m} 工资应于 {d} 发放，{n} 人未发").format(
                                   t=sheet.team.name, m=sheet.month.strftime("%Y-%m"), d=due, n=len(late))))
        attended = set(AttendanceDay.objects.filter(entry__team=sheet.team, day__gte=sheet.month,
                                                    day__lt=next_month(sheet.month)).values_list("entry_id", flat=True))
        ghosts = [line for line in lines if line.days > 0 and line.entry_id not in attended]
        if ghosts:
            found.append(Found(FindingKind.PAID_UNATTENDED, f"{sheet.month:%Y-%m}#{sheet.team_id}", owner,
                               sum((x.net for x in ghosts), Decimal("0.00")), len(ghosts),
                               _("{t} {m}：{n} 人无考勤记录却列入工资表").format(
                                   t=sheet.team.name, m=sheet.month.strftime("%Y-%m"), n=len(ghosts))))
    # workers with attendance in a month whose pay day has passed, on no sheet of that month
    on_sheets = defaultdict(set)
    for month, entry_id in WageLine.objects.filter(sheet__project=project).values_list("sheet__month", "entry_id"):
        on_sheets[month].add(entry_id)
    attended_by_month = defaultdict(dict)
    for entry_id, team_id, owner_uscc, d in AttendanceDay.objects.filter(entry__project=project).values_list(
            "entry_id", "entry__team_id", "entry__team__subcontract__contractor__uscc", "day"):
        attended_by_month[d.replace(day=1)][entry_id] = (team_id, owner_uscc or gc)
    for month, entries in sorted(attended_by_month.items()):
        if day <= pay_date(project, month):
            continue
        missing = {e: v for e, v in entries.items() if e not in on_sheets[month]}
        by_owner = defaultdict(list)
        for entry_id, (team_id, owner_uscc) in missing.items():
            by_owner[(team_id, owner_uscc)].append(entry_id)
        for (team_id, owner_uscc), ids in sorted(by_owner.items()):
            found.append(Found(FindingKind.ATTENDANCE_UNPAID, f"{month:%Y-%m}#{team_id}", owner_uscc,
                               Decimal("0.00"), len(ids), _("{m}：{n} 人有考勤但未列入任何工资表").format(
                                   m=month.strftime("%Y-%m"), n=len(ids))))
    # workers on the roster without a labour contract on record (MWR Art. 28: none may work on site without one)
    if rule("contract_before_entry", day).value:
        without = defaultdict(int)
        for team_id, owner_uscc in RosterEntry.objects.filter(
                project=project, exited_on__isnull=True, entered_on__lte=day, contract_reference="").values_list(
                "team_id", "team__subcontract__contractor__uscc"):
            without[(team_id, owner_uscc or gc)] += 1
        for (team_id, owner_uscc), n in sorted(without.items()):
            found.append(Found(FindingKind.NO_CONTRACT, f"{day:%Y-%m}#{team_id}", owner_uscc, Decimal("0.00"), n,
                               _("{n} 名在册工人没有劳动合同记录").format(n=n)))
    return found


def _write_dataset(rows: list[RiskFinding], day: dt.date) -> None:
    """Hand the findings to core.datapool (``wage_guard_checks``) for the enterprise indicators."""
    if not rows:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"wage_guard_checks_{day:%Y%m%d}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["finding_id", "uscc", "permit_number", "checked_on", "kind", "amount", "workers"])
            for f in rows:
                writer.writerow([f"F{f.pk}", f.uscc, f.project.permit_number, f.found_on.isoformat(), f.kind,
                                 f"{f.amount:.2f}", f.workers])
        batch = ingest_file("wage_guard_checks", path, actor="job:wage_guard.daily_checks")
        if batch.status != "succeeded":
            logger.warning("wage_guard_checks batch %s: %s", batch.pk, batch.status)


@transaction.atomic
def _record(project: Project, findings: list[Found], day: dt.date) -> list[RiskFinding]:
    serious = set(rule("case_findings", day).value)
    existing = {(f.kind, f.period): f for f in RiskFinding.objects.select_for_update().filter(
        project=project, cleared_on__isnull=True)}
    new = []
    seen = set()
    for item in findings:
        seen.add((item.kind, item.period))
        if (item.kind, item.period) in existing:
            continue
        if RiskFinding.objects.filter(project=project, kind=item.kind, period=item.period).exists():
            continue  # found, cleared and found again in the same period: the first record stands
        finding = RiskFinding.objects.create(project=project, kind=item.kind, period=item.period, uscc=item.uscc,
                                             amount=item.amount, workers=item.workers, detail=item.detail[:500],
                                             found_on=day)
        new.append(finding)
        audit.record("wage_guard.finding.raised", actor=None, target=finding,
                     data={"kind": item.kind, "period": item.period, "amount": str(item.amount)})
        if item.kind in serious:
            try:
                with transaction.atomic():
                    finding.case = open_case(
                        WARNING_CASE, title=f"{project.name}：{FindingKind(item.kind).label}"[:200],
                        region=project.region, actor=None, subject=finding, priority=Priority.HIGH,
                        description=item.detail)
                finding.save(update_fields=["case", "updated_at"])
            except ValidationError as problem:
                logger.warning("no case for finding %s: %s", finding.pk, "；".join(problem.messages))
        events.publish("wage_guard.finding.raised", finding_id=finding.pk, project_id=project.pk, kind=item.kind)
    for key, finding in existing.items():
        if key not in seen:
            finding.cleared_on = day
            finding.save(update_fields=["cleared_on", "updated_at"])
            audit.record("wage_guard.finding.cleared", actor=None, target=finding, data={"kind": finding.kind})
    return new


def run_checks(day: dt.date, *, evaluate: bool = True) -> dict:
    """Check every project under construction on ``day``; returns counts of new findings by kind."""
    counts: dict[str, int] = defaultdict(int)
    written = []
    projects = Project.objects.filter(status=ProjectStatus.UNDER_CONSTRUCTION).select_related(
        "general_contractor", "builder")
    for project in projects.iterator(chunk_size=200):
        for finding in _record(project, project_findings(project, day), day):
            counts[finding.kind] += 1
            written.append(finding)
    _write_dataset(written, day)
    if evaluate and written:
        evaluate_system(SYSTEM, day, actor="job:wage_guard.daily_checks")
    audit.record("wage_guard.checks.run", actor="job:wage_guard.daily_checks",
                 data={"day": day.isoformat(), "new": dict(counts)})
    return dict(counts)

