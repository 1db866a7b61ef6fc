"""The twenty analyses of 就业用工分析, as Ibis expressions over the contract facts (DuckDB or PostgreSQL).

Every analysis takes the facts already narrowed to the viewer's scope and the chosen region, industry, size or
enterprise (``narrow``) and a ``Period``; "employed" means a hire (signed or still unsigned) whose contract has
started and not ended on the period's last day. Each returns a table result (``core.dashboards.table_result``)
whose cells are suppressed when they stand for fewer than five people.
"""

import datetime as dt
from dataclasses import dataclass, field

import ibis

from zhili.core.dashboards.api import (
    IndexLevel,
    count_cell,
    grade,
    no_data_cell,
    share_cell,
    stat_cell,
    suppress_series,
    table_result,
)

from .facts import CONCLUDED, HIRE_STATUSES, JOB_CATEGORY_LABELS, PENDING
from .indices import INDEX_LABELS, index_rule
from .reference import (
    AGE_BANDS,
    CHANNEL_LABELS,
    PROVINCES,
    SIZE_LABELS,
    TERM_BANDS,
    TERM_LABELS,
    WAGE_BANDS,
    analysis_rule,
)


@dataclass(frozen=True)
class Period:
    """The period analysed: counts of flows fall inside it; stocks are taken on its last day (``as_of``)."""

    date_from: dt.date
    date_to: dt.date

    @property
    def as_of(self) -> dt.date:
        return self.date_to

    def months(self) -> list[tuple[dt.date, dt.date]]:
        """(first day, last day) of every calendar month the period touches, clipped to the period."""
        out, first = [], self.date_from.replace(day=1)
        while first <= self.date_to:
            following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            out.append((max(first, self.date_from), min(following - dt.timedelta(days=1), self.date_to)))
            first = following
        return out


@dataclass(frozen=True)
class Selection:
    """What the viewer narrowed to, inside their scope (``scope_paths`` None means everywhere)."""

    scope_paths: tuple[str, ...] | None = None
    region_path: str = ""
    industry: str = ""
    size: str = ""
    employer_id: int | None = None


@dataclass
class Names:
    """Display names the analyses need: regions and cities by code, industries by section, child regions."""

    regions: dict[str, str] = field(default_factory=dict)
    industries: dict[str, str] = field(default_factory=dict)
    children: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, path) of the next level
    drill_level: str = "town"  # "town": rank child regions; "enterprise": rank employers
    complaints: dict | None = None  # {"count": n} once a stream has been fed; None: no data yet
    paper_avoided: dict | None = None  # {"count": n} when core.sharing logs accesses; None: no data


def narrow(t, selection: Selection):
    """The facts inside the viewer's scope and selection."""
    if selection.scope_paths is not None:
        if not selection.scope_paths:
            return t.filter(ibis.literal(False))
        condition = t.region_path.startswith(selection.scope_paths[0])
        for path in selection.scope_paths[1:]:
            condition |= t.region_path.startswith(path)
        t = t.filter(condition)
    if selection.region_path:
        t = t.filter(t.region_path.startswith(selection.region_path))
    if selection.industry:
        t = t.filter(t.industry == selection.industry)
    if selection.size:
        t = t.filter(t.size == selection.size)
    if selection.employer_id:
        t = t.filter(t.employer_id == selection.employer_id)
    return t


def _rows(expr) -> list[dict]:
    return expr.to_pyarrow().to_pylist()


def _one(expr) -> dict:
    rows = _rows(expr)
    return rows[0] if rows else {}


def _d(day: dt.date):
    return ibis.literal(day, type="date")


def _active_on(t, day: dt.date):
    return t.status.isin(HIRE_STATUSES) & (t.start_date <= _d(day)) & (t.end_date.isnull() | (t.end_date >= _d(day)))


def employed(t, day: dt.date):
    return t.filter(_active_on(t, day))


def _counts(t, column) -> dict:
    return {r["k"]: r["n"] for r in _rows(t.group_by(k=column).aggregate(n=t.count()))}


def _pct(part, whole) -> float | None:
    return part * 100.0 / whole if whole else None


