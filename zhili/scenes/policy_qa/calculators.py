"""Calculators where the law gives a formula: severance (经济补偿), double wages (二倍工资), overtime pay (加班工资).

Every parameter comes from ``rules.py`` (dated, with its reference) on the day the calculation concerns; every
result lists the steps with the article each step rests on. The figures are estimates for a worker to know
where they stand: an arbitration commission decides the real amount.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from .rules import rule

CENT = Decimal("0.01")


@dataclass
class Result:
    amount: Decimal
    steps: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    note: str = ""


def _money(value, name: str, *, required: bool = True) -> Decimal | None:
    if value in (None, "") and not required:
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({name: "须为数字（元）"}, code="invalid") from None
    if amount < 0 or amount > Decimal("10000000"):
        raise ValidationError({name: "须在 0 到 10,000,000 元之间"}, code="out_of_range")
    return amount


def _hours(value, name: str) -> Decimal:
    try:
        hours = Decimal(str(value or "0").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({name: "须为数字（小时）"}, code="invalid") from None
    if hours < 0 or hours > 744:
        raise ValidationError({name: "须在 0 到 744 小时之间"}, code="out_of_range")
    return hours


def _date(value, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError({name: "日期格式应为 YYYY-MM-DD"}, code="invalid") from None


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def full_months(start: dt.date, end: dt.date) -> tuple[int, int]:
    """Whole months from ``start`` up to ``end`` (exclusive) and the days left over."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months, (end - add_months(start, months)).days


def severance(*, start, end, monthly_wage, local_average=None, notice_in_lieu: bool = False) -> Result:
    """经济补偿 under 劳动合同法第四十七条 for service from ``start`` to ``end`` (the last day of service).

    A full year gives one month's wage; a remainder of six months or more counts as a year, less than six
    months as half a month. Above three times the local average monthly wage of the previous year the base is
    capped at three times that average and the years at twelve. ``notice_in_lieu`` adds one month's wage
    (劳动合同法第四十条, 实施条例第二十条: dismissal without 30 days' written notice).
    """
    start, end = _date(start, "start"), _date(end, "end")
    wage = _money(monthly_wage, "monthly_wage")
    average = _money(local_average, "local_average", required=False)
    if end < start:
        raise ValidationError({"end": "离职日期不能早于入职日期"}, code="order")
    multiple, cap_years = rule("severance_cap_multiple", end), rule("severance_cap_years", end)
    months, days = full_months(start, end + dt.timedelta(days=1))
    years, rest = divmod(months, 12)
    if rest >= 6:
        count, how = Decimal(years + 1), f"满 {years} 年又 {rest} 个月（六个月以上按一年）"
    elif rest or days:
        count, how = Decimal(years) + Decimal("0.5"), f"满 {years} 年又 {rest} 个月 {days} 天（不满六个月按半个月）"
    else:
        count, how = Decimal(years), f"满 {years} 年"
    steps = [f"工作年限：{start} 至 {end}，{how}，计 {count} 个月工资"]
    base = wage
    if average is not None and wage > average * multiple.value:
        base = average * multiple.value
        steps.append(f"月工资 {wage} 元高于上年度职工月平均工资 {average} 元的 {multiple.value} 倍，按 {base} 元计算")
        if count > cap_years.value:
            steps.append(f"年限最高不超过 {cap_years.value} 年")
            count = Decimal(cap_years.value)
    amount = (base * count).quantize(CENT, ROUND_HALF_UP)
    steps.append(f"经济补偿：{base} × {count} = {amount} 元")
    references = [multiple.reference]
    if notice_in_lieu:
        amount += wage
        steps.append(f"未提前三十日书面通知，另付一个月工资 {wage} 元（代通知金），合计 {amount} 元")
        references.append("劳动合同法第四十条；劳动合同法实施条例第二十条")
    return Result(amount, steps, references, note="违法解除的，赔偿金为经济补偿的二倍（劳动合同法第八十七条）。")


def double_wages(*, start, monthly_wage, signed_on=None, today=None) -> Result:
    """The second wage owed for months without a written contract (劳动合同法第八十二条, 实施条例第六、七条).

    Owed from the day after one month of work until the day before the contract was signed, at most until the
    day before a year of work (at most eleven months). A part month is counted by calendar days.
    """
    start = _date(start, "start")
    wage = _money(monthly_wage, "monthly_wage")
    until = _date(signed_on, "signed_on") if signed_on else _date(today or dt.date.today(), "today")
    if until < start:
        raise ValidationError({"signed_on": "签订日期不能早于入职日期"}, code="order")
    first = add_months(start, 1) + dt.timedelta(days=1)
    last = min(until - dt.timedelta(days=1), add_months(start, 12) - dt.timedelta(days=1))
    limit = rule("double_wage_max_months", until)
    if last < first:
        return Result(Decimal("0.00"), [f"入职一个月内签订书面合同的，不产生二倍工资（自 {first} 起才计算）"],
                      [limit.reference])
    months, days = full_months(first, last + dt.timedelta(days=1))
    month_end = add_months(first, months)
    length = (add_months(month_end, 1) - month_end).days
    fraction = (Decimal(days) / Decimal(length)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    counted = min(Decimal(months) + fraction, Decimal(limit.value))
    amount = (wage * counted).quantize(CENT, ROUND_HALF_UP)
    steps = [f"计算期间：{first} 至 {last}（用工满一个月的次日至补签前一日，最长至满一年的前一日）",
             f"共 {months} 个月 {days} 天，折合 {counted} 个月（不足一个月按当月日历天数折算）",
             f"另一倍工资：{wage} × {counted} = {amount} 元"]
    note = ""
    if add_months(start, 12) <= until:
        note = "用工满一年仍未订立书面合同的，视为已订立无固定期限劳动合同（劳动合同法第十四条）。"
    return Result(amount, steps, [limit.reference], note=note)


def overtime(*, monthly_wage, weekday_hours=0, rest_day_hours=0, holiday_hours=0, on=None) -> Result:
    """加班工资 under 劳动法第四十四条: 150 % on working days, 200 % on rest days without time off in lieu,
    300 % on statutory holidays; hourly wage = monthly wage ÷ 21.75 ÷ 8 (劳社部发〔2008〕3号)."""
    day = _date(on or dt.date.today(), "on")
    wage = _money(monthly_wage, "monthly_wage")
    hours = {"weekday": _hours(weekday_hours, "weekday_hours"), "rest_day": _hours(rest_day_hours, "rest_day_hours"),
             "holiday": _hours(holiday_hours, "holiday_hours")}
    days = rule("paid_days_per_month", day)
    hourly = (wage / days.value / 8).quantize(CENT, ROUND_HALF_UP)
    steps = [f"小时工资：{wage} ÷ {days.value} ÷ 8 = {hourly} 元"]
    amount, references = Decimal("0"), [days.reference]
    for key, label in (("weekday", "工作日延长"), ("rest_day", "休息日（未补休）"), ("holiday", "法定休假日")):
        if hours[key]:
            factor = rule(f"overtime_{key}", day)
            part = (hours[key] * hourly * factor.value).quantize(CENT, ROUND_HALF_UP)
            amount += part
            steps.append(f"{label}：{hours[key]} 小时 × {hourly} × {factor.value} = {part} 元")
            references.append(factor.reference)
    steps.append(f"合计：{amount.quantize(CENT)} 元")
    return Result(amount.quantize(CENT), steps, references,
                  note="实行不定时工作制的不适用上述倍数；综合计算工时的按周期总工时计算（工资支付暂行规定第十三条）。")
