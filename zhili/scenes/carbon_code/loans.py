"""Carbon-efficiency loans (碳效贷): banks publish products for grades; an enterprise applies in one click, which
grants the bank the reading of its year's figures through core.sharing (an organisation's grant, revocable); the bank
reads them only under that grant, decides, and the decision is ledgered. The sources say only "差别化授信和利率优惠"; which
grades a product serves, its line and rate are the bank's own terms, kept on the product."""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import organizations_of, require
from zhili.core.ledger import api as ledger
from zhili.core.sharing import api as sharing

from .choices import LoanStatus
from .models import LoanApplication, LoanProduct
from .roles import BANK
from .sharing import EFFICIENCY, GRANT_DAYS


def _amount(value, field: str, limit: Decimal | None = None) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("金额须为数字（万元）")}, code="invalid") from None
    if amount <= 0 or (limit is not None and amount > limit):
        raise ValidationError({field: _("金额须大于 0 且不超过 {limit} 万元").format(limit=limit)}, code="range")
    return amount


@transaction.atomic
def publish_product(*, name: str, min_grade: int, max_grade: int, max_amount, annual_rate, description: str = "",
                    actor) -> LoanProduct:
    """A bank's account manager publishes a product of their bank for grades ``min_grade``..``max_grade``."""
    require(actor, "carbon_code.loan.publish")
    banks = organizations_of(actor, BANK)
    if not (1 <= int(min_grade) <= int(max_grade) <= 5):
        raise ValidationError({"min_grade": _("适用等级须在 1–5 级之间，且最优等级不大于最差等级")}, code="range")
    try:
        rate = Decimal(str(annual_rate)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"annual_rate": _("年利率须为数字")}, code="invalid") from None
    if not Decimal("0") < rate < Decimal("24"):
        raise ValidationError({"annual_rate": _("年利率须大于 0 且小于 24%")}, code="range")
    product = LoanProduct.objects.create(bank_id=banks[0], name=name.strip()[:100], min_grade=min_grade,
                                         max_grade=max_grade, max_amount=_amount(max_amount, "max_amount"),
                                         annual_rate=rate, description=description[:300])
    audit.record("carbon_code.loan_product.published", actor=actor, target=product,
                 data={"grades": [min_grade, max_grade], "rate": str(rate), "max_amount": str(product.max_amount)})
    return product


def consent_for(product: LoanProduct, enterprise, period: str) -> str:
    """The consent text the enterprise's administrator sees beside the product's apply button."""
    return sharing.consent_text(EFFICIENCY, grantor=enterprise, grantee=product.bank, subject=period)


@transaction.atomic
def apply_loan(product: LoanProduct, *, enterprise, amount, actor) -> LoanApplication:
    """The enterprise applies with one click: its latest year grade must be one the product serves. Applying grants
    the product's bank, through core.sharing, the reading of that year's figures for ``GRANT_DAYS`` days (the
    consent text shown beside the button is kept with the grant); nothing of the figures is copied."""
    from .queries import latest_year_result

    require(actor, "carbon_code.enterprise.own", enterprise)
    if not product.is_active:
        raise ValidationError({"product": _("该产品已下架")}, code="inactive")
    result = latest_year_result(enterprise)
    if result is None or not result.grade:
        raise ValidationError({"product": _("本企业还没有年度碳效等级，暂不能申请碳效贷")}, code="not_graded")
    if not product.serves(int(result.grade)):
        raise ValidationError({"product": _("该产品适用 {a}–{b} 级企业，本企业 {period} 年为 {grade} 级").format(
            a=product.min_grade, b=product.max_grade, period=result.period, grade=result.grade)}, code="grade")
    if LoanApplication.objects.filter(product=product, enterprise=enterprise, status=LoanStatus.SUBMITTED).exists():
        raise ValidationError({"product": _("已有一笔该产品的申请在审批中")}, code="pending")
    checked_amount = _amount(amount, "amount", product.max_amount)
    grant = sharing.grant_org_access(scope=EFFICIENCY, grantor=enterprise, grantee=product.bank,
                                     subject=result.period, purpose=f"碳效贷申请：{product.name}"[:200],
                                     days=GRANT_DAYS, actor=actor)
    application = LoanApplication.objects.create(product=product, enterprise=enterprise, applicant=actor,
                                                 amount=checked_amount, period=result.period, grant=grant)
    audit.record("carbon_code.loan.applied", actor=actor, target=application,
                 data={"product": product.pk, "bank": product.bank_id, "amount": str(application.amount),
                       "grant": grant.pk, "period": result.period})
    events.publish("carbon_code.loan.applied", application_id=application.pk, bank_id=product.bank_id)
    return application


