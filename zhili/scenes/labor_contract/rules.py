"""Legal rules a labor contract is checked against: dated values with their references, and ``check_contract``.

Every threshold is a ``Dated(value, effective_from, reference)``; a changed rule gets a new entry with a new
effective date, never an edited literal. ``value_on(name, day)`` gives the entry in force on ``day``.
Statute texts: LawRefBook/Laws at commit 2f4c5c23 (see ``docs/scenes/labor_contract.md``).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhili.core.foundation.api import birth_date_from_id

from .choices import TermType, WorkingHourSystem

LCL = "《劳动合同法》"
LL = "《劳动法》"
LCL_IN_FORCE = dt.date(2008, 1, 1)
LCL_2012 = dt.date(2013, 7, 1)  # the 2012 amendment (dispatch articles) took effect on this date


@dataclass(frozen=True)
class Dated:
    """One value of a rule, in force from ``effective_from``, with the legal basis that sets it."""

    value: Any
    effective_from: dt.date
    reference: str


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


RULES: dict[str, list[Dated]] = {
    # (term lower bound in months, longest probation in months), read top-down; a task-based contract has none.
    "probation_limits": [Dated(((36, 6), (12, 2), (3, 1), (0, 0)), LCL_IN_FORCE, LCL + "第十九条第一款")],
    "probation_open_ended_months": [Dated(6, LCL_IN_FORCE, LCL + "第十九条第一款")],
    "probation_task_based_months": [Dated(0, LCL_IN_FORCE, LCL + "第十九条第三款")],
    "probation_once": [Dated(True, LCL_IN_FORCE, LCL + "第十九条第二款")],
    "probation_wage_ratio": [Dated(Decimal("0.80"), LCL_IN_FORCE,
                                   LCL + "第二十条；《劳动合同法实施条例》第十五条")],
    "probation_wage_floor_is_minimum_wage": [Dated(True, LCL_IN_FORCE, LCL + "第二十条")],
    "wage_floor_is_minimum_wage": [Dated(True, dt.date(1995, 1, 1), LL + "第四十八条；《最低工资规定》")],
    "minimum_working_age": [Dated(16, dt.date(1995, 1, 1), LL + "第十五条")],
    "signing_deadline_days": [Dated(30, LCL_IN_FORCE, LCL + "第十条、第八十二条；《劳动合同法实施条例》第六条")],
    "unsigned_reminder_days": [Dated((20, 30), LCL_IN_FORCE,
                                     LCL + "第十条、第八十二条（自用工之日起一个月内订立书面合同）")],
    "expiry_reminder_days": [Dated(30, LCL_IN_FORCE,
                                   "平台参数；" + LCL + "第四十四条、第四十六条第五项（到期终止或续订）")],
    "open_ended_after_fixed_terms": [Dated(2, LCL_IN_FORCE, LCL + "第十四条第二款第三项")],
    "open_ended_after_years": [Dated(10, LCL_IN_FORCE, LCL + "第十四条第二款第一项")],
    "dispatch_min_term_months": [Dated(24, LCL_2012, LCL + "第五十八条第二款")],
    "dispatch_required_fields": [Dated(("host_employer_name", "dispatch_post", "dispatch_start", "dispatch_end"),
                                       LCL_2012, LCL + "第五十八条第一款")],
    "working_hour_system_required": [Dated(True, LCL_IN_FORCE, LCL + "第十七条第一款第五项")],
    # How long a signing invitation stays open, and the pause before HR may text the worker again.
    "signing_invitation_days": [Dated(30, LCL_IN_FORCE, "平台参数（签署链接有效期；逾期未签的合同标记为已过期）")],
    "invitation_resend_cooldown_minutes": [Dated(60, LCL_IN_FORCE, "平台参数（同一合同的签署短信间隔，避免重复打扰劳动者）")],
    "open_ended_count_from": [Dated(LCL_IN_FORCE, LCL_IN_FORCE, LCL + "第九十七条第一款（连续订立固定期限合同次数自本法施行后续订时开始计算）")],
    "termination_certificate": [Dated(True, LCL_IN_FORCE, LCL + "第五十条第一款；《劳动合同法实施条例》第二十四条")],
    # Reason → (status the contract ends in, the article it rests on). 解除 (rescission) or 终止 (termination).
    "termination_grounds": [Dated({
        "mutual_agreement": ("rescinded", LCL + "第三十六条"),
        "worker_notice": ("rescinded", LCL + "第三十七条"),
        "worker_employer_fault": ("rescinded", LCL + "第三十八条"),
        "employer_worker_fault": ("rescinded", LCL + "第三十九条"),
        "employer_no_fault": ("rescinded", LCL + "第四十条"),
        "economic_layoff": ("rescinded", LCL + "第四十一条"),
        "transfer": ("rescinded", LCL + "第三十六条；《劳动合同法实施条例》第十条"),
        "expiry": ("terminated", LCL + "第四十四条第一项"),
        "pension": ("terminated", LCL + "第四十四条第二项"),
        "death": ("terminated", LCL + "第四十四条第三项"),
        "bankruptcy": ("terminated", LCL + "第四十四条第四项"),
        "dissolution": ("terminated", LCL + "第四十四条第五项"),
        "other_statutory": ("terminated", LCL + "第四十四条第六项"),
    }, LCL_IN_FORCE, LCL + "第三十六条至第四十四条")],
    # Art. 40 (no-fault dismissal): written notice this many days ahead, or one extra month's wage instead (the
    # previous month's wage, LCL-IR Art. 20).
    "no_fault_notice_days": [Dated(30, LCL_IN_FORCE, LCL + "第四十条")],
    "no_fault_pay_in_lieu": [Dated(True, LCL_IN_FORCE, LCL + "第四十条；《劳动合同法实施条例》第二十条")],
    # The reasons Art. 42 bars while the worker is in one of the circumstances below.
    "protected_dismissal_reasons": [Dated(("employer_no_fault", "economic_layoff"), LCL_IN_FORCE,
                                          LCL + "第四十二条")],
    # Art. 42's circumstances: code → (what it is, the item it rests on).
    "dismissal_protections": [Dated({
        "occupational_hazard": (gettext_lazy("从事接触职业病危害作业未进行离岗前职业健康检查，或疑似职业病病人在诊断或者医学观察期间"),
                                LCL + "第四十二条第一项"),
        "work_disability": (gettext_lazy("在本单位患职业病或者因工负伤并被确认丧失或者部分丧失劳动能力"), LCL + "第四十二条第二项"),
        "medical_period": (gettext_lazy("患病或者非因工负伤，在规定的医疗期内"), LCL + "第四十二条第三项"),
        "pregnancy": (gettext_lazy("女职工在孕期、产期、哺乳期"), LCL + "第四十二条第四项"),
        "long_service": (gettext_lazy("在本单位连续工作满十五年，且距法定退休年龄不足五年"), LCL + "第四十二条第五项"),
        "other_statutory": (gettext_lazy("法律、行政法规规定的其他情形"), LCL + "第四十二条第六项"),
    }, LCL_IN_FORCE, LCL + "第四十二条")],
}

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
    """The entry of rule ``name`` in force on ``day`` (the earliest one if ``day`` precedes them all)."""
    versions = RULES[name]
    in_force = [v for v in versions if v.effective_from <= day]
    return max(in_force, key=lambda v: v.effective_from) if in_force else min(versions, key=lambda v: v.effective_from)


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
    return Dated(lowest, start, reference)


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
            return Dated(longest, limits.effective_from, limits.reference)
    return Dated(0, limits.effective_from, limits.reference)


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
