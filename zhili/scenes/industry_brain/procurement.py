"""Group procurement (一键集采): firms' material needs pooled into requests for quotation, awarded, split back.

Needs are compatible when they ask for the same material and colour (spec compared without case and spaces) in
the same district; a pool is quoted by registered suppliers, one quote each; the lowest quote wins; each firm's
share is its quantity at the awarded price, and its saving is against the unit price it was quoted on its own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from .choices import BatchStatus, FirmRole, LedgerKind, NeedStatus
from .models import Firm, MaterialNeed, ProcurementBatch, Quote
from .services import record_fact


def _key(text: str) -> str:
    return "".join((text or "").split()).lower()


def _decimal(errors, field, value, places="0.01") -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal(places))
    except (InvalidOperation, ValueError):
        errors[field] = _("须为数字")
        return Decimal(0)
    if number <= 0:
        errors[field] = _("须大于 0")
    return number


@transaction.atomic
def post_need(*, firm: Firm, material: str, colour: str, quantity, needed_by, own_unit_price, actor) -> MaterialNeed:
    """A firm posts a material need with the unit price it was quoted on its own."""
    require(actor, "industry_brain.firm.act", firm)
    errors: dict = {}
    if not (material or "").strip():
        errors["material"] = _("请填写面辅料规格")
    if not (colour or "").strip():
        errors["colour"] = _("请填写颜色")
    quantity = _decimal(errors, "quantity", quantity, "0.1")
    price = _decimal(errors, "own_unit_price", own_unit_price)
    try:
        day = needed_by if isinstance(needed_by, dt.date) else dt.date.fromisoformat(str(needed_by))
        if day <= timezone.localdate():
            errors["needed_by"] = _("需用日期须晚于今天")
    except ValueError:
        errors["needed_by"] = _("日期格式应为 YYYY-MM-DD")
    if errors:
        raise ValidationError(errors)
    need = MaterialNeed.objects.create(firm=firm, material=material.strip()[:100], colour=colour.strip()[:30],
                                       quantity=quantity, needed_by=day, own_unit_price=price)
    audit.record("industry_brain.need.posted", actor=actor, target=need, data={"quantity": str(quantity)})
    return need


@transaction.atomic
def pool_needs(*, region, actor) -> list[ProcurementBatch]:
    """Pool the open needs of ``region`` by material and colour into requests for quotation (two firms at least)."""
    require(actor, "industry_brain.district.manage", region)
    groups: dict[tuple[str, str], list[MaterialNeed]] = {}
    for need in (MaterialNeed.objects.select_for_update().filter(status=NeedStatus.OPEN,
                                                                  firm__region__path__startswith=region.path)
                 .order_by("id")):
        groups.setdefault((_key(need.material), _key(need.colour)), []).append(need)
    batches = []
    for needs in groups.values():
        if len({n.firm_id for n in needs}) < 2:
            continue
        batch = ProcurementBatch.objects.create(region=region, material=needs[0].material, colour=needs[0].colour,
                                                quantity=sum(n.quantity for n in needs),
                                                needed_by=min(n.needed_by for n in needs))
        MaterialNeed.objects.filter(pk__in=[n.pk for n in needs]).update(batch=batch, status=NeedStatus.POOLED)
        audit.record("industry_brain.batch.opened", actor=actor, target=batch,
                     data={"needs": [n.pk for n in needs], "quantity": str(batch.quantity)})
        events.publish("industry_brain.batch.opened", batch_id=batch.pk)
        batches.append(batch)
    return batches


@transaction.atomic
def submit_quote(batch: ProcurementBatch, *, supplier: Firm, unit_price, actor) -> Quote:
    """A registered supplier quotes a unit price for an open request; a second quote by the same supplier is refused."""
    require(actor, "industry_brain.quote.submit", supplier)
    errors: dict = {}
    if supplier.role != FirmRole.SUPPLIER:
        errors["supplier"] = _("只有登记的面辅料供应商可以报价")
    if batch.status != BatchStatus.RFQ:
        errors["batch"] = _("该批次已定标，不再接受报价")
    price = _decimal(errors, "unit_price", unit_price)
    if Quote.objects.filter(batch=batch, supplier=supplier).exists():
        errors["unit_price"] = _("同一供应商对同一批次只能报价一次（重复报价不予受理）")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            quote = Quote.objects.create(batch=batch, supplier=supplier, unit_price=price)
    except IntegrityError:
        raise ValidationError({"unit_price": _("同一供应商对同一批次只能报价一次（重复报价不予受理）")}) from None
    audit.record("industry_brain.quote.submitted", actor=actor, target=quote, data={"unit_price": str(price)})
    return quote


@transaction.atomic
def award_batch(batch: ProcurementBatch, *, actor) -> ProcurementBatch:
    """Award the lowest quote (earliest on a tie) and split the order back per firm, with each firm's saving."""
    require(actor, "industry_brain.district.manage", batch.region)
    batch = ProcurementBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.RFQ:
        raise ValidationError({"batch": _("该批次已定标")})
    best = batch.quotes.order_by("unit_price", "id").select_related("supplier__organization").first()
    if best is None:
        raise ValidationError({"batch": _("还没有供应商报价，不能定标")})
    savings = Decimal(0)
    for need in batch.needs.select_related("firm__organization"):
        need.awarded_amount = (need.quantity * best.unit_price).quantize(Decimal("0.01"))
        need.status = NeedStatus.AWARDED
        need.save(update_fields=["awarded_amount", "status", "updated_at"])
        savings += need.quantity * need.own_unit_price - need.awarded_amount
        record_fact(LedgerKind.ORDER, firm=need.firm, subject=need, actor=actor, amount=need.awarded_amount,
                    on_time=True, data={"batch": batch.pk, "supplier": best.supplier.organization.uscc})
    batch.status, batch.awarded_quote, batch.savings = BatchStatus.AWARDED, best, savings.quantize(Decimal("0.01"))
    batch.save(update_fields=["status", "awarded_quote", "savings", "updated_at"])
    audit.record("industry_brain.batch.awarded", actor=actor, target=batch,
                 data={"quote": best.pk, "unit_price": str(best.unit_price), "savings": str(batch.savings)})
    events.publish("industry_brain.batch.awarded", batch_id=batch.pk)
    return batch
