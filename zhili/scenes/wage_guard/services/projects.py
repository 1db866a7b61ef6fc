"""Projects, subcontracts, teams, the wage special account, labour-cost payments and the guarantee deposit."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import DepositForm, TransactionKind
from ..models import (
    AccountEntry,
    GuaranteeDeposit,
    LaborCostInstalment,
    Project,
    SpecialAccount,
    Subcontract,
    Team,
)
from ..rules import deposit_terms, rule
from .common import evidence, money, required


@transaction.atomic
def register_project(*, region, name: str, permit_number: str, builder, general_contractor, contract_sum,
                     start_date: dt.date, planned_finish: dt.date, work_start: dt.time, work_end: dt.time,
                     labor_cost_share=None, pay_day: int = 15, address: str = "", latitude=None, longitude=None,
                     geofence_m: int = 500, labor_manager=None, actor) -> Project:
    """Register a project from its construction permit (施工许可); the labour-cost share defaults to the rule's."""
    require(actor, "wage_guard.project.register", region)
    name = required(name, "name", _("项目名称"), 200)
    permit_number = required(permit_number, "permit_number", _("施工许可证号"), 40)
    if Project.objects.filter(permit_number=permit_number).exists():
        raise ValidationError({"permit_number": _("施工许可证号 {n} 已登记").format(n=permit_number)}, code="duplicate")
    if builder.pk == general_contractor.pk:
        raise ValidationError({"general_contractor": _("施工总承包单位不能与建设单位相同")}, code="same_party")
    contract_sum = money(contract_sum, "contract_sum", label=_("合同价款"))
    if labor_cost_share in (None, ""):
        labor_cost_share = rule("default_labor_cost_share", start_date).value
    share = Decimal(str(labor_cost_share))
    if not Decimal("0") < share < Decimal("1"):
        raise ValidationError({"labor_cost_share": _("人工费用占比须在 0 与 1 之间")}, code="out_of_range")
    if planned_finish <= start_date:
        raise ValidationError({"planned_finish": _("计划竣工日期须晚于开工日期")}, code="order")
    if work_end <= work_start:
        raise ValidationError({"work_end": _("作业结束时间须晚于开始时间")}, code="order")
    if not 1 <= int(pay_day) <= 28:
        raise ValidationError({"pay_day": _("约定工资支付日须为 1 至 28 日")}, code="out_of_range")
    project = Project.objects.create(
        region=region, name=name, permit_number=permit_number, builder=builder, general_contractor=general_contractor,
        contract_sum=contract_sum, labor_cost_share=share, start_date=start_date, planned_finish=planned_finish,
        work_start=work_start, work_end=work_end, pay_day=int(pay_day), address=(address or "")[:200],
        latitude=latitude, longitude=longitude, geofence_m=geofence_m, labor_manager=labor_manager)
    audit.record("wage_guard.project.registered", actor=actor, target=project,
                 data={"permit_number": permit_number, "contract_sum": str(contract_sum)})
    events.publish("wage_guard.project.registered", project_id=project.pk)
    return project


@transaction.atomic
def add_subcontract(project: Project, *, contractor, scope: str, contract_sum, parent: Subcontract | None = None,
                    actor) -> Subcontract:
    """Record a subcontract under the GC (tier 1) or under another subcontract (tier + 1)."""
    require(actor, "wage_guard.project.manage", project)
    scope = required(scope, "scope", _("分包内容"), 200)
    amount = money(contract_sum, "contract_sum", label=_("分包合同价款"))
    if parent is not None and parent.project_id != project.pk:
        raise ValidationError({"parent": _("上级分包不属于本项目")}, code="other_project")
    ceiling = parent.contract_sum if parent is not None else project.contract_sum
    if amount > ceiling:
        raise ValidationError({"contract_sum": _("分包合同价款 {a} 元超过上级合同价款 {c} 元").format(a=amount, c=ceiling)},
                              code="over_parent")
    if contractor.pk == project.general_contractor_id:
        raise ValidationError({"contractor": _("分包单位不能是总包单位本身")}, code="same_party")
    sub = Subcontract.objects.create(project=project, contractor=contractor, scope=scope, contract_sum=amount,
                                     parent=parent, tier=(parent.tier + 1) if parent else 1)
    audit.record("wage_guard.subcontract.added", actor=actor, target=sub,
                 data={"project_id": project.pk, "tier": sub.tier, "contract_sum": str(amount)})
    return sub