def _distribution(code, title, labels: list[tuple[str, str]], counts: dict, *, chart="bar", note="", total=True):
    """A table of (label, people, share) over fixed categories, with complementary suppression."""
    values = [int(counts.get(key, 0) or 0) for key, _ in labels]
    whole = sum(values)
    cells = suppress_series(values)
    rows = [[label, cell, cell if cell["suppressed"] else share_cell(n, whole)]
            for (_, label), n, cell in zip(labels, values, cells, strict=True)]
    if total:
        rows.append(["合计", count_cell(whole), share_cell(whole, whole)])
    return table_result(code, title, ["类别", "人数", "占比"], rows, chart=chart, note=note, series_columns=[1])


def _level(level: IndexLevel) -> dict:
    return {"level": str(level.value), "label": str(level.label), "colour": level.colour}


# 1. 在岗职工人数及趋势
def headcount_trend(t, period: Period, names: Names) -> dict:
    months = period.months()
    days = [months[0][0] - dt.timedelta(days=1)] + [end for _, end in months]
    hires = t.filter(t.status.isin(HIRE_STATUSES))
    counts = _one(hires.aggregate(**{f"d{i}": _active_on(hires, day).sum() for i, day in enumerate(days)}))
    rows = [[f"{end:%Y-%m}", count_cell(counts.get(f"d{i + 1}") or 0)] for i, (_, end) in enumerate(months)]
    return table_result("headcount", "在岗职工人数（月末）", ["月份", "在岗人数"], rows, chart="line",
                        note="在岗：劳动合同已开始且未到终止日期（含尚未签订的用工）")


def _monthly_flows(t, period: Period):
    hires = t.filter(t.status.isin(HIRE_STATUSES))
    start, end = _d(period.date_from), _d(period.date_to)
    new = _counts(hires.filter((hires.start_date >= start) & (hires.start_date <= end)),
                  hires.start_date.truncate("M").cast("date"))
    ended = hires.filter(hires.end_date.notnull() & (hires.end_date >= start) & (hires.end_date <= end))
    gone = _counts(ended, ended.end_date.truncate("M").cast("date"))
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
    stock = _one(hires.aggregate(**{f"d{i}": _active_on(hires, day).sum() for i, day in enumerate(days)}))
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
    provinces = _counts(e, e.origin_province)
    keys = sorted(provinces, key=lambda k: (-provinces[k], k))
    labels = [(k, PROVINCES.get(k[:2], k) if k else "未知") for k in keys]
    return _distribution("origin_province", "户籍地（省份）", labels, provinces, chart="hbar")


