"""Completion of a project, the 30-day notice, the closure of the wage special account and the deposit's release.

MWR Art. 27: once the works are complete and no wages are owed, the general contractor posts a 30-day notice and
may then close the special account; what is left in it belongs to the GC. The deposit (人社部发〔2021〕65号) is
returned after the same kind of notice, on the HR bureau's review. Both are refused, naming every reason, while a
wage is unpaid, a payment file awaits the bank's return, a sheet is still a draft, or a complaint, dispute or warning
case is open.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import BatchStatus, DepositForm, LineStatus, ProjectStatus, SheetStatus, TransactionKind
from ..models import Complaint, GuaranteeDeposit, PaymentBatch, Project, RiskFinding, SpecialAccount, WageLine
from ..rules import rule
from .common import evidence
from .projects import credit_account


def closure_blockers(project: Project) -> list[str]:
    """Why ``project``'s wages are not settled yet (empty when they are): each reason with its count."""
    reasons = []
    unpaid = WageLine.objects.filter(sheet__project=project, net__gt=F("paid_amount")).exclude(
        status=LineStatus.DRAFT)
    if unpaid.exists():
        reasons.append(_("{n} 条工资未足额发放").format(n=unpaid.count()))
    drafts = project.sheets.filter(status=SheetStatus.DRAFT)
    if drafts.exists():
        reasons.append(_("{n} 张工资表尚未下发确认").format(n=drafts.count()))
    waiting = PaymentBatch.objects.filter(sheet__project=project, status=BatchStatus.SENT)
    if waiting.exists():
        reasons.append(_("{n} 个代发批次待银行回盘").format(n=waiting.count()))
    complaints = Complaint.objects.filter(project=project, case__closed_at__isnull=True)
    if complaints.exists():
        reasons.append(_("{n} 件欠薪投诉未办结").format(n=complaints.count()))
    disputes = WageLine.objects.filter(sheet__project=project, dispute_case__isnull=False,
                                       dispute_case__closed_at__isnull=True)
    if disputes.exists():
        reasons.append(_("{n} 件工资异议未办结").format(n=disputes.count()))
    warnings = RiskFinding.objects.filter(project=project, case__isnull=False, case__closed_at__isnull=True)
    if warnings.exists():
        reasons.append(_("{n} 件欠薪预警核查未办结").format(n=warnings.count()))
    return reasons


def _refuse_if_blocked(project: Project, field: str) -> None:
    reasons = closure_blockers(project)
    if reasons:
        raise ValidationError({field: _("尚有未结清事项：{r}").format(r="；".join(reasons))}, code="unsettled")


def notice_ends(project: Project) -> dt.date | None:
    """The first day the account may be closed: the notice's start plus the rule's days (MWR Art. 27)."""
    if project.notice_from is None:
        return None
    return project.notice_from + dt.timedelta(days=rule("closure_notice_days", project.notice_from).value)


