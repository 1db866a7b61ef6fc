"""Reads of the 碳效码 scene: what a person may see, why a result is not graded, the enterprise's code."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from zhili.core.foundation.api import plain_number
from zhili.core.identity.api import Role, filter_by_scope, has_role, in_scope, organizations_of
from zhili.core.indicators.api import check_status_code, issue_status_code
from zhili.core.orgs.api import Organization, region_by_code

from .choices import EnergyKind, ResultStatus
from .indicators import SYSTEM
from .models import CarbonBill, CarbonResult, LoanApplication, LoanProduct, RegionIndex
from .roles import BANK, ENTERPRISE, OFFICER
from .rules import rule


def visible_results(user) -> QuerySet:
    """An officer's results in their region's scope (a platform administrator's everywhere); else the own firm's."""
    results = CarbonResult.objects.select_related("enterprise", "region")
    if has_role(user, OFFICER, Role.PLATFORM_ADMIN):
        return filter_by_scope(user, results)
    return results.filter(enterprise_id__in=organizations_of(user, ENTERPRISE))


def result_for(user, pk: int) -> CarbonResult:
    """The result ``pk`` if ``user`` may see it; "not found" otherwise, as for a result that does not exist."""
    return get_object_or_404(visible_results(user), pk=pk)


def bill_for(user, pk: int) -> CarbonBill:
    """An issued bill whose enterprise ``user`` administers or whose region lies in their scope; else 404."""
    bills = CarbonBill.objects.select_related("enterprise__region")
    if has_role(user, OFFICER, Role.PLATFORM_ADMIN):
        bills = filter_by_scope(user, bills, "enterprise__region")
    else:
        bills = bills.filter(enterprise_id__in=organizations_of(user, ENTERPRISE))
    return get_object_or_404(bills, pk=pk)


def own_enterprises(user) -> QuerySet:
    """The enterprises ``user`` administers."""
    return Organization.objects.filter(pk__in=organizations_of(user, ENTERPRISE)).order_by("name")


def latest_year_result(enterprise) -> CarbonResult | None:
    """The enterprise's result for its latest evaluated year (the period the code shows)."""
    return (CarbonResult.objects.filter(enterprise=enterprise, period__regex=r"^\d{4}$")
            .order_by("-period").first())


PROBLEM_TEXT = {
    "kind": _("{month} 能源种类「{kind}」不在本数据集的种类中"),
    "unit": _("{month} {kind_label} 的计量单位为 {unit}，本数据集要求 {expected}"),
    "missing": _("{month} {kind_label} 缺少用量"),
    "negative": _("{month} {kind_label} 用量为负数（{quantity} {unit}）"),
    "outlier": _("{month} {kind_label} 用量 {quantity} {unit} 与本企业近 12 个月中位数 {median} 相差一个数量级以上"),
    "missing_va": _("{month} 有能源数据但缺少增加值"),
    "bad_va": _("{month} 增加值缺失或不为正数"),
}


def problem_text(problem: dict) -> str:
    """One data problem in a sentence naming the month, the energy kind and the rule."""
    if "text" in problem:
        return problem["text"]
    template = PROBLEM_TEXT.get(problem["code"], "{code}")
    kind = problem.get("kind") or ""
    expected = {EnergyKind.GRID_ELECTRICITY: "kWh", EnergyKind.OWN_GENERATION: "kWh", EnergyKind.NATURAL_GAS: "m3",
                EnergyKind.COAL: "t", EnergyKind.OIL: "t", EnergyKind.HEAT: "GJ"}.get(kind, "")
    label = str(EnergyKind(kind).label) if kind in EnergyKind.values else kind
    return str(template).format(month=problem.get("month", ""), kind=kind, kind_label=label,
                              unit=problem.get("unit") or "", expected=expected,
                              quantity=_num(problem.get("quantity")), median=_num(problem.get("median")),
                              code=problem["code"])


def _num(value) -> str:
    if value is None:
        return "—"
    return plain_number(value)


def status_counts(results: QuerySet) -> dict[str, int]:
    """How many results are graded or not."""
    counts = dict.fromkeys(ResultStatus.values, 0)
    for status in results.values_list("status", flat=True):
        counts[status] += 1
    return counts


def code_for(enterprise) -> str:
    """A signed token for the enterprise's current code level, valid for the dated number of days."""
    import datetime as dt

    from django.utils import timezone

    days = rule("code_valid_days", timezone.localdate()).value
    return issue_status_code(SYSTEM, enterprise.uscc, ttl=dt.timedelta(days=days))


def scan(token: str):
    """What a scan finds: the check, and for a genuine code of this system the enterprise and its year result."""
    check = check_status_code(token)
    if check.valid and check.system != SYSTEM:
        return check, None, None
    enterprise = Organization.objects.filter(uscc=check.entity).first() if check.valid else None
    result = latest_year_result(enterprise) if enterprise else None
    return check, enterprise, result


def quantity_rows(result: CarbonResult) -> list[tuple[str, float, str, str]]:
    """(kind label, quantity, unit, emissions in t) for each energy kind the result used, with the factor applied."""
    rows = []
    for kind in EnergyKind:
        quantity = result.quantities.get(kind.value)
        if quantity is None:
            continue
        factor = result.evaluation.factors.get(kind.value, {})
        emissions = quantity * float(factor.get("t_co2_per_unit", 0))
        rows.append((str(kind.label), _num(quantity), factor.get("unit", ""), _num(emissions)))
    return rows


def index_visible(user, index: RegionIndex) -> bool:
    """Province, city and industry indices are aggregates every officer sees; a county's or town's only in scope."""
    if index.level in ("province", "city", "industry"):
        return True
    return in_scope(user, region_by_code(index.code))


def bank_applications(user) -> QuerySet:
    """The applications to the products of the banks ``user`` works for."""
    return (LoanApplication.objects.filter(product__bank_id__in=organizations_of(user, BANK))
            .select_related("product__bank", "enterprise", "grant"))


def application_for_bank(user, pk: int) -> LoanApplication:
    return get_object_or_404(bank_applications(user), pk=pk)


def bank_products(user) -> QuerySet:
    return LoanProduct.objects.filter(bank_id__in=organizations_of(user, BANK))


def active_products() -> QuerySet:
    return LoanProduct.objects.filter(is_active=True).select_related("bank")


def own_applications(user) -> QuerySet:
    return (LoanApplication.objects.filter(enterprise_id__in=organizations_of(user, ENTERPRISE))
            .select_related("product__bank", "enterprise", "grant"))


def grant_reads(user) -> QuerySet:
    """Every read of the user's enterprises' data under their grants (core.sharing's log), newest first."""
    from zhili.core.sharing.api import OrgAccessLogEntry

    return (OrgAccessLogEntry.objects.filter(grantor_id__in=organizations_of(user, ENTERPRISE))
            .select_related("organization", "reader", "grant").order_by("-created_at", "-id"))
