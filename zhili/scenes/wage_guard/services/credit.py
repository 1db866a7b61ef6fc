"""Five-level credit of the enterprises on the projects, and the arrears blacklist.

The national scale (人社部规〔2016〕1号) is A/B/C: C for a blacklisted enterprise or one found in violation three or
more times in the year, B for any violation, A for none. The platform splits A: AA for a year without findings or
complaints, AAA for three such years in a row, A otherwise (Zhejiang's own five-level rules were not found; the
reference says so). Violations are the serious findings of the daily checks (late pay, unpaid attendance, below the
minimum, short balance). The blacklist follows 人社部令第45号: notice before listing, three years, removal on
application after six months with rectification and a written pledge.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, events
from zhili.core.identity.api import require

from ..choices import CreditLevel
from ..models import BlacklistEntry, Complaint, CreditRating, RiskFinding
from ..rules import rule
from .common import evidence, required


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return dt.date(year, month % 12 + 1, min(day.day, 28))


def on_blacklist(organization, day: dt.date) -> BlacklistEntry | None:
    return (BlacklistEntry.objects.filter(organization=organization, listed_on__lte=day, expires_on__gt=day)
            .filter(removed_on__isnull=True).first()
            or BlacklistEntry.objects.filter(organization=organization, listed_on__lte=day, expires_on__gt=day,
                                             removed_on__gt=day).first())


def credit_facts(organization, year: int) -> dict:
    """What the rating of ``organization`` for ``year`` rests on (nothing written)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    serious = rule("case_findings", end).value
    uscc = organization.uscc or ""
    findings = RiskFinding.objects.filter(uscc=uscc, found_on__range=(start, end))
    listed = BlacklistEntry.objects.filter(organization=organization, listed_on__lte=end, expires_on__gte=start)
    return {
        "violations": findings.filter(kind__in=serious).count(),
        "findings": findings.count(),
        "complaints": Complaint.objects.filter(created_at__year=year).filter(
            project__general_contractor=organization).count(),
        "blacklisted": listed.exists(),
    }


def deposit_record(organization, day: dt.date) -> dict:
    """The GC's record the deposit ratio rests on, read from the platform (nothing written): on the blacklist on
    ``day``; serious findings (violations) or a listing in the two years before; ``clean_years`` is the number of
    consecutive rated years just before ``day``'s year without a violation (level A or better), at most 3. A firm
    without ratings has no clean years."""
    since = _years_later(day, -2)
    serious = rule("case_findings", day).value
    arrears = (RiskFinding.objects.filter(uscc=organization.uscc or "-", kind__in=serious,
                                          found_on__range=(since, day)).exists()
               or BlacklistEntry.objects.filter(organization=organization, listed_on__range=(since, day)).exists())
    levels = dict(CreditRating.objects.filter(organization=organization, year__range=(day.year - 3, day.year - 1))
                  .values_list("year", "level"))
    clean = 0
    while clean < 3 and levels.get(day.year - 1 - clean) in (CreditLevel.AAA, CreditLevel.AA, CreditLevel.A):
        clean += 1
    return {"clean_years": clean, "arrears_in_two_years": arrears,
            "blacklisted": on_blacklist(organization, day) is not None}


def level_for(facts: dict, previous: list[str], day: dt.date) -> tuple[str, list[str]]:
    """The level and the references for ``facts``; ``previous`` are the two earlier years' levels, newest first."""
    c_rule, scale = rule("credit_c_violations", day), rule("credit_scale", day)
    if facts["blacklisted"] or facts["violations"] >= c_rule.value:
        return CreditLevel.C, [c_rule.reference]
    if facts["violations"]:
        return CreditLevel.B, [c_rule.reference]
    if facts["findings"] or facts["complaints"]:
        return CreditLevel.A, [scale.reference]
    if len(previous) == 2 and all(p in (CreditLevel.AA, CreditLevel.AAA) for p in previous):
        return CreditLevel.AAA, [scale.reference]
    return CreditLevel.AA, [scale.reference]


@transaction.atomic
def rate_enterprise(organization, year: int, *, actor) -> CreditRating:
    """Rate ``organization`` for ``year`` (again, if already rated); audited and ledgered."""
    require(actor, "wage_guard.credit.rate", organization)
    facts = credit_facts(organization, year)
    previous = list(CreditRating.objects.filter(organization=organization, year__in=(year - 1, year - 2))
                    .order_by("-year").values_list("level", flat=True))
    level, references = level_for(facts, previous, dt.date(year, 12, 31))
    rating, _created = CreditRating.objects.update_or_create(
        organization=organization, year=year, defaults={"level": level, "basis": {**facts, "references": references}})
    data = {"organization": organization.pk, "year": year, "level": level, **facts}
    audit.record("wage_guard.credit.rated", actor=actor, target=rating, data=data)
    evidence("wage_guard.credit.rated", rating, actor, data)
    events.publish("wage_guard.credit.rated", rating_id=rating.pk, organization_id=organization.pk, level=level)
    return rating