def origin_city(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    cities = _counts(e, e.origin_city)
    keys = sorted(cities, key=lambda k: (-cities[k], k))[:15]
    labels = [(k, names.regions.get(k) or PROVINCES.get(k[:2], "") + k) for k in keys]
    return _distribution("origin_city", "户籍地（地市，前 15）", labels, cities, chart="hbar", total=False)


def local_share(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    counts = _counts(e, e.is_local)
    return _distribution("local_share", "本地与外地户籍", [(True, "本地户籍"), (False, "外地户籍")], counts,
                         chart="pie", note="本地：身份证号前 6 位与用人单位所在县（市、区）代码相同")


# 5. 性别
def sex(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return _distribution("sex", "性别结构", [("M", "男"), ("F", "女")], _counts(e, e.sex), chart="pie",
                         note="由身份证号第 17 位推得")


# 6. 年龄段
def age_bands(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    age = period.as_of.year - e.birth_year
    band = ibis.cases(*[(age <= upper, code) for code, _, upper in AGE_BANDS[:-1]], else_=AGE_BANDS[-1][0])
    counts = _counts(e.filter(e.birth_year.notnull()), band)
    return _distribution("age", "年龄结构", [(c, label) for c, label, _ in AGE_BANDS], counts,
                         note="年龄 = 统计截止年份 − 出生年份（出生年份由身份证号推得）")


# 7. 行业结构
def industries(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    counts = _counts(e, e.industry)
    keys = sorted(counts, key=lambda k: (-counts[k], k))
    labels = [(k, f"{k} {names.industries.get(k, '')}".strip() if k else "未填行业") for k in keys]
    result = _distribution("industry", "行业结构（门类）", labels, counts, chart="hbar")
    result["drill"] = [{"industry": k} for k in keys] + [{}]
    return result


# 8. 企业规模结构
def sizes(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    labels = [*SIZE_LABELS.items(), ("", "未填规模")]
    result = _distribution("size", "企业规模结构", labels, _counts(e, e.size), chart="pie")
    result["drill"] = [{"size": k} if k else {} for k, _ in labels] + [{}]
    return result


# 9. 工资中位数与四分位数
def wage_quartiles(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    e = e.filter(e.monthly_wage.notnull())
    row = _one(e.aggregate(n=e.count(), p25=e.monthly_wage.quantile(0.25), p50=e.monthly_wage.quantile(0.5),
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
    return _distribution("wage_bands", "月工资分布", [(c, label) for c, label, _ in WAGE_BANDS], _counts(e, band))


# 11. 最低工资及附近的合同占比
def minimum_wage_counts(t, period: Period) -> dict:
    """People employed with a wage, at (or below) the minimum wage, and within the "near" ratio of it."""
    e = employed(t, period.as_of)
    e = e.filter(e.monthly_wage.notnull() & e.minimum_wage.notnull())
    near = analysis_rule("near_minimum_wage_ratio", period.as_of)
    row = _one(e.aggregate(n=e.count(), at=(e.monthly_wage <= e.minimum_wage).sum(),
                           near=(e.monthly_wage <= e.minimum_wage * near.value).sum()))
    return {"n": row.get("n") or 0, "at": row.get("at") or 0, "near": row.get("near") or 0, "rule": near}


def minimum_wage_share(t, period: Period, names: Names) -> dict:
    counts = minimum_wage_counts(t, period)
    n, at, near_n, near = counts["n"], counts["at"], counts["near"], counts["rule"]
    rule = index_rule("minimum_wage_share", period.as_of)
    level = grade(_pct(near_n, n), rule.value) if n else IndexLevel.NO_DATA
    rows = [["等于（或低于）最低工资", count_cell(at), share_cell(at, n)],
            [f"不高于最低工资的 {near.value * 100:.0f}%", count_cell(near_n), share_cell(near_n, n)],
            ["有工资数据的人数", count_cell(n), share_cell(n, n)]]
    return table_result("minimum_wage_share", INDEX_LABELS["minimum_wage_share"], ["口径", "人数", "占比"], rows,
                        chart="bar", level=_level(level), series_columns=[1],
                        note="最低工资按合同履行地（未填则为用人单位所在地）在合同开始日执行的月最低工资标准",
                        reference=f"{near.reference}；阈值：{rule.reference}")


# 12. 合同期限类型
def term_types(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return _distribution("term_type", "劳动合同期限类型", list(TERM_LABELS.items()), _counts(e, e.term_type),
                         chart="pie")


# 13. 合同期限长度
def term_lengths(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    fixed = e.filter((e.term_type == "fixed_term") & e.term_months.notnull())
    band = ibis.cases(*[(fixed.term_months < upper, code) for code, _, upper in TERM_BANDS[:-1]],
                      else_=TERM_BANDS[-1][0])
    others = e.filter(e.term_type != "fixed_term")
    counts = {**_counts(fixed, band), **_counts(others, others.term_type)}
    labels = [(c, label) for c, label, _ in TERM_BANDS] + [("open_ended", "无固定期限"),
                                                          ("task_based", "以完成一定工作任务为期限")]
    return _distribution("term_length", "合同期限长度", labels, counts)


# 14. 试用期使用
def probation(t, period: Period, names: Names) -> dict:
    h = t.filter(t.status.isin(HIRE_STATUSES) & (t.start_date >= _d(period.date_from))
                 & (t.start_date <= _d(period.date_to)))
    band = ibis.cases((h.probation_months == 0, "0"), (h.probation_months == 1, "1"),
                      (h.probation_months == 2, "2"), else_="3+")
    labels = [("0", "无试用期"), ("1", "1 个月"), ("2", "2 个月"), ("3+", "3 个月及以上")]
    return _distribution("probation", "试用期约定（本期新签）", labels, _counts(h, band), chart="pie")


# 15. 签署方式与发送到签订完成的时长
def channels(t, period: Period, names: Names) -> dict:
    start = ibis.literal(dt.datetime.combine(period.date_from, dt.time.min), type="timestamp")
    end = ibis.literal(dt.datetime.combine(period.date_to + dt.timedelta(days=1), dt.time.min), type="timestamp")
    c = t.filter(t.completed_at.notnull() & (t.completed_at >= start) & (t.completed_at < end))
    stats = {r["channel"]: r for r in _rows(c.group_by("channel").aggregate(
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
    row = _one(e.aggregate(n=e.count(), pending=e.status.isin(PENDING).sum(),
                           overdue=(e.status.isin(PENDING) & (e.start_date < _d(cutoff))).sum()))
    return {"n": row.get("n") or 0, "pending": row.get("pending") or 0, "overdue": row.get("overdue") or 0,
            "rule": deadline}


def unsigned(t, period: Period, names: Names) -> dict:
    counts = unsigned_counts(t, period)
    n, pending, overdue, deadline = counts["n"], counts["pending"], counts["overdue"], counts["rule"]
    rule = index_rule("unsigned_ratio", period.as_of)
    level = grade(_pct(pending, n), rule.value) if n else IndexLevel.NO_DATA
    rows = [["未签订书面合同的在岗人数", count_cell(pending), share_cell(pending, n)],
            [f"其中用工超过 {deadline.value} 天仍未签订", count_cell(overdue), share_cell(overdue, n)],
            ["在岗人数", count_cell(n), share_cell(n, n)]]
    return table_result("unsigned", INDEX_LABELS["unsigned_ratio"], ["口径", "人数", "占在岗比例"], rows, chart="bar",
                        level=_level(level), series_columns=[1],
                        reference=f"{deadline.reference}；阈值：{rule.reference}")


# 17. 未来 30/60/90 天到期
def expiring(t, period: Period, names: Names) -> dict:
    day = period.as_of
    c = t.filter(t.status.isin(CONCLUDED) & t.end_date.notnull() & (t.end_date > _d(day)))
    row = _one(c.aggregate(**{f"d{n}": (c.end_date <= _d(day + dt.timedelta(days=n))).sum() for n in (30, 60, 90)}))
    rows = [[f"{n} 天内到期", count_cell(row.get(f"d{n}") or 0)] for n in (30, 60, 90)]
    return table_result("expiring", "即将到期的劳动合同", ["期限", "份数"], rows, chart="bar",
                        note="自统计截止日起算（累计）")


# 18. 人才分布（岗位类别）
def talent(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    return _distribution("talent", "人才分布（岗位类别）", list(JOB_CATEGORY_LABELS.items()),
                         _counts(e, e.job_category), chart="hbar",
                         note="按工作岗位名称归入《职业分类大典》大类；无法识别的计入“其他”")


# 19. 每千名职工投诉与争议
def complaints(t, period: Period, names: Names) -> dict:
    if names.complaints is None:
        rows = [["投诉与争议件数", no_data_cell("尚无其他场景报送")], ["每千名在岗职工", no_data_cell()]]
        return table_result("complaints", "每千名职工投诉与争议", ["指标", "数值"], rows, chart="table",
                            note="由劳动保障监察、调解仲裁等场景通过平台事件报送；未接入前显示暂无数据")
    e = employed(t, period.as_of)
    n = _one(e.aggregate(n=e.count())).get("n") or 0
    count = names.complaints["count"]
    hidden = count_cell(count)["suppressed"]
    rows = [["投诉与争议件数", count_cell(count)],
            ["每千名在岗职工", count_cell(count) if hidden else stat_cell(count * 1000.0 / n if n else None, n)]]
    return table_result("complaints", "每千名职工投诉与争议", ["指标", "数值"], rows, chart="table")


# 20. 共享互认减少的纸质材料
def paper_avoided(t, period: Period, names: Names) -> dict:
    if names.paper_avoided is None:
        rows = [["减少提交纸质合同材料（次）", no_data_cell("共享访问日志尚未建立")]]
    else:
        rows = [["减少提交纸质合同材料（次）", count_cell(names.paper_avoided["count"])]]
    return table_result("paper_avoided", "共享互认减少纸质材料", ["指标", "数值"], rows, chart="table",
                        note="每次部门或银行经本人授权或依法定职权调取电子劳动合同，即少提交一次纸质合同材料（全平台口径）")


# Rankings and drill-down: child regions of the selection (county → town), or enterprises inside a town.
def region_ranking(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    if names.drill_level == "enterprise":
        stats = _rows(e.group_by(k=e.employer_id, name=e.employer_name).aggregate(
            n=e.count(), pending=e.status.isin(PENDING).sum()).order_by([ibis.desc("n"), "k"]).limit(50))
        keys = [(r["k"], r["name"], {"employer": str(r["k"])}) for r in stats]
        by_key = {r["k"]: r for r in stats}
        title, head = "企业排行（在岗人数）", "企业"
    else:
        column = e.town_code if names.drill_level == "town" else e.county_code
        stats = _rows(e.group_by(k=column).aggregate(n=e.count(), pending=e.status.isin(PENDING).sum()))
        by_key = {r["k"]: r for r in stats}
        known = [(code, name, {"region": code}) for code, name, _ in names.children]
        extra = [(k, "（未细分到乡镇）" if not k else names.regions.get(k, k), {}) for k in by_key
                 if k not in {c for c, _, _ in names.children}]
        keys = sorted(known + extra, key=lambda item: (-(by_key.get(item[0], {}).get("n") or 0), str(item[0])))
        title, head = ("乡镇（街道）排行（在岗人数）" if names.drill_level == "town" else "县（市、区）排行（在岗人数）"), "区划"
    rows, drill = [], []
    for key, label, target in keys:
        r = by_key.get(key, {})
        n, pending = int(r.get("n") or 0), int(r.get("pending") or 0)
        rows.append([label, count_cell(n), count_cell(pending), share_cell(pending, n)])
        drill.append(target)
    return table_result("region_ranking", title, [head, "在岗人数", "未签人数", "未签比例"], rows, chart="hbar",
                        drill=drill, series_columns=[1], note="点击一行下钻")


def industry_ranking(t, period: Period, names: Names) -> dict:
    e = employed(t, period.as_of)
    stats = _rows(e.group_by(k=e.industry).aggregate(n=e.count(), pending=e.status.isin(PENDING).sum(),
                                                       wage_n=e.monthly_wage.count(),
                                                       median=e.monthly_wage.quantile(0.5)))
    stats.sort(key=lambda r: (-r["n"], r["k"]))
    rows, drill = [], []
    for r in stats:
        rows.append([f"{r['k']} {names.industries.get(r['k'], '')}".strip() or "未填行业", count_cell(r["n"]),
                     count_cell(r["pending"]), stat_cell(r["median"], r["wage_n"])])
        drill.append({"industry": r["k"]} if r["k"] else {})
    return table_result("industry_ranking", "行业排行（在岗人数）", ["行业门类", "在岗人数", "未签人数", "月工资中位数"],
                        rows, chart="hbar", drill=drill, series_columns=[1], note="点击一行按该行业筛选")


def headline(t, period: Period, names: Names, results: dict) -> dict:
    """The headline numbers, taken from the analyses already computed (so they always agree)."""
    e = employed(t, period.as_of)
    h = t.filter(t.status.isin(HIRE_STATUSES) & (t.start_date >= _d(period.date_from))
                 & (t.start_date <= _d(period.date_to)))
    n = _one(e.aggregate(n=e.count())).get("n") or 0
    new_total = _one(h.aggregate(n=h.count())).get("n") or 0
    unsigned_row = results["unsigned"]["rows"][0]
    min_row = results["minimum_wage_share"]["rows"][1]
    local = results["local_share"]["rows"][0]
    rows = [["在岗人数", count_cell(n), None],
            ["本期新招", count_cell(new_total), None],
            ["月工资中位数（元）", results["wage_quartiles"]["rows"][1][1], None],
            ["本地户籍占比", local[2], None],
            ["未签订合同比例", unsigned_row[2], results["unsigned"]["level"]],
            ["最低工资附近占比", min_row[2], results["minimum_wage_share"]["level"]]]
    return table_result("headline", "核心指标", ["指标", "数值", "预警"], rows, chart="kpi", series_columns=[1])


ANALYSES = {
    "headcount": headcount_trend, "new_hires": new_hires, "separations": separations,
    "origin_province": origin, "origin_city": origin_city, "local_share": local_share, "sex": sex,
    "age": age_bands, "industry": industries, "size": sizes, "wage_quartiles": wage_quartiles,
    "wage_bands": wage_bands, "minimum_wage_share": minimum_wage_share, "term_type": term_types,
    "term_length": term_lengths, "probation": probation, "channel": channels, "unsigned": unsigned,
    "expiring": expiring, "talent": talent, "complaints": complaints, "paper_avoided": paper_avoided,
    "region_ranking": region_ranking, "industry_ranking": industry_ranking,
}


def run_all(facts, selection: Selection, period: Period, names: Names) -> dict:
    """Every analysis (and the headline numbers) for one selection and period."""
    t = narrow(facts, selection)
    results = {code: fn(t, period, names) for code, fn in ANALYSES.items()}
    results["headline"] = headline(t, period, names, results)
    return results