def read_figures(application: LoanApplication, *, actor) -> sharing.SharedData:
    """The enterprise's figures as the bank's account manager reads them: only under the application's grant
    (``NotShared`` without one, after revocation or expiry), each read logged in core.sharing."""
    require(actor, "carbon_code.loan.decide", application)
    if application.grant_id is None:
        raise sharing.NotShared
    return sharing.read_org_data(scope=EFFICIENCY, grantor=application.enterprise, grantee=application.product.bank,
                                 subject=application.period, actor=actor,
                                 reason=f"审批碳效贷申请 #{application.pk}（{application.product.name}）")


@transaction.atomic
def revoke(application: LoanApplication, *, actor) -> LoanApplication:
    """The enterprise withdraws the bank's reading of its figures; the bank can no longer read them or decide, so an
    application still awaiting the bank is withdrawn with it (the enterprise may apply again). A decided application
    keeps its decision."""
    require(actor, "carbon_code.enterprise.own", application.enterprise)
    application = LoanApplication.objects.select_for_update().get(pk=application.pk)
    if application.grant_id is not None:
        sharing.revoke_org_grant(application.grant, actor=actor)
    if application.status == LoanStatus.SUBMITTED:
        application.status = LoanStatus.WITHDRAWN
        application.save(update_fields=["status"])
        audit.record("carbon_code.loan.withdrawn", actor=actor, target=application,
                     data={"grant": application.grant_id})
    return application


@transaction.atomic
def decide_loan(application: LoanApplication, *, approve: bool, actor, amount=None, annual_rate=None,
                note: str = "") -> LoanApplication:
    """The bank approves (amount and rate) or rejects an application after reading the figures under the
    enterprise's grant (refused with ``NotShared`` without a valid one); the decision and the grade read are
    ledgered."""
    require(actor, "carbon_code.loan.decide", application)
    application = (LoanApplication.objects.select_for_update().select_related("product__bank", "enterprise")
                   .get(pk=application.pk))
    if application.status == LoanStatus.WITHDRAWN:  # the enterprise revoked the grant: nothing left to read
        raise sharing.NotShared
    if application.status != LoanStatus.SUBMITTED:
        raise ValidationError({"status": _("申请已审批，不能再次审批")}, code="decided")
    if approve:  # bad amounts are refused before anything is read
        application.granted_amount = _amount(amount if amount not in (None, "") else application.amount, "amount",
                                              application.product.max_amount)
        try:
            rate = Decimal(str(annual_rate if annual_rate not in (None, "")
                               else application.product.annual_rate)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValidationError({"annual_rate": _("年利率须为数字")}, code="invalid") from None
        if not Decimal("0") < rate < Decimal("24"):
            raise ValidationError({"annual_rate": _("年利率须大于 0 且小于 24%")}, code="range")
        application.granted_rate = rate
    figures = read_figures(application, actor=actor)
    application.status = LoanStatus.APPROVED if approve else LoanStatus.REJECTED
    application.decided_by, application.decided_at, application.note = actor, timezone.now(), note[:300]
    application.save(update_fields=["status", "granted_amount", "granted_rate", "decided_by", "decided_at", "note",
                                    "updated_at"])
    decision = {"application": application.pk, "status": application.status,
                "amount": str(application.granted_amount or ""), "rate": str(application.granted_rate or ""),
                "grade": figures.fields.get("grade"), "period": figures.subject, "grant": figures.grant_id}
    audit.record("carbon_code.loan.decided", actor=actor, target=application, data=decision)
    digest = hashlib.sha256(json.dumps(decision, sort_keys=True).encode()).hexdigest()
    ledger.append(kind="carbon_code.loan.decided", subject=application, actor=actor, digest=digest, data=decision)
    events.publish("carbon_code.loan.decided", application_id=application.pk, status=application.status)
    return application
