"""Analyses of the contracts' terms and pay: wages, the minimum-wage share, term types and lengths, probation,
signing channels, unsigned and expiring contracts."""

import datetime as dt

import ibis

from zhili.core.dashboards.api import (
    IndexLevel,
    count_cell,
    grade,
    share_cell,
    stat_cell,
    suppress_series,
    table_result,
)

from .facts import CONCLUDED, HIRE_STATUSES, PENDING
from .indices import INDEX_LABELS, index_rule
from .reference import (
    CHANNEL_LABELS,
    TERM_BANDS,
    TERM_LABELS,
    WAGE_BANDS,
    analysis_rule,
)
from .selection import (
    Names,
    Period,
    counts_by,
    date_literal,
    distribution,
    employed,
    first_row,
    level_cell,
    percent,
    rows_of,
)


# 9. 工资中位数与四分位数
def wage_quartiles(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    e = e.filter(e.monthly_wage.notnull())
    row = first_row(e.aggregate(n=e.count(), p25=e.monthly_wage.quantile(0.25), p50=e.monthly_wage.quantile(0.5),
                           p75=e.monthly_wage.quantile(0.75), mean=e.monthly_wage.mean()))
    n = row.get("n") or 0
    rows = [["下四分位数（P25）", stat_cell(row.get("p25"), n)], ["中位数", stat_cell(row.get("p50"), n)],
            ["上四分位数（P75）", stat_cell(row.get("p75"), n)], ["平均数", stat_cell(row.get("mean"), n)],
            ["有工资数据的人数", count_cell(n)]]
    return table_result("wage_quartiles", "月工资中位数与四分位数（元）", ["指标", "月工资（元）"], rows, chart="bar",
                        note="合同约定月工资；四分位数按线性插值", series_columns=[1])


# 10. 工资分布
def wage_bands(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    e = e.filter(e.monthly_wage.notnull())
    band = ibis.cases(*[(e.monthly_wage < upper, code) for code, _, upper in WAGE_BANDS[:-1]],
                      else_=WAGE_BANDS[-1][0])
    return distribution("wage_bands", "月工资分布", [(c, label) for c, label, _ in WAGE_BANDS], counts_by(e, band))


# 11. 最低工资及附近的合同占比
def minimum_wage_counts(t, period: Period) -> dict:
    """People employed with a wage, at (or below) the minimum wage, and within the "near" ratio of it."""
    e = employed(t, period.as_of)
    e = e.filter(e.monthly_wage.notnull() & e.minimum_wage.notnull())
    near = analysis_rule("near_minimum_wage_ratio", period.as_of)
    row = first_row(e.aggregate(n=e.count(), at=(e.monthly_wage <= e.minimum_wage).sum(),
                           near=(e.monthly_wage <= e.minimum_wage * near.value).sum()))
    return {"n": row.get("n") or 0, "at": row.get("at") or 0, "near": row.get("near") or 0, "rule": near}


def minimum_wage_share(t, period: Period, names: Names) -> dict:
    counts = minimum_wage_counts(t, period)
    n, at, near_n, near = counts["n"], counts["at"], counts["near"], counts["rule"]
    rule = index_rule("minimum_wage_share", period.as_of)
    level = grade(percent(near_n, n), rule.value) if n else IndexLevel.NO_DATA
    rows = [["等于（或低于）最低工资", count_cell(at), share_cell(at, n)],
            [f"不高于最低工资的 {near.value * 100:.0f}%", count_cell(near_n), share_cell(near_n, n)],
            ["有工资数据的人数", count_cell(n), share_cell(n, n)]]
    return table_result("minimum_wage_share", INDEX_LABELS["minimum_wage_share"], ["口径", "人数", "占比"], rows,
                        chart="bar", level=level_cell(level), series_columns=[1],
                        note="最低工资按合同履行地（未填则为用人单位所在地）在合同开始日执行的月最低工资标准",
                        reference=f"{near.reference}；阈值：{rule.reference}")


# 12. 合同期限类型
def term_types(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return distribution("term_type", "劳动合同期限类型", list(TERM_LABELS.items()), counts_by(e, e.term_type),
                         chart="pie")


# 13. 合同期限长度
def term_lengths(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    fixed = e.filter((e.term_type == "fixed_term") & e.term_months.notnull())
    band = ibis.cases(*[(fixed.term_months < upper, code) for code, _, upper in TERM_BANDS[:-1]],
                      else_=TERM_BANDS[-1][0])
    others = e.filter(e.term_type != "fixed_term")
    counts = {**counts_by(fixed, band), **counts_by(others, others.term_type)}
    labels = [(c, label) for c, label, _ in TERM_BANDS] + [("open_ended", "无固定期限"),
                                                          ("task_based", "以完成一定工作任务为期限")]
    return distribution("term_length", "合同期限长度", labels, counts)


# 14. 试用期使用
def probation(t, period: Period, names: Names) -> dict:
    h = t.filter(t.status.isin(HIRE_STATUSES) & (t.start_date >= date_literal(period.date_from))
                 & (t.start_date <= date_literal(period.date_to)))
    band = ibis.cases((h.probation_months == 0, "0"), (h.probation_months == 1, "1"),
                      (h.probation_months == 2, "2"), else_="3+")
    labels = [("0", "无试用期"), ("1", "1 个月"), ("2", "2 个月"), ("3+", "3 个月及以上")]
    return distribution("probation", "试用期约定（本期新签）", labels, counts_by(h, band), chart="pie")


# 15. 签署方式与发送到签订完成的时长
def channels(t, period: Period, names: Names) -> dict:
    start = ibis.literal(dt.datetime.combine(period.date_from, dt.time.min), type="timestamp")
    end = ibis.literal(dt.datetime.combine(period.date_to + dt.timedelta(days=1), dt.time.min), type="timestamp")
    c = t.filter(t.completed_at.notnull() & (t.completed_at >= start) & (t.completed_at < end))
    stats = {r["channel"]: r for r in rows_of(c.group_by("channel").aggregate(
        n=c.count(), timed=c.sign_hours.count(), median=c.sign_hours.quantile(0.5), mean=c.sign_hours.mean()))}
    values = [int(stats.get(k, {}).get("n") or 0) for k in CHANNEL_LABELS]
    cells = suppress_series(values)
    rows = []
    for (key, label), cell in zip(CHANNEL_LABELS.items(), cells, strict=True):
        s = stats.get(key, {})
        timed = 0 if cell["suppressed"] else int(s.get("timed") or 0)
        rows.append([label, cell, stat_cell(s.get("median"), timed or (1 if cell["suppressed"] else 0), digits=1),
                     stat_cell(s.get("mean"), timed or (1 if cell["suppressed"] else 0), digits=1)])
    return table_result("channel", "签署方式与签订用时（本期签订完成）", ["签署方式", "份数", "用时中位数（小时）",
                        "平均用时（小时）"], rows, chart="bar", series_columns=[1],
                        note="用时 = 发送签署邀请至签订完成；存量纸质合同不计")


# 16. 未签与逾期未签
def unsigned_counts(t, period: Period) -> dict:
    """People employed, of whom without a signed contract, and of those past the signing deadline."""
    deadline = analysis_rule("signing_deadline_days", period.as_of)
    cutoff = period.as_of - dt.timedelta(days=deadline.value)
    e = employed(t, period.as_of)
    row = first_row(e.aggregate(n=e.count(), pending=e.status.isin(PENDING).sum(),
                           overdue=(e.status.isin(PENDING) & (e.start_date < date_literal(cutoff))).sum()))
    return {"n": row.get("n") or 0, "pending": row.get("pending") or 0, "overdue": row.get("overdue") or 0,
            "rule": deadline}


def unsigned(t, period: Period, names: Names) -> dict:
    counts = unsigned_counts(t, period)
    n, pending, overdue, deadline = counts["n"], counts["pending"], counts["overdue"], counts["rule"]
    rule = index_rule("unsigned_ratio", period.as_of)
    level = grade(percent(pending, n), rule.value) if n else IndexLevel.NO_DATA
    rows = [["未签订书面合同的在岗人数", count_cell(pending), share_cell(pending, n)],
            [f"其中用工超过 {deadline.value} 天仍未签订", count_cell(overdue), share_cell(overdue, n)],
            ["在岗人数", count_cell(n), share_cell(n, n)]]
    return table_result("unsigned", INDEX_LABELS["unsigned_ratio"], ["口径", "人数", "占在岗比例"], rows, chart="bar",
                        level=level_cell(level), series_columns=[1],
                        reference=f"{deadline.reference}；阈值：{rule.reference}")


# 17. 未来 30/60/90 天到期
def expiring(t, period: Period, names: Names) -> dict:
    day = period.as_of
    c = t.filter(t.status.isin(CONCLUDED) & t.end_date.notnull() & (t.end_date > date_literal(day)))
    row = first_row(c.aggregate(**{f"d{n}": (c.end_date <= date_literal(day + dt.timedelta(days=n))).sum() for n in (30, 60, 90)}))
    rows = [[f"{n} 天内到期", count_cell(row.get(f"d{n}") or 0)] for n in (30, 60, 90)]
    return table_result("expiring", "即将到期的劳动合同", ["期限", "份数"], rows, chart="bar",
                        note="自统计截止日起算（累计）")
