"""Firms, capacity and the cloud factory (云工厂): ``verb_noun(..., *, actor)``, atomic, audited, facts in the ledger.

Procurement, designs, workers and credit have their own modules (``procurement``, ``designs``, ``workers``,
``credit``); every one checks permission first (a denied call changes nothing) and publishes its events on commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require
from zhili.core.ledger import api as ledger

from . import dispatch
from .choices import FirmRole, Grade, LedgerKind, OrderStatus, PartStatus, Speciality
from .models import CreditEntry, DispatchPlan, Firm, OrderPart, ProductionOrder
from .rules import dispatch_costs, rule

WEEKS = 8  # the dispatcher plans eight weeks ahead


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def record_fact(kind: str, *, firm: Firm, subject, actor, amount, on_time: bool, data: dict) -> CreditEntry:
    """Append a credit-relevant fact (an order, a contract, a delivery, a payment) to the ledger and mirror it."""
    data = {**data, "firm": firm.organization.uscc, "amount": str(amount), "on_time": on_time}
    entry = ledger.append(kind=f"industry_brain.{kind}", subject=subject, actor=actor, digest=_digest(data), data=data)
    return CreditEntry.objects.create(firm=firm, kind=kind, day=timezone.localdate(), amount=Decimal(str(amount)),
                                      on_time=on_time, ledger_index=entry.index)


def _int(errors: dict, field: str, value, *, minimum: int = 0) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors[field] = _("须为整数")
        return 0
    if number < minimum:
        errors[field] = _("须不小于 {n}").format(n=minimum)
    return number


@transaction.atomic
def register_firm(*, organization, region, role: str, specialities=(), grade: str = Grade.B, lines=0, machines=0,
                  skilled_workers=0, monthly_capacity=0, lon: float, lat: float, actor) -> Firm:
    """Enrol an enterprise of core.orgs in the cluster (by the district's officer)."""
    require(actor, "industry_brain.district.manage", region)
    errors: dict = {}
    if role not in FirmRole.values:
        errors["role"] = _("角色无效")
    unknown = [s for s in specialities if s not in Speciality.values]
    if unknown:
        errors["specialities"] = _("未知专长：{s}").format(s="、".join(unknown))
    if grade not in Grade.values:
        errors["grade"] = _("质量等级无效")
    if Firm.objects.filter(organization=organization).exists():
        errors["organization"] = _("该企业已入驻")
    if errors:
        raise ValidationError(errors)
    firm = Firm(organization=organization, region=region, role=role, specialities=list(specialities), grade=grade,
                lon=float(lon), lat=float(lat))
    _set_capacity(firm, lines=lines, machines=machines, skilled_workers=skilled_workers,
                  monthly_capacity=monthly_capacity)
    firm.save()
    audit.record("industry_brain.firm.registered", actor=actor, target=firm, data={"role": role})
    return firm


def _set_capacity(firm: Firm, *, lines, machines, skilled_workers, monthly_capacity) -> None:
    errors: dict = {}
    firm.lines = _int(errors, "lines", lines)
    firm.machines = _int(errors, "machines", machines)
    firm.skilled_workers = _int(errors, "skilled_workers", skilled_workers)
    firm.monthly_capacity = _int(errors, "monthly_capacity", monthly_capacity)
    per_line = rule("pieces_per_line_month", timezone.localdate())
    if "monthly_capacity" not in errors and firm.monthly_capacity > firm.lines * per_line.value:
        errors["monthly_capacity"] = _("月产能 {c} 件超过 {lines} 条生产线的上限 {limit} 件（每条线每月 {per} 件；依据：{ref}）").format(
            c=firm.monthly_capacity, lines=firm.lines, limit=firm.lines * per_line.value, per=per_line.value,
            ref=per_line.reference)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_capacity(firm: Firm, *, lines, machines, skilled_workers, monthly_capacity, actor) -> Firm:
    """A firm states its lines, machines, skilled workers and monthly capacity (within its lines' limit)."""
    require(actor, "industry_brain.firm.act", firm)
    firm = Firm.objects.select_for_update().get(pk=firm.pk)
    before = {"lines": firm.lines, "monthly_capacity": firm.monthly_capacity}
    _set_capacity(firm, lines=lines, machines=machines, skilled_workers=skilled_workers,
                  monthly_capacity=monthly_capacity)
    firm.save(update_fields=["lines", "machines", "skilled_workers", "monthly_capacity", "updated_at"])
    audit.record("industry_brain.capacity.updated", actor=actor, target=firm,
                 data={"before": before, "after": {"lines": firm.lines, "monthly_capacity": firm.monthly_capacity}})
    return firm


def _date(errors: dict, field: str, value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[field] = _("日期格式应为 YYYY-MM-DD")
        return None


@transaction.atomic
def post_order(*, brand: Firm, style: str, speciality: str, quantity, unit_price, grade: str, start_date, due_date,
               actor) -> ProductionOrder:
    """A brand posts an order: the dates must be possible (start today or later, due after start), quantity > 0."""
    require(actor, "industry_brain.order.post", brand)
    errors: dict = {}
    style = (style or "").strip()
    if not style:
        errors["style"] = _("请填写款式")
    if speciality not in Speciality.values:
        errors["speciality"] = _("工艺无效")
    if grade not in Grade.values:
        errors["grade"] = _("质量等级无效")
    quantity = _int(errors, "quantity", quantity, minimum=1)
    try:
        price = Decimal(str(unit_price)).quantize(Decimal("0.01"))
        if price <= 0:
            errors["unit_price"] = _("加工单价须大于 0")
    except (InvalidOperation, ValueError):
        errors["unit_price"], price = _("加工单价须为数字"), Decimal(0)
    start, due = _date(errors, "start_date", start_date), _date(errors, "due_date", due_date)
    today = timezone.localdate()
    if start and start < today:
        errors["start_date"] = _("最早开工日不能早于今天")
    if start and due and due <= start:
        errors["due_date"] = _("交货日期须晚于最早开工日")
    if due and due > today + dt.timedelta(days=365):
        errors["due_date"] = _("交货日期不能超过一年以后")
    if errors:
        raise ValidationError(errors)
    order = ProductionOrder.objects.create(brand=brand, region=brand.region, style=style[:100], speciality=speciality,
                                           quantity=quantity, unit_price=price, grade=grade, start_date=start,
                                           due_date=due, posted_by=actor)
    audit.record("industry_brain.order.posted", actor=actor, target=order, data={"quantity": quantity})
    record_fact(LedgerKind.ORDER, firm=brand, subject=order, actor=actor, amount=price * quantity, on_time=True,
                data={"order": order.pk, "style": order.style, "quantity": quantity, "due_date": due.isoformat()})
    events.publish("industry_brain.order.posted", order_id=order.pk)
    return order


def _factory_inputs(factories, today: dt.date) -> list[dispatch.Factory]:
    """Each factory's weekly capacity for the horizon, less what its proposed and accepted parts already take."""
    taken: dict[tuple[int, int], int] = {}
    for part in OrderPart.objects.filter(factory__in=factories, status__in=(PartStatus.PROPOSED, PartStatus.ACCEPTED)):
        week = max(0, dispatch.weeks_until(today, part.finish_by))
        taken[(part.factory_id, week)] = taken.get((part.factory_id, week), 0) + part.quantity - part.made
    out = []
    for firm in factories:
        weekly = firm.monthly_capacity * 12 // 52
        out.append(dispatch.Factory(firm.pk, firm.name, firm.lon, firm.lat, frozenset(firm.specialities),
                                    int(firm.grade), tuple(max(0, weekly - taken.get((firm.pk, w), 0))
                                                           for w in range(WEEKS))))
    return out


@transaction.atomic
def dispatch_orders(*, region, actor) -> DispatchPlan | None:
    """Plan every posted order of ``region`` onto its factories (least stated cost) and propose the parts."""
    require(actor, "industry_brain.district.manage", region)
    today = timezone.localdate()
    orders = list(ProductionOrder.objects.select_for_update().filter(status=OrderStatus.POSTED,
                                                                        region__path__startswith=region.path)
                  .select_related("brand"))
    if not orders:
        return None
    factories = list(Firm.objects.filter(role=FirmRole.FACTORY, region__path__startswith=region.path)
                     .select_related("organization"))
    declined = set(OrderPart.objects.filter(order__in=orders, status=PartStatus.DECLINED)
                   .values_list("order_id", "factory_id"))
    inputs = [dispatch.Order(o.pk, o.style, o.brand.lon, o.brand.lat, o.speciality, int(o.grade),
                             o.quantity - _placed(o), max(0, ((o.due_date - today).days - 6) // 7))
              for o in orders]
    inputs = [o for o in inputs if o.quantity > 0]
    costs = dispatch_costs(today)
    started = time.perf_counter()
    pool = _factory_inputs(factories, today)
    plan = dispatch.optimal_plan(inputs, pool, costs, exclude=declined)
    seconds = time.perf_counter() - started
    baseline = dispatch.greedy_plan(inputs, pool, costs, exclude=declined)
    record = DispatchPlan.objects.create(region=region, planned_by=actor, orders=len(orders), factories=len(pool),
                                         cost=plan.cost.as_dict(), greedy_cost=baseline.cost.as_dict(),
                                         seconds=round(seconds, 3))
    by_id = {o.pk: o for o in orders}
    for part in plan.parts:
        finish = today + dt.timedelta(days=7 * part.week + 6)
        OrderPart.objects.create(order=by_id[part.order_id], factory_id=part.factory_id, plan=record,
                                 quantity=part.quantity, finish_by=finish)
    for order in orders:
        order.explanation = plan.explanations.get(order.pk, [])
        if any(p.order_id == order.pk for p in plan.parts):
            order.status = OrderStatus.DISPATCHED
        order.save(update_fields=["explanation", "status", "updated_at"])
    audit.record("industry_brain.dispatch.planned", actor=actor, target=record,
                 data={"cost": record.cost, "greedy_cost": record.greedy_cost})
    events.publish("industry_brain.dispatch.planned", plan_id=record.pk)
    return record


def _placed(order: ProductionOrder) -> int:
    return order.parts.exclude(status=PartStatus.DECLINED).aggregate(n=Sum("quantity"))["n"] or 0


@transaction.atomic
def respond_part(part: OrderPart, *, accept: bool, actor) -> OrderPart:
    """The factory accepts or declines its share; a declined share sends the order back to dispatch."""
    require(actor, "industry_brain.part.respond", part)
    part = OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)
    if part.status != PartStatus.PROPOSED:
        raise ValidationError({"status": _("派单状态为「{s}」，不能再答复").format(s=part.status_choice.label)})
    part.status = PartStatus.ACCEPTED if accept else PartStatus.DECLINED
    part.responded_at = timezone.now()
    part.save(update_fields=["status", "responded_at", "updated_at"])
    order = part.order
    if not accept:
        order.status = OrderStatus.POSTED
    elif not order.parts.filter(status=PartStatus.PROPOSED).exists():
        order.status = OrderStatus.IN_PRODUCTION
    order.save(update_fields=["status", "updated_at"])
    audit.record("industry_brain.part.answered", actor=actor, target=part, data={"accept": accept})
    if accept:
        record_fact(LedgerKind.CONTRACT, firm=part.factory, subject=part, actor=actor,
                    amount=order.unit_price * part.quantity, on_time=True,
                    data={"order": order.pk, "part": part.pk, "quantity": part.quantity})
    events.publish("industry_brain.part.answered", part_id=part.pk, accepted=accept)
    return part


@transaction.atomic
def report_progress(part: OrderPart, *, made, checked, passed, actor) -> OrderPart:
    """The factory reports pieces made and its quality check; the last piece made and passed is the delivery."""
    require(actor, "industry_brain.part.respond", part)
    part = OrderPart.objects.select_for_update().select_related("order", "factory").get(pk=part.pk)
    errors: dict = {}
    if part.status != PartStatus.ACCEPTED:
        errors["status"] = _("只能为已接的派单报告进度")
    made, checked, passed = (_int(errors, f, v) for f, v in (("made", made), ("checked", checked), ("passed", passed)))
    if made > part.quantity:
        errors["made"] = _("完成数不能超过派单数量 {n}").format(n=part.quantity)
    if made < part.made:
        errors["made"] = _("完成数不能少于已报告的 {n}").format(n=part.made)
    if checked > made:
        errors["checked"] = _("质检数不能超过完成数")
    if passed > checked:
        errors["passed"] = _("合格数不能超过质检数")
    if errors:
        raise ValidationError(errors)
    part.made, part.checked, part.passed = made, checked, passed
    fields = ["made", "checked", "passed", "updated_at"]
    delivered = made == part.quantity and passed == part.quantity
    if delivered:
        part.status, part.delivered_at = PartStatus.DELIVERED, timezone.now()
        fields += ["status", "delivered_at"]
    part.save(update_fields=fields)
    audit.record("industry_brain.part.progress", actor=actor, target=part,
                 data={"made": made, "checked": checked, "passed": passed})
    if delivered:
        on_time = timezone.localdate() <= part.order.due_date
        record_fact(LedgerKind.DELIVERY, firm=part.factory, subject=part, actor=actor,
                    amount=part.order.unit_price * part.quantity, on_time=on_time,
                    data={"order": part.order_id, "part": part.pk, "quantity": part.quantity})
        order = part.order
        if not order.parts.exclude(status__in=(PartStatus.DELIVERED, PartStatus.DECLINED)).exists():
            order.status = OrderStatus.DELIVERED
            order.save(update_fields=["status", "updated_at"])
    return part


@transaction.atomic
def record_payment(order: ProductionOrder, *, amount, actor) -> ProductionOrder:
    """The brand pays for delivered work; on time when within the due date (ledger: payment)."""
    require(actor, "industry_brain.order.post", order.brand)
    order = ProductionOrder.objects.select_for_update().get(pk=order.pk)
    try:
        amount = Decimal(str(amount)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": _("金额须为数字")}) from None
    owed = order.unit_price * order.quantity - order.paid_amount
    if amount <= 0 or amount > owed:
        raise ValidationError({"amount": _("付款须大于 0 且不超过未付的 {owed} 元").format(owed=owed)})
    ProductionOrder.objects.filter(pk=order.pk).update(paid_amount=F("paid_amount") + amount)
    order.refresh_from_db()
    on_time = timezone.localdate() <= order.due_date + dt.timedelta(days=30)
    audit.record("industry_brain.order.paid", actor=actor, target=order, data={"amount": str(amount)})
    record_fact(LedgerKind.PAYMENT, firm=order.brand, subject=order, actor=actor, amount=amount, on_time=on_time,
                data={"order": order.pk})
    return order


def open_late_risk_cases(*, day: dt.date | None = None) -> int:
    """Open a 云工厂延期风险协调 case (core.cases) for each share newly at risk (see ``queries.late_risk``), to the
    owner department of the factory's district; the share keeps its case, so a share is raised once."""
    from django.apps import apps

    from zhili.core.cases.api import open_case
    from zhili.core.orgs.api import Organization, OrganizationKind

    from .queries import late_risk

    department_name = apps.get_app_config("industry_brain").owner_department
    opened = 0
    for part in late_risk(day=day):
        if part.risk_case_id:
            continue
        region = part.factory.region
        codes = region.path.strip("/").split("/")
        ancestors = ["/" + "/".join(codes[:k]) + "/" for k in range(1, len(codes) + 1)]
        department = (Organization.objects.filter(kind=OrganizationKind.DEPARTMENT, name=department_name,
                                                  region__path__in=ancestors).order_by("-region__path").first())
        if department is None:
            continue
        with transaction.atomic():
            title = _("{factory}：{style} 进度落后（{made}/{quantity} 件，计划 {day} 完成）").format(
                factory=part.factory.name, style=part.order.style, made=part.made, quantity=part.quantity,
                day=part.finish_by.isoformat())
            case = open_case("industry_brain.late_risk", title=title[:200], region=region, actor=None, subject=part,
                             organization=department)
            OrderPart.objects.filter(pk=part.pk).update(risk_case=case)
        opened += 1
    return opened
