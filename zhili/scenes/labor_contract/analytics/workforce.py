"""Analyses of the workforce: headcount, hires and separations, origin, sex, age, industry, size, talent."""

import datetime as dt

import ibis

from zhili.core.dashboards.api import (
    count_cell,
    share_cell,
    table_result,
)
from zhili.core.orgs.api import division_name

from .facts import HIRE_STATUSES, JOB_CATEGORY_LABELS
from .reference import (
    AGE_BANDS,
    PROVINCES,
    SIZE_LABELS,
)
from .selection import Names, Period, active_on, counts_by, date_literal, distribution, employed, first_row


# 1. 在岗职工人数及趋势
def headcount_trend(t, period: Period, names: Names) -> dict:
    months = period.months()
    days = [months[0][0] - dt.timedelta(days=1)] + [end for _, end in months]
    hires = t.filter(t.status.isin(HIRE_STATUSES))
    counts = first_row(hires.aggregate(**{f"d{i}": active_on(hires, day).sum() for i, day in enumerate(days)}))
    rows = [[f"{end:%Y-%m}", count_cell(counts.get(f"d{i + 1}") or 0)] for i, (_, end) in enumerate(months)]
    return table_result("headcount", "在岗职工人数（月末）", ["月份", "在岗人数"], rows, chart="line",
                        note="在岗：劳动合同已开始且未到终止日期（含尚未签订的用工）")


def _monthly_flows(t, period: Period):
    hires = t.filter(t.status.isin(HIRE_STATUSES))
    start, end = date_literal(period.date_from), date_literal(period.date_to)
    new = counts_by(hires.filter((hires.start_date >= start) & (hires.start_date <= end)),
                  hires.start_date.truncate("M").cast("date"))
    ended = hires.filter(hires.end_date.notnull() & (hires.end_date >= start) & (hires.end_date <= end))
    gone = counts_by(ended, ended.end_date.truncate("M").cast("date"))
    return new, gone


# 2. 每月新招人数
def new_hires(t, period: Period, names: Names) -> dict:
    new, _ = _monthly_flows(t, period)
    rows = [[f"{first:%Y-%m}", count_cell(new.get(first.replace(day=1), 0))] for first, _ in period.months()]
    return table_result("new_hires", "每月新招人数", ["月份", "新招人数"], rows, chart="bar",
                        note="按劳动合同开始日期计（不含已撤回、拒签、签署过期的合同）")


# 3. 每月离职人数与流动率
def separations(t, period: Period, names: Names) -> dict:
    _, gone = _monthly_flows(t, period)
    months = period.months()
    days = [months[0][0] - dt.timedelta(days=1)] + [end for _, end in months]
    hires = t.filter(t.status.isin(HIRE_STATUSES))
    stock = first_row(hires.aggregate(**{f"d{i}": active_on(hires, day).sum() for i, day in enumerate(days)}))
    rows = []
    for i, (first, _) in enumerate(months):
        n = gone.get(first.replace(day=1), 0)
        average = ((stock.get(f"d{i}") or 0) + (stock.get(f"d{i + 1}") or 0)) / 2
        rows.append([f"{first:%Y-%m}", count_cell(n), share_cell(n, average)])
    return table_result("separations", "每月离职人数与流动率", ["月份", "离职人数", "流动率"], rows, chart="bar",
                        note="离职：劳动合同终止日期落在当月；流动率 = 离职人数 ÷ 月初与月末在岗人数的平均数",
                        series_columns=[1])


# 4. 户籍地（省、市）与本地/外地
def origin(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    provinces = counts_by(e, e.origin_province)
    keys = sorted(provinces, key=lambda k: (-provinces[k], k))
    labels = [(k, PROVINCES.get(k[:2], k) if k else "未知") for k in keys]
    return distribution("origin_province", "户籍地（省份）", labels, provinces, chart="hbar")


def origin_city(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    cities = counts_by(e, e.origin_city)
    keys = sorted(cities, key=lambda k: (-cities[k], k))[:15]
    labels = [(k, division_name(k) or names.regions.get(k) or k or "未知") for k in keys]
    return distribution("origin_city", "户籍地（地市，前 15）", labels, cities, chart="hbar", total=False)


def local_share(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    counts = counts_by(e, e.is_local)
    return distribution("local_share", "本地与外地户籍", [(True, "本地户籍"), (False, "外地户籍")], counts,
                         chart="pie", note="本地：身份证号前 6 位与用人单位所在县（市、区）代码相同")


# 5. 性别
def sex(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return distribution("sex", "性别结构", [("M", "男"), ("F", "女")], counts_by(e, e.sex), chart="pie",
                         note="由身份证号第 17 位推得")


# 6. 年龄段
def age_bands(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    age = period.as_of.year - e.birth_year
    band = ibis.cases(*[(age <= upper, code) for code, _, upper in AGE_BANDS[:-1]], else_=AGE_BANDS[-1][0])
    counts = counts_by(e.filter(e.birth_year.notnull()), band)
    return distribution("age", "年龄结构", [(c, label) for c, label, _ in AGE_BANDS], counts,
                         note="年龄 = 统计截止年份 − 出生年份（出生年份由身份证号推得）")


# 7. 行业结构
def industries(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    counts = counts_by(e, e.industry)
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    labels = [(k, f"{k} {names.industries.get(k, '')}".strip() if k else "未填行业") for k in keys]
    result = distribution("industry", "行业结构（门类）", labels, counts, chart="hbar")
    result["drill"] = [{"industry": k} for k in keys] + [{}]
    return result


# 8. 企业规模结构
def sizes(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    labels = [*SIZE_LABELS.items(), ("", "未填规模")]
    result = distribution("size", "企业规模结构", labels, counts_by(e, e.size), chart="pie")
    result["drill"] = [{"size": k} if k else {} for k, _ in labels] + [{}]
    return result


# 18. 人才分布（岗位类别）
def talent(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return distribution("talent", "人才分布（岗位类别）", list(JOB_CATEGORY_LABELS.items()),
                         counts_by(e, e.job_category), chart="hbar",
                         note="按工作岗位名称归入《职业分类大典》大类；无法识别的计入“其他”")
