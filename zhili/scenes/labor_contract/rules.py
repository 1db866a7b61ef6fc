"""Legal rules a labor contract is checked against: dated values with their references, and ``check_contract``.

Every threshold is a dated parameter of the ``labor_contract`` policy domain (``policies.py``, core.policy's one
mechanism for dated rules); a changed rule gets a new value with a new effective date, never an edited literal.
``value_on(name, day)`` gives the value in force on ``day`` with its date and reference.
Statute texts: LawRefBook/Laws at commit 2f4c5c23 (see ``docs/scenes/labor_contract.md``).
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from zhili.core.foundation.api import ParameterValue, birth_date_from_id, parameter_on

from .choices import TermType, WorkingHourSystem
from .policies import DOMAIN, LCL

Dated = ParameterValue  # a rule's value on a day, with its date and reference (what value_on and the checks give)


@dataclass(frozen=True)
class RuleViolation:
    """One failed check: the field it concerns, a stable rule code, a Chinese message and the article."""

    field: str
    rule_code: str
    message_zh: str
    reference: str
    severity: str = "error"  # "error" stops the contract; "warning" is shown and recorded

    def __str__(self) -> str:
        return f"{self.message_zh}（{self.reference}）"


@dataclass(frozen=True)
class MinimumWage:
    """A monthly and hourly minimum wage for the regions whose GB/T 2260 code starts with ``region_prefix``."""

    region_prefix: str
    tier: str
    monthly: Decimal
    hourly: Decimal
    effective_from: dt.date
    reference: str


# Zhejiang's tiers. The province-wide entry is the lowest tier, used when a county is not listed below.
# 建德市 (330182) is in the second tier. The figures (monthly and hourly), the 文号, the effective dates and the
# county-to-tier lists were recalled, not read from the province's notices: neither labor.md nor the sources
# searched (2025-11) confirm any of them, so each reference says 未经核实 until someone checks the official text
# (docs/scenes/labor_contract.md, "Minimum wages — to verify").
_UNVERIFIED = "（标准数额、档次划分与文号未经核实，以浙江省人民政府公布的正式文件为准）"
_ZJ_2021 = "浙江省人民政府关于调整全省最低工资标准的通知（浙政发〔2021〕24号），2021年8月1日起执行" + _UNVERIFIED
_ZJ_2025 = "浙江省人民政府关于调整全省最低工资标准的通知（文号未经核实），2025年1月1日起执行" + _UNVERIFIED
MINIMUM_WAGES: list[MinimumWage] = [
    MinimumWage("33", "第三档", Decimal("1840"), Decimal("18"), dt.date(2021, 8, 1), _ZJ_2021),
    MinimumWage("3301", "第一档", Decimal("2280"), Decimal("22"), dt.date(2021, 8, 1), _ZJ_2021),
    MinimumWage("330122", "第二档", Decimal("2070"), Decimal("20"), dt.date(2021, 8, 1), _ZJ_2021),
    MinimumWage("330127", "第二档", Decimal("2070"), Decimal("20"), dt.date(2021, 8, 1), _ZJ_2021),
    MinimumWage("330182", "第二档", Decimal("2070"), Decimal("20"), dt.date(2021, 8, 1), _ZJ_2021),
    MinimumWage("33", "第三档", Decimal("2010"), Decimal("20"), dt.date(2025, 1, 1), _ZJ_2025),
    MinimumWage("3301", "第一档", Decimal("2490"), Decimal("24"), dt.date(2025, 1, 1), _ZJ_2025),
    MinimumWage("330122", "第二档", Decimal("2260"), Decimal("22"), dt.date(2025, 1, 1), _ZJ_2025),
    MinimumWage("330127", "第二档", Decimal("2260"), Decimal("22"), dt.date(2025, 1, 1), _ZJ_2025),
    MinimumWage("330182", "第二档", Decimal("2260"), Decimal("22"), dt.date(2025, 1, 1), _ZJ_2025),
]


def value_on(name: str, day: dt.date) -> Dated:
    """The value of parameter ``name`` (``policies.py``) in force on ``day`` (the earliest if ``day`` precedes all)."""
    return parameter_on(DOMAIN, name, day)


def derived(rule: Dated, value, *, effective_from: dt.date | None = None, reference: str | None = None) -> Dated:
    """A value worked out from ``rule`` (a probation floor, a longest probation), keeping its basis."""
    return replace(rule, value=value, effective_from=effective_from or rule.effective_from,
                   reference=rule.reference if reference is None else reference)


def minimum_wage(region_code: str, day: dt.date) -> MinimumWage | None:
    """The monthly minimum wage for the region on ``day``: the longest matching prefix of the newest notice."""
    in_force = [w for w in MINIMUM_WAGES if w.effective_from <= day and region_code.startswith(w.region_prefix)]
    if not in_force:
        return None
    latest = max(w.effective_from for w in in_force)
    return max((w for w in in_force if w.effective_from == latest), key=lambda w: len(w.region_prefix))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def term_months(start: dt.date, end: dt.date) -> int:
    """Whole months of a term from ``start`` to ``end`` inclusive (2025-01-01 to 2025-03-31 is 3)."""
    months = 0
    while add_months(start, months + 1) <= end + dt.timedelta(days=1):
        months += 1
    return months


def probation_wage_floor(wage: Decimal, region_code: str, start: dt.date) -> Dated:
    """The lowest lawful probation wage (Art. 20): 80% of the agreed wage, and not below the minimum wage."""
    ratio = value_on("probation_wage_ratio", start)
    lowest = (wage * ratio.value).quantize(Decimal("0.01"))
    reference = ratio.reference
    floor = minimum_wage(region_code, start)
    if floor is not None and floor.monthly > lowest:
        lowest = floor.monthly.quantize(Decimal("0.01"))
        reference = value_on("probation_wage_floor_is_minimum_wage", start).reference + "；" + floor.reference
    return derived(ratio, lowest, effective_from=start, reference=reference)


def max_probation_months(term_type: str, start: dt.date, end: dt.date | None) -> Dated:
    """The longest probation allowed for the term (Art. 19), with its reference."""
    if term_type == TermType.TASK_BASED:
        return value_on("probation_task_based_months", start)
    if term_type == TermType.OPEN_ENDED or end is None:
        return value_on("probation_open_ended_months", start)
    limits = value_on("probation_limits", start)
    months = term_months(start, end)
    for lower, longest in limits.value:
        if months >= lower:
            return derived(limits, longest)
    return derived(limits, 0)


def age_on(id_number: str, day: dt.date) -> int | None:
    try:
        born = birth_date_from_id(id_number)
    except (ValueError, IndexError):
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def should_offer_open_ended(prior_fixed_terms: int, years_of_service: int, day: dt.date) -> Dated | None:
    """The Art. 14 ground that obliges an open-ended offer, or None."""
    after_terms = value_on("open_ended_after_fixed_terms", day)
    if prior_fixed_terms >= after_terms.value:
        return after_terms
    after_years = value_on("open_ended_after_years", day)
    if years_of_service >= after_years.value:
        return after_years
    return None


def termination_ground(reason: str, day: dt.date) -> tuple[str, str] | None:
    """(status the contract ends in, article) for a termination reason code on ``day``, or None if unknown."""
    return value_on("termination_grounds", day).value.get(reason)


def dismissal_barred(reason: str, protections, day: dt.date) -> list[RuleViolation]:
    """Why a dismissal for ``reason`` on ``day`` is unlawful given the Art. 42 circumstances ``protections``.

    Only the reasons of ``protected_dismissal_reasons`` (Art. 40 and 41) are barred; an unknown circumstance
    code is itself a violation, so a typo never passes as "no protection".
    """
    known = value_on("dismissal_protections", day).value
    found = [RuleViolation("protections", "unknown_protection", _("受保护情形：未知的情形 {code}").format(code=code),
                           value_on("dismissal_protections", day).reference) for code in protections if code not in known]
    if reason in value_on("protected_dismissal_reasons", day).value:
        found += [RuleViolation("protections", f"protected_{code}", _("劳动者{what}，用人单位不得依照第四十条、第四十一条解除劳动合同").format(
            what=known[code][0]), known[code][1]) for code in protections if code in known]
    return found


def no_fault_notice_problem(notice_given_on: dt.date | None, pay_in_lieu: bool, ended_on: dt.date) -> RuleViolation | None:
    """Art. 40: written notice ``no_fault_notice_days`` ahead of ``ended_on``, or a month's wage in lieu."""
    days = value_on("no_fault_notice_days", ended_on)
    if pay_in_lieu and value_on("no_fault_pay_in_lieu", ended_on).value:
        return None
    if notice_given_on is None:
        return RuleViolation("notice_given_on", "notice_required", _(
            "无过失性辞退须提前 {days} 日以书面形式通知劳动者，或者额外支付劳动者一个月工资：请填写书面通知日期或选择额外支付一个月工资").format(
            days=days.value), value_on("no_fault_pay_in_lieu", ended_on).reference)
    if (ended_on - notice_given_on).days < days.value:
        return RuleViolation("notice_given_on", "notice_too_short", _(
            "书面通知日期 {notice} 距解除日期 {ended} 不足 {days} 日，须提前 {days} 日通知或者额外支付一个月工资").format(
            notice=notice_given_on.isoformat(), ended=ended_on.isoformat(), days=days.value), days.reference)
    return None