@transaction.atomic
def add_team(project: Project, *, name: str, subcontract: Subcontract | None = None, leader=None, actor) -> Team:
    """Add a work team (班组) of the GC or of one of the project's subcontractors."""
    require(actor, "wage_guard.project.manage", project)
    name = required(name, "name", _("班组名称"), 100)
    if subcontract is not None and subcontract.project_id != project.pk:
        raise ValidationError({"subcontract": _("分包合同不属于本项目")}, code="other_project")
    if Team.objects.filter(project=project, name=name).exists():
        raise ValidationError({"name": _("本项目已有班组“{n}”").format(n=name)}, code="duplicate")
    team = Team.objects.create(project=project, name=name, subcontract=subcontract, leader=leader)
    audit.record("wage_guard.team.added", actor=actor, target=team, data={"project_id": project.pk})
    return team


@transaction.atomic
def open_special_account(project: Project, *, bank_name: str, account_number: str, opened_on: dt.date,
                         bank_layout: str = "platform", actor) -> SpecialAccount:
    """Open the project's wage special account, named "GC + project + 农民工工资专用账户" (人社部发〔2021〕53号);
    ``bank_layout`` is the payment-file layout the bank takes (``bank_layouts``)."""
    from .bank_layouts import LAYOUTS

    require(actor, "wage_guard.project.manage", project)
    if bank_layout not in LAYOUTS:
        raise ValidationError({"bank_layout": _("未知的代发文件格式 {c}").format(c=bank_layout)}, code="invalid")
    bank_name = required(bank_name, "bank_name", _("开户银行"), 100)
    account_number = required(account_number, "account_number", _("账号"), 34).replace(" ", "")
    if not account_number.isdigit():
        raise ValidationError({"account_number": _("账号只能由数字组成")}, code="invalid")
    if SpecialAccount.objects.filter(project=project).exists():
        raise ValidationError({"project": _("本项目已开立工资专用账户")}, code="duplicate")
    account = SpecialAccount.objects.create(
        project=project, bank_name=bank_name, account_number=account_number, opened_on=opened_on,
        bank_layout=bank_layout, account_name=f"{project.general_contractor.name}{project.name}农民工工资专用账户"[:200])
    data = {"project": project.pk, "bank": bank_name, "account": account_number, "opened_on": opened_on.isoformat(),
            "layout": bank_layout}
    audit.record("wage_guard.account.opened", actor=actor, target=account, data=data)
    evidence("wage_guard.account.opened", account, actor, data)
    return account


@transaction.atomic
def schedule_labor_cost(project: Project, *, instalments: list[tuple[dt.date, object]], actor) -> list:
    """Fix the builder's labour-cost payments: at most one cycle (≤ 1 month) apart, within the labour cost."""
    require(actor, "wage_guard.project.manage", project)
    rows = sorted((due, money(amount, f"instalments[{i}]", label=_("拨付金额")))
                  for i, (due, amount) in enumerate(instalments))
    if not rows:
        raise ValidationError({"instalments": _("请至少填写一期拨付计划")}, code="required")
    cycle = rule("labor_cost_cycle_days", rows[0][0])
    taken = set(project.instalments.values_list("due_on", flat=True))
    previous = max((d for d in taken if d < rows[0][0]), default=project.start_date)
    for i, (due, _amount) in enumerate(rows):
        if (due - previous).days > cycle.value:
            raise ValidationError({f"instalments[{i}]": _("拨付间隔 {d} 天，超过 {c} 天（{ref}）").format(
                d=(due - previous).days, c=cycle.value, ref=cycle.reference)}, code="cycle_too_long")
        previous = due
    for i, (due, _amount) in enumerate(rows):
        if due in taken or (i and rows[i - 1][0] == due):
            raise ValidationError({f"instalments[{i}]": _("{d} 已有一期拨付计划").format(d=due.isoformat())},
                                  code="duplicate")
    existing = sum(i.amount for i in project.instalments.all())
    total = existing + sum(a for _d, a in rows)
    if total > project.labor_cost_total:
        raise ValidationError({"instalments": _("拨付合计 {t} 元超过合同约定的人工费用 {c} 元").format(
            t=total, c=project.labor_cost_total)}, code="over_labor_cost")
    created = [LaborCostInstalment.objects.create(project=project, due_on=due, amount=amount) for due, amount in rows]
    audit.record("wage_guard.labor_cost.scheduled", actor=actor, target=project,
                 data={"instalments": [[d.isoformat(), str(a)] for d, a in rows]})
    return created