@transaction.atomic
def complete_project(project: Project, *, finished_on: dt.date, actor) -> Project:
    """Record the completion (竣工) and start the no-arrears notice on the rights board; only with wages settled."""
    require(actor, "wage_guard.project.manage", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status not in (ProjectStatus.UNDER_CONSTRUCTION, ProjectStatus.SUSPENDED):
        raise ValidationError({"status": _("项目状态为“{s}”，不能办理竣工").format(
            s=ProjectStatus(project.status).label)}, code="state")
    if finished_on < project.start_date:
        raise ValidationError({"finished_on": _("竣工日期不能早于开工日期 {d}").format(d=project.start_date)},
                              code="order")
    _refuse_if_blocked(project, "finished_on")
    project.status, project.finished_on, project.notice_from = ProjectStatus.COMPLETED, finished_on, finished_on
    project.save(update_fields=["status", "finished_on", "notice_from", "updated_at"])
    data = {"project": project.pk, "finished_on": finished_on.isoformat(),
            "notice_until": notice_ends(project).isoformat(),
            "reference": rule("closure_notice_days", finished_on).reference}
    audit.record("wage_guard.project.completed", actor=actor, target=project, data=data)
    evidence("wage_guard.project.completed", project, actor, data)
    events.publish("wage_guard.project.completed", project_id=project.pk)
    return project


@transaction.atomic
def close_special_account(project: Project, *, closed_on: dt.date, actor) -> SpecialAccount:
    """Close the special account after the notice, nothing owed; the balance goes back to the GC (MWR Art. 27)."""
    require(actor, "wage_guard.project.manage", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    account = SpecialAccount.objects.select_for_update().filter(project=project).first()
    if account is None:
        raise ValidationError({"account": _("项目没有工资专用账户")}, code="missing")
    if project.status != ProjectStatus.COMPLETED or account.closed_on is not None:
        raise ValidationError({"status": _("项目竣工并公示后、账户未注销时方可销户")}, code="state")
    ends = notice_ends(project)
    if closed_on < ends:
        raise ValidationError({"closed_on": _("无欠薪公示至 {d} 期满，期满后方可销户（{ref}）").format(
            d=ends, ref=rule("closure_notice_days", project.notice_from).reference)}, code="notice")
    _refuse_if_blocked(project, "closed_on")
    remaining = account.balance
    if remaining:
        credit_account(account, kind=TransactionKind.CLOSURE, amount=-remaining, occurred_on=closed_on,
                       reference=_("销户余额转回施工总承包单位"))
    account.refresh_from_db()
    account.closed_on = closed_on
    account.save(update_fields=["closed_on", "updated_at"])
    project.status, project.closed_on = ProjectStatus.CLOSED, closed_on
    project.save(update_fields=["status", "closed_on", "updated_at"])
    data = {"project": project.pk, "closed_on": closed_on.isoformat(), "returned": str(remaining),
            "reference": rule("closure_notice_days", closed_on).reference}
    audit.record("wage_guard.account.closed", actor=actor, target=account, data=data)
    evidence("wage_guard.account.closed", account, actor, data)
    events.publish("wage_guard.account.closed", project_id=project.pk)
    return account


@transaction.atomic
def release_deposit(project: Project, *, released_on: dt.date, actor) -> GuaranteeDeposit:
    """The HR bureau returns the deposit (or the guarantee's original) after the completion notice, nothing owed."""
    require(actor, "wage_guard.deposit.release", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    deposit = GuaranteeDeposit.objects.select_for_update().filter(project=project).first()
    if deposit is None:
        raise ValidationError({"deposit": _("项目没有工资保证金")}, code="missing")
    if deposit.form == DepositForm.EXEMPT:
        raise ValidationError({"deposit": _("项目免缴工资保证金，无需返还")}, code="exempt")
    if deposit.released_on is not None:
        raise ValidationError({"deposit": _("保证金已于 {d} 返还").format(d=deposit.released_on)}, code="state")
    if project.status not in (ProjectStatus.COMPLETED, ProjectStatus.CLOSED) or project.notice_from is None:
        raise ValidationError({"status": _("项目竣工并公示后方可返还保证金")}, code="state")
    release_rule = rule("deposit_release_notice_days", project.notice_from)
    ends = project.notice_from + dt.timedelta(days=release_rule.value)
    if released_on < ends:
        raise ValidationError({"released_on": _("公示至 {d} 期满，期满后方可返还（{ref}）").format(
            d=ends, ref=release_rule.reference)}, code="notice")
    _refuse_if_blocked(project, "released_on")
    deposit.released_on = released_on
    deposit.release_basis = _("竣工 {f} 起公示 {n} 日无欠薪，{ref}").format(
        f=project.notice_from, n=release_rule.value, ref=release_rule.reference)
    deposit.save(update_fields=["released_on", "release_basis", "updated_at"])
    data = {"project": project.pk, "released_on": released_on.isoformat(), "amount": str(deposit.amount),
            "form": deposit.form, "reference": release_rule.reference}
    audit.record("wage_guard.deposit.released", actor=actor, target=deposit, data=data)
    evidence("wage_guard.deposit.released", deposit, actor, data)
    events.publish("wage_guard.deposit.released", project_id=project.pk)
    return deposit
