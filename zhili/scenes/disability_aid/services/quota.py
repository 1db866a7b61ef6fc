"""The yearly quota review (按比例安排就业年审) and the employment-security fund (残疾人就业保障金) per employer.

For year Y (levied in Y+1, so the parameters in force on 1 January Y+1 apply), per employer registered on the
platform whose staff and wages 人社 reports in ``da_employer_staff``:

    应安排人数 = 在职职工年平均人数 × 规定比例
    实际安排 = Σ 残疾职工在该年的在职月数 / 12 × (一、二级按 2 名)
    应缴保障金 = max(应安排 − 实际安排, 0) × min(年平均工资, 当地社会平均工资 × 2)

then 30 staff or fewer at an enterprise: exempt; a ratio of 1 % or more: 50 % of it; below 1 %: 90 % (the
reduction in force). Every figure and the parameters used are stored with the review.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhili.core.foundation.api import audit, parameter_on
from zhili.core.identity.api import require
from zhili.core.orgs.api import Organization, OrganizationKind

from ..choices import QuotaStatus
from ..models import Certificate, Employment, QuotaReview
from ..policies import DOMAIN

CENT, HUNDREDTH = Decimal("0.01"), Decimal("0.01")
QUOTA_PARAMETERS = ("quota_rate", "severe_counts_as", "wage_cap_multiple", "local_average_wage", "exempt_staff",
                    "reduction")


def quota_parameters(year: int) -> dict:
    """The parameters a review of ``year`` uses (in force on 1 January of the levy year), with references."""
    day = dt.date(year + 1, 1, 1)
    found = {name: parameter_on(DOMAIN, name, day).as_dict() for name in QUOTA_PARAMETERS}
    return {name: {**value, "label": str(value["label"]), "unit": str(value["unit"])} for name, value in found.items()}


def months_in_year(since: dt.date, until: dt.date | None, year: int) -> int:
    """Whole or part calendar months of ``year`` in which the employment ran (a month counts once begun)."""
    start, end = max(since, dt.date(year, 1, 1)), min(until or dt.date(year, 12, 31), dt.date(year, 12, 31))
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def disabled_counted(organization_ids: list[int], year: int, severe_counts_as: int,
                     engine: str = "duckdb") -> dict[int, Decimal]:
    """Per employer, its disabled employees in ``year`` as yearly averages, grade 1–2 counted ``severe_counts_as``
    times; only persons holding a certificate issued by the year's end count (the platform's own, else the
    national base database's in the data pool)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    employments = list(Employment.objects.filter(organization_id__in=organization_ids, since__lte=last)
                       .filter(Q(until__isnull=True) | Q(until__gte=first))
                       .values_list("organization_id", "person_id", "person__key", "since", "until"))
    grades = {}
    for person_id, grade in (Certificate.objects.filter(person_id__in={e[1] for e in employments},
                                                        issued_on__lte=last)
                             .order_by("person_id", "issued_on", "id").values_list("person_id", "grade")):
        grades[person_id] = grade  # the latest by the year's end
    missing = {e[2]: e[1] for e in employments if e[1] not in grades}
    for key, grade in _pool_grades(sorted(missing), last, engine).items():
        grades[missing[key]] = grade
    months: dict[int, Decimal] = {}
    for organization_id, person_id, _key, since, until in employments:
        if person_id not in grades:
            continue
        weight = severe_counts_as if grades[person_id] in ("1", "2") else 1
        months[organization_id] = months.get(organization_id, Decimal(0)) + weight * months_in_year(since, until, year)
    return {org: (m / 12).quantize(HUNDREDTH, ROUND_HALF_UP) for org, m in months.items()}


def _pool_grades(keys: list[str], by: dt.date, engine: str) -> dict[str, str]:
    """The latest grade by ``by`` of each person in ``keys`` in the national base database's certificates."""
    if not keys:
        return {}
    from zhili.core.datapool.api import connect, ibis_table

    con = connect(engine)
    try:
        table = ibis_table("da_certificates", engine, con=con)
        rows = (table.filter(table.person_id.isin(keys) & (table.issued_on <= by))
                .order_by(["person_id", "issued_on"]).select("person_id", "grade").to_pyarrow().to_pylist())
    finally:
        if engine != "pyspark":
            con.disconnect()
    return {row["person_id"]: row["grade"] for row in rows}