def credit_account(account: SpecialAccount, *, kind: str, amount: Decimal, occurred_on: dt.date,
                   reference: str) -> AccountEntry:
    """Move ``amount`` (signed) on the account under a row lock; the caller is in a transaction."""
    SpecialAccount.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
    balance = SpecialAccount.objects.values_list("balance", flat=True).get(pk=account.pk)
    return AccountEntry.objects.create(account=account, kind=kind, amount=amount, occurred_on=occurred_on,
                                       reference=reference[:200], balance_after=balance)


@transaction.atomic
def record_labor_cost_payment(project: Project, *, amount, paid_on: dt.date, reference: str = "",
                              actor) -> AccountEntry:
    """The builder's labour-cost payment arrives on the special account; it settles the oldest instalments first."""
    require(actor, "wage_guard.project.manage", project)
    amount = money(amount, "amount", label=_("拨付金额"))
    account = SpecialAccount.objects.select_for_update().filter(project=project).first()
    if account is None:
        raise ValidationError({"project": _("本项目尚未开立工资专用账户")}, code="no_account")
    entry = credit_account(account, kind=TransactionKind.LABOR_COST, amount=amount, occurred_on=paid_on,
                           reference=reference or _("建设单位拨付人工费用"))
    left = amount
    for instalment in project.instalments.select_for_update().filter(paid_on__isnull=True).order_by("due_on"):
        if left <= 0:
            break
        take = min(left, instalment.amount - instalment.paid_amount)
        instalment.paid_amount += take
        left -= take
        if instalment.paid_amount >= instalment.amount:
            instalment.paid_on = paid_on
        instalment.save(update_fields=["paid_amount", "paid_on", "updated_at"])
    data = {"project": project.pk, "amount": str(amount), "paid_on": paid_on.isoformat(),
            "balance_after": str(entry.balance_after)}
    audit.record("wage_guard.labor_cost.paid", actor=actor, target=account, data=data)
    evidence("wage_guard.labor_cost.paid", account, actor, data)
    events.publish("wage_guard.labor_cost.paid", project_id=project.pk, amount=str(amount))
    return entry


@transaction.atomic
def lodge_deposit(project: Project, *, form: str, lodged_on: dt.date, clean_years: int = 0,
                  arrears_in_two_years: bool = False, blacklisted: bool = False, bank_name: str = "",
                  actor) -> GuaranteeDeposit:
    """Lodge the wage guarantee deposit at the ratio the dated rules give for the GC's record (MWR Art. 32)."""
    require(actor, "wage_guard.project.manage", project)
    if form not in DepositForm.values:
        raise ValidationError({"form": _("保证金形式须为 {v} 之一").format(v="、".join(DepositForm.values))},
                              code="invalid")
    if GuaranteeDeposit.objects.filter(project=project).exists():
        raise ValidationError({"project": _("本项目已存储工资保证金")}, code="duplicate")
    ratio, amount, basis = deposit_terms(contract_sum=project.contract_sum, day=lodged_on, clean_years=clean_years,
                                         arrears_in_two_years=arrears_in_two_years, blacklisted=blacklisted)
    if amount == 0:
        form = DepositForm.EXEMPT
    elif form == DepositForm.EXEMPT:
        raise ValidationError({"form": _("依规定本项目应存储保证金 {a} 元，不能免缴").format(a=amount)}, code="not_exempt")
    deposit = GuaranteeDeposit.objects.create(project=project, form=form, ratio=ratio, amount=amount,
                                              basis="\n".join(basis), bank_name=(bank_name or "")[:100],
                                              lodged_on=lodged_on)
    data = {"project": project.pk, "form": form, "ratio": str(ratio), "amount": str(amount)}
    audit.record("wage_guard.deposit.lodged", actor=actor, target=deposit, data=data)
    evidence("wage_guard.deposit.lodged", deposit, actor, data)
    return deposit


def lodge_deposit_on_record(project: Project, *, form: str, lodged_on: dt.date, bank_name: str = "",
                            actor) -> GuaranteeDeposit:
    """Lodge the deposit with the GC's record as the platform holds it (``credit.deposit_record``): the page's way,
    where the contractor cannot declare its own record."""
    from .credit import deposit_record

    return lodge_deposit(project, form=form, lodged_on=lodged_on, bank_name=bank_name, actor=actor,
                         **deposit_record(project.general_contractor, lodged_on))