@transaction.atomic
def list_on_blacklist(organization, *, reason: str, decision_number: str, noticed_on: dt.date, listed_on: dt.date,
                      actor) -> BlacklistEntry:
    """List an enterprise after its notice (告知); three years, removable on application after six months."""
    require(actor, "wage_guard.credit.blacklist", organization)
    reason = required(reason, "reason", _("列入事由"), 500)
    decision_number = required(decision_number, "decision_number", _("决定文号"), 60)
    if listed_on < noticed_on:
        raise ValidationError({"listed_on": _("列入日期不能早于告知日期")}, code="order")
    if on_blacklist(organization, listed_on):
        raise ValidationError({"organization": _("该企业已在欠薪失信名单中")}, code="duplicate")
    entry = BlacklistEntry.objects.create(
        organization=organization, reason=reason, decision_number=decision_number, noticed_on=noticed_on,
        listed_on=listed_on, expires_on=_years_later(listed_on, rule("blacklist_years", listed_on).value),
        earliest_removal=_months_later(listed_on, rule("blacklist_early_removal_months", listed_on).value))
    data = {"organization": organization.pk, "decision": decision_number, "listed_on": listed_on.isoformat(),
            "expires_on": entry.expires_on.isoformat()}
    audit.record("wage_guard.blacklist.listed", actor=actor, target=entry, data=data)
    evidence("wage_guard.blacklist.listed", entry, actor, data)
    events.publish("wage_guard.blacklist.listed", entry_id=entry.pk, uscc=organization.uscc or "")
    return entry


@transaction.atomic
def remove_from_blacklist(entry: BlacklistEntry, *, removed_on: dt.date, reason: str, actor) -> BlacklistEntry:
    """Remove early (after the waiting period, with rectification and a pledge) — never before it."""
    require(actor, "wage_guard.credit.blacklist", entry.organization)
    entry = BlacklistEntry.objects.select_for_update().get(pk=entry.pk)
    reason = required(reason, "removal_reason", _("移出事由"), 500)
    if entry.removed_on is not None:
        raise ValidationError({"removed_on": _("已于 {d} 移出").format(d=entry.removed_on)}, code="already_removed")
    if removed_on < entry.earliest_removal:
        raise ValidationError({"removed_on": _("列入未满 6 个月，{d} 起方可申请移出（{ref}）").format(
            d=entry.earliest_removal, ref=rule("blacklist_early_removal_months", entry.listed_on).reference)},
            code="too_early")
    entry.removed_on, entry.removal_reason = removed_on, reason
    entry.save(update_fields=["removed_on", "removal_reason", "updated_at"])
    data = {"entry": entry.pk, "removed_on": removed_on.isoformat()}
    audit.record("wage_guard.blacklist.removed", actor=actor, target=entry, data=data)
    evidence("wage_guard.blacklist.removed", entry, actor, data)
    return entry


def credit_report_context(organization, day: dt.date) -> dict:
    """What the credit report of ``organization`` shows on ``day``: the latest level and its basis, every year's
    level, the blacklist entries, the findings and complaints of the last three years, the projects it builds."""
    from ..models import Project

    since = dt.date(day.year - 2, 1, 1)
    ratings = list(CreditRating.objects.filter(organization=organization).order_by("-year"))
    uscc = organization.uscc or ""
    findings = (RiskFinding.objects.filter(uscc=uscc, found_on__gte=since).select_related("project")
                .order_by("-found_on", "-id"))
    complaints = (Complaint.objects.filter(project__general_contractor=organization, created_at__date__gte=since)
                  .select_related("project", "case").order_by("-id"))
    return {
        "organization": organization, "day": day, "latest": ratings[0] if ratings else None, "ratings": ratings,
        "facts": credit_facts(organization, day.year),
        "blacklist": list(BlacklistEntry.objects.filter(organization=organization).order_by("-listed_on")),
        "listed_now": on_blacklist(organization, day),
        "findings": list(findings[:100]), "finding_count": findings.count(),
        "complaints": list(complaints[:100]), "complaint_count": complaints.count(),
        "projects": list(Project.objects.filter(general_contractor=organization).order_by("-start_date")[:50]),
        "scale": rule("credit_scale", day), "c_rule": rule("credit_c_violations", day),
        "blacklist_rule": rule("blacklist_years", day),
    }


def credit_report_pdf(organization, *, actor, day: dt.date | None = None) -> bytes:
    """The enterprise's credit report (信用报告) as a PDF sealed by the platform: level, evidence, history. Officers
    of the enterprise's region and the enterprise's own labour manager may ask; the issue is audited and its
    SHA-256 ledgered."""
    import hashlib

    from django.utils import timezone

    from zhili.core.esign.api import platform_seal_pdf, render_pdf

    require(actor, "wage_guard.credit.report", organization)
    day = day or timezone.localdate()
    context = {**credit_report_context(organization, day), "generated_at": timezone.localtime()}
    pdf = render_pdf("", context, template_name="wage_guard/credit_report_pdf.html")
    sealed = platform_seal_pdf(pdf, subject=organization, reason=_("劳动保障信用报告"), actor=actor,
                               field_name="WageGuardCreditSeal")
    digest = hashlib.sha256(sealed).hexdigest()
    data = {"organization": organization.pk, "uscc": organization.uscc or "", "day": day.isoformat(),
            "level": context["latest"].level if context["latest"] else "", "sha256": digest}
    with transaction.atomic():
        audit.record("wage_guard.credit.report_issued", actor=actor, target=organization, data=data)
        evidence("wage_guard.credit.report_issued", organization, actor, data)
    return sealed