def compute(*, staff: Decimal, average_wage: Decimal, disabled: Decimal, enterprise: bool, parameters: dict) -> dict:
    """One employer's quota and fund from its figures and the year's parameters (nothing is read or written)."""
    value = {name: parameters[name]["value"] for name in QUOTA_PARAMETERS}
    rate = Decimal(str(value["quota_rate"]))
    required = (staff * rate).quantize(HUNDREDTH, ROUND_HALF_UP)
    shortfall = max(required - disabled, Decimal(0))
    cap = Decimal(str(value["local_average_wage"])) * Decimal(str(value["wage_cap_multiple"]))
    base = min(average_wage, cap).quantize(CENT)
    before = (shortfall * base).quantize(CENT, ROUND_HALF_UP)
    ratio = (disabled / staff) if staff else Decimal(0)
    lines = [
        _("应安排 {staff} × {rate}% = {required} 人；实际安排（一、二级按 {times} 名）{disabled} 人").format(
            staff=staff, rate=(rate * 100).normalize(), required=required, times=value["severe_counts_as"],
            disabled=disabled),
    ]
    if shortfall == 0:
        lines.append(_("已达到规定比例，无须缴纳保障金"))
        return {"required": required, "shortfall": shortfall, "wage_base": base, "fund_before": Decimal("0.00"),
                "fund_due": Decimal("0.00"), "status": QuotaStatus.MET, "explanation": [str(x) for x in lines]}
    lines.append(_("差额 {shortfall} 人 × 计征工资 {base} 元（年平均工资 {wage} 元，上限 {cap} 元）= {before} 元").format(
        shortfall=shortfall, base=base, wage=average_wage, cap=cap.quantize(CENT), before=before))
    if enterprise and staff <= Decimal(str(value["exempt_staff"])):
        lines.append(_("在职职工 {staff} 人，不超过 {limit} 人的企业暂免征收").format(staff=staff,
                                                                              limit=value["exempt_staff"]))
        return {"required": required, "shortfall": shortfall, "wage_base": base, "fund_before": before,
                "fund_due": Decimal("0.00"), "status": QuotaStatus.EXEMPT, "explanation": [str(x) for x in lines]}
    pay = Decimal(1)
    for bound, fraction in sorted(([Decimal(b), Decimal(f)] for b, f in value["reduction"]), reverse=True):
        if ratio >= bound:
            pay = fraction
            break
    due = (before * pay).quantize(CENT, ROUND_HALF_UP)
    if pay < 1:
        lines.append(_("安排比例 {ratio}%，按应缴额的 {pay}% 缴纳：{due} 元").format(
            ratio=(ratio * 100).quantize(HUNDREDTH, ROUND_HALF_UP), pay=(pay * 100).normalize(), due=due))
    return {"required": required, "shortfall": shortfall, "wage_base": base, "fund_before": before, "fund_due": due,
            "status": QuotaStatus.REDUCED if pay < 1 else QuotaStatus.SHORT, "explanation": [str(x) for x in lines]}


def _staff_rows(year: int, engine: str) -> list[dict]:
    from zhili.core.datapool.api import connect, ibis_table

    con = connect(engine)
    try:
        table = ibis_table("da_employer_staff", engine, con=con)
        return table.filter(table.year == year).select("uscc", "staff", "average_wage").to_pyarrow().to_pylist()
    finally:
        if engine != "pyspark":
            con.disconnect()


@transaction.atomic
def review_quotas(year: int, *, actor, engine: str = "duckdb") -> dict:
    """Review every reported employer's quota for ``year`` and store (or replace) its review; returns the counts.

    An employer 人社 reports but the platform has not registered is counted as ``unknown`` and left out."""
    require(actor, "disability_aid.quota.review")
    if not isinstance(year, int) or not 2015 <= year <= dt.date.today().year:
        raise ValidationError({"year": _("须为 2015 年至今年之间的年份")}, code="range")
    rows = _staff_rows(year, engine)
    by_uscc = {o.uscc: o for o in Organization.objects.filter(uscc__in=[r["uscc"] for r in rows])}
    parameters = quota_parameters(year)
    counted = disabled_counted([o.pk for o in by_uscc.values()], year, int(parameters["severe_counts_as"]["value"]),
                               engine)
    report = {"year": year, "reviewed": 0, "unknown": 0, "fund_due": Decimal("0.00")}
    for row in rows:
        organization = by_uscc.get(row["uscc"])
        staff = Decimal(str(row["staff"])).quantize(HUNDREDTH)
        if organization is None or staff <= 0:
            report["unknown"] += 1
            continue
        disabled = counted.get(organization.pk, Decimal("0.00"))
        wage = Decimal(str(row["average_wage"])).quantize(CENT)
        result = compute(staff=staff, average_wage=wage, disabled=disabled,
                         enterprise=organization.kind == OrganizationKind.ENTERPRISE, parameters=parameters)
        QuotaReview.objects.update_or_create(organization=organization, year=year, defaults={
            "staff": staff, "average_wage": wage, "disabled_counted": disabled, "parameters": parameters,
            "reviewed_by": actor, **result})
        report["reviewed"] += 1
        report["fund_due"] += result["fund_due"]
    audit.record("disability_aid.quota.reviewed", actor=actor,
                 data={**report, "fund_due": str(report["fund_due"])})
    return report
