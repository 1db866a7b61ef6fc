"""Agencies and their licences: register, renew, cancel, the daily expiry sweep, the 2025 credit grade."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zhili.core.foundation.api import audit, events
from zhili.core.ledger import api as ledger

from ..choices import CreditGrade, LicenceStatus
from ..models import Agency
from ..rules import add_years, licence_number_ok, rule
from .common import as_date, as_decimal, authorize, digest, person, refuse


def _check_licence_number(number: str, day: dt.date) -> str:
    number = (number or "").strip()
    if not licence_number_ok(number, day):
        refuse("licence_no", f"许可证编号：格式不符（{rule('licence_number_pattern', day).reference}）", "licence_form")
    return number


@transaction.atomic
def register_agency(*, name: str, uscc: str, region, licence_no: str, licence_issued_on, registered_capital,
                    premises: str, branches: int = 0, licence_expires_on=None, actor) -> Agency:
    """Enter a licensed agency: its enterprise (by USCC), licence, capital and premises.

    The licence runs 3 years from issue unless ``licence_expires_on`` says otherwise; the capital must reach the
    statutory minimum; dates must be in order. Refusals name the field and the rule.
    """
    from zhili.core.orgs.api import Organization, register_enterprise

    authorize(actor, "dispatch_watch.agency.manage", region)
    issued = as_date(licence_issued_on, "licence_issued_on", "发证日期")
    licence_no = _check_licence_number(licence_no, issued)
    if Agency.objects.filter(licence_no=licence_no).exists():
        refuse("licence_no", "许可证编号：已被其他派遣单位使用", "duplicate")
    valid_years = rule("licence_valid_years", issued)
    expires = (as_date(licence_expires_on, "licence_expires_on", "有效期至") if licence_expires_on
               else add_years(issued, valid_years.value) - dt.timedelta(days=1))
    if expires <= issued:
        refuse("licence_expires_on", "有效期至：须晚于发证日期", "dates_order")
    if expires > add_years(issued, valid_years.value):
        refuse("licence_expires_on", f"有效期至：超过许可证有效期（{valid_years.reference}）", "too_long")
    capital = as_decimal(registered_capital, "registered_capital", "注册资本")
    minimum = rule("registered_capital_min", issued)
    if capital < minimum.value:
        refuse("registered_capital", f"注册资本：不得少于 {minimum.value:.0f} 元（{minimum.reference}）", "capital")
    premises = (premises or "").strip()
    if not premises:
        refuse("premises", "经营场所：不能为空（《劳动合同法》第五十七条：有与开展业务相适应的固定经营场所）", "required")
    organization = Organization.objects.filter(uscc=(uscc or "").strip().upper()).first()
    if organization is None:
        organization = register_enterprise(name=name, uscc=uscc, region=region, is_dispatch_agency=True, actor=None)
    elif Agency.objects.filter(organization=organization).exists():
        refuse("uscc", "统一社会信用代码：该单位已登记为派遣单位", "duplicate")
    agency = Agency.objects.create(organization=organization, region=region, licence_no=licence_no,
                                   licence_issued_on=issued, licence_expires_on=expires, registered_capital=capital,
                                   premises=premises[:255], branches=int(branches or 0))
    data = {"licence_no": licence_no, "uscc": organization.uscc, "issued": issued.isoformat(),
            "expires": expires.isoformat()}
    audit.record("dispatch_watch.agency.registered", actor=actor, target=agency, data=data)
    ledger.append(kind="dispatch_watch.licence.granted", subject=agency, actor=person(actor), digest=digest(data),
                  data=data)
    events.publish("dispatch_watch.agency.registered", agency_id=agency.pk)
    return agency


@transaction.atomic
def renew_licence(agency: Agency, *, applied_on, actor) -> Agency:
    """Renew (延续) a licence applied for at least 60 days before expiry: 3 more years from the old expiry."""
    authorize(actor, "dispatch_watch.agency.manage", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    applied = as_date(applied_on, "applied_on", "申请日期")
    if agency.licence_status not in (LicenceStatus.VALID, LicenceStatus.EXPIRED):
        refuse("licence_status", f"许可状态为「{LicenceStatus(agency.licence_status).label}」，不能延续", "state")
    window = rule("renewal_window_days", agency.licence_expires_on)
    if applied > agency.licence_expires_on - dt.timedelta(days=window.value):
        refuse("applied_on", f"申请日期：应在有效期届满 {window.value} 日前提出延续申请（{window.reference}）", "too_late")
    old = agency.licence_expires_on
    agency.licence_expires_on = add_years(old, rule("licence_valid_years", old).value)
    agency.licence_status = LicenceStatus.VALID
    agency.save(update_fields=["licence_expires_on", "licence_status", "updated_at"])
    data = {"licence_no": agency.licence_no, "old_expiry": old.isoformat(),
            "new_expiry": agency.licence_expires_on.isoformat()}
    audit.record("dispatch_watch.licence.renewed", actor=actor, target=agency, data=data)
    ledger.append(kind="dispatch_watch.licence.renewed", subject=agency, actor=person(actor), digest=digest(data),
                  data=data)
    return agency


@transaction.atomic
def cancel_licence(agency: Agency, *, revoked: bool = False, reason: str, actor) -> Agency:
    """Cancel (注销) or revoke (吊销) a licence, with the reason."""
    authorize(actor, "dispatch_watch.agency.manage", agency)
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", "理由：注销或吊销许可须写明理由", "required")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.licence_status in (LicenceStatus.CANCELLED, LicenceStatus.REVOKED):
        refuse("licence_status", "许可已注销或吊销", "state")
    agency.licence_status = LicenceStatus.REVOKED if revoked else LicenceStatus.CANCELLED
    agency.save(update_fields=["licence_status", "updated_at"])
    data = {"licence_no": agency.licence_no, "status": agency.licence_status, "reason": reason[:500]}
    audit.record("dispatch_watch.licence.cancelled", actor=actor, target=agency, data=data)
    ledger.append(kind="dispatch_watch.licence.cancelled", subject=agency, actor=person(actor), digest=digest(data),
                  data=data)
    return agency


@transaction.atomic
def set_credit_grade(agency: Agency, *, grade: str, year: int, actor) -> Agency:
    """Record the agency's credit grade under the 2025 national guide (A+/A/B/C/D)."""
    authorize(actor, "dispatch_watch.agency.manage", agency)
    if grade not in CreditGrade.values:
        refuse("credit_grade", f"信用等级：须为 {'、'.join(CreditGrade.values)} 之一（人社厅发〔2025〕6号）")
    agency.credit_grade, agency.credit_year = grade, int(year)
    agency.save(update_fields=["credit_grade", "credit_year", "updated_at"])
    audit.record("dispatch_watch.credit.graded", actor=actor, target=agency, data={"grade": grade,
                                                                                           "year": int(year)})
    return agency


@transaction.atomic
def sweep_licences(today: dt.date | None = None, *, actor="job:dispatch_watch.licences") -> dict:
    """Mark licences past their expiry as expired; count those inside the renewal window."""
    today = today or timezone.localdate()
    expired = list(Agency.objects.filter(licence_status=LicenceStatus.VALID, licence_expires_on__lt=today)
                   .values_list("pk", flat=True))
    Agency.objects.filter(pk__in=expired).update(licence_status=LicenceStatus.EXPIRED, updated_at=timezone.now())
    window = rule("renewal_window_days", today).value  # the last day to apply for renewal falls in the next 30 days
    due = Agency.objects.filter(licence_status=LicenceStatus.VALID,
                                licence_expires_on__gte=today + dt.timedelta(days=window),
                                licence_expires_on__lte=today + dt.timedelta(days=window + 30)).count()
    report = {"expired": len(expired), "renewal_due": due}
    audit.record("dispatch_watch.licences.swept", actor=actor, data=report)
    return report