def service_months(start: dt.date, end: dt.date) -> int:
    """Whole months of service from ``start`` to ``end`` inclusive (for the Art. 50 certificate)."""
    return term_months(start, end) if end >= start else 0


def _money(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def check_contract(data: dict) -> list[RuleViolation]:
    """Check one contract's terms; return every violation (an empty list means the terms are lawful).

    ``data`` keys: ``term_type``, ``start_date``, ``end_date``, ``probation_months``, ``monthly_wage``,
    ``probation_wage``, ``working_hour_system``, ``worker_id_number``, ``region_code`` (where the work is done,
    LCL-IR Art. 14), ``is_dispatch_agency`` and the dispatch fields, ``task_description``, and from history
    ``prior_probation`` (an earlier contract of the same pair had one) and ``prior_fixed_terms``.
    """
    found: list[RuleViolation] = []
    start: dt.date | None = data.get("start_date")
    end: dt.date | None = data.get("end_date")
    term_type = data.get("term_type") or ""
    if start is None:
        return [RuleViolation("start_date", "start_date_required", _("合同开始日期必须填写"), LCL + "第十七条第一款第三项")]

    if term_type not in TermType.values:
        found.append(RuleViolation("term_type", "term_type_required", _("合同期限类型必须为固定期限、无固定期限或以完成一定工作任务为期限"),
                                   LCL + "第十二条"))
    elif term_type == TermType.FIXED_TERM and end is None:
        found.append(RuleViolation("end_date", "end_date_required", _("固定期限劳动合同必须写明终止日期"), LCL + "第十三条"))
    elif term_type == TermType.TASK_BASED and not (data.get("task_description") or "").strip():
        found.append(RuleViolation("task_description", "task_required", _("以完成一定工作任务为期限的合同必须写明工作任务"),
                                   LCL + "第十五条"))
    if end is not None and end < start:
        found.append(RuleViolation("end_date", "end_before_start", _("合同终止日期早于开始日期"), LCL + "第十七条第一款第三项"))

    id_number = data.get("worker_id_number") or ""
    age = age_on(id_number, start) if id_number else None
    youngest = value_on("minimum_working_age", start)
    if age is not None and age < youngest.value:
        found.append(RuleViolation("worker_id_number", "under_minimum_age",
                                   _("劳动者在合同开始日未满 {age} 周岁（按身份证号码计算为 {actual} 周岁），不得招用")
                                   .format(age=youngest.value, actual=age), youngest.reference))

    hours = data.get("working_hour_system") or ""
    if hours not in WorkingHourSystem.values:
        found.append(RuleViolation("working_hour_system", "working_hours_required",
                                   _("必须约定工时制度（标准工时、综合计算工时或不定时工作制）"),
                                   value_on("working_hour_system_required", start).reference))

    found += _check_wages(data, start, end, term_type)
    found += _check_dispatch(data, start, end, term_type)

    prior_fixed = int(data.get("prior_fixed_terms") or 0)
    ground = should_offer_open_ended(prior_fixed, int(data.get("years_of_service") or 0), start)
    if term_type == TermType.FIXED_TERM and ground is not None:
        found.append(RuleViolation("term_type", "open_ended_offer_due",
                                   _("该劳动者已连续订立 {n} 次固定期限合同或工作满十年，劳动者提出或同意续订时，除劳动者提出订立固定期限合同外，应当订立无固定期限劳动合同")
                                   .format(n=prior_fixed), ground.reference, severity="warning"))
    return found


def _check_wages(data: dict, start: dt.date, end: dt.date | None, term_type: str) -> list[RuleViolation]:
    found = []
    wage = _money(data.get("monthly_wage"))
    probation_wage = _money(data.get("probation_wage"))
    probation = int(data.get("probation_months") or 0)
    floor = minimum_wage(data.get("region_code") or "", start)
    if wage is None or wage <= 0:
        found.append(RuleViolation("monthly_wage", "wage_required", _("必须约定劳动报酬（月工资）"), LCL + "第十七条第一款第六项"))
    elif floor is not None and wage < floor.monthly:
        found.append(RuleViolation("monthly_wage", "wage_below_minimum",
                                   _("月工资 {wage} 元低于当地最低工资标准 {floor} 元（{tier}）")
                                   .format(wage=wage, floor=floor.monthly, tier=floor.tier),
                                   value_on("wage_floor_is_minimum_wage", start).reference + "；" + floor.reference))

    if probation < 0:
        found.append(RuleViolation("probation_months", "probation_negative", _("试用期月数不能为负数"), LCL + "第十九条"))
    if probation > 0 and term_type in TermType.values:
        longest = max_probation_months(term_type, start, end)
        if probation > longest.value:
            message = (_("该合同期限不得约定试用期，但约定了 {months} 个月").format(months=probation) if longest.value == 0 else
                       _("试用期 {months} 个月超过该合同期限允许的 {limit} 个月").format(months=probation, limit=longest.value))
            found.append(RuleViolation("probation_months", "probation_too_long", message, longest.reference))
        if data.get("prior_probation"):
            once = value_on("probation_once", start)
            found.append(RuleViolation("probation_months", "probation_twice",
                                       _("同一用人单位与同一劳动者只能约定一次试用期"), once.reference))
    if probation > 0 and wage is not None:
        ratio = value_on("probation_wage_ratio", start)
        if probation_wage is None:
            found.append(RuleViolation("probation_wage", "probation_wage_required", _("约定试用期时必须写明试用期工资"),
                                       ratio.reference))
        else:
            lowest = (wage * ratio.value).quantize(Decimal("0.01"))
            if probation_wage < lowest:
                found.append(RuleViolation("probation_wage", "probation_wage_below_ratio",
                                           _("试用期工资 {pw} 元低于合同约定工资的 80%（{low} 元）").format(pw=probation_wage, low=lowest),
                                           ratio.reference))
            if floor is not None and probation_wage < floor.monthly:
                found.append(RuleViolation("probation_wage", "probation_wage_below_minimum",
                                           _("试用期工资 {pw} 元低于当地最低工资标准 {floor} 元").format(pw=probation_wage, floor=floor.monthly),
                                           value_on("probation_wage_floor_is_minimum_wage", start).reference + "；" + floor.reference))
    return found


def _check_dispatch(data: dict, start: dt.date, end: dt.date | None, term_type: str) -> list[RuleViolation]:
    if not data.get("is_dispatch_agency"):
        return []
    found = []
    required = value_on("dispatch_required_fields", start)
    labels = {"host_employer_name": _("用工单位"), "dispatch_post": _("派遣岗位"),
              "dispatch_start": _("派遣期限开始日期"), "dispatch_end": _("派遣期限结束日期")}
    for name in required.value:
        if not data.get(name):
            found.append(RuleViolation(name, "dispatch_field_required",
                                       _("劳务派遣合同必须写明{label}").format(label=labels[name]), required.reference))
    shortest = value_on("dispatch_min_term_months", start)
    if term_type != TermType.FIXED_TERM or (end is not None and term_months(start, end) < shortest.value):
        found.append(RuleViolation("term_type", "dispatch_term_too_short",
                                   _("劳务派遣单位应当与被派遣劳动者订立 {months} 个月（二年）以上的固定期限劳动合同")
                                   .format(months=shortest.value), shortest.reference))
    return found
