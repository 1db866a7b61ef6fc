"""The twenty analyses of 就业用工分析, as Ibis expressions over the contract facts (DuckDB or PostgreSQL).

Every analysis takes the facts already narrowed to the viewer's scope and the chosen region, industry, size or
enterprise (``narrow``) and a ``Period``; "employed" means a hire (signed or still unsigned) whose contract has
started and not ended on the period's last day. Each returns a table result (``core.dashboards.table_result``)
whose cells are suppressed when they stand for fewer than five people.
"""


import ibis

from zhili.core.dashboards.api import (
    count_cell,
    no_data_cell,
    share_cell,
    stat_cell,
    table_result,
)

from .facts import HIRE_STATUSES, PENDING
from .selection import Names, Period, Selection, date_literal, employed, first_row, narrow, rows_of
from .terms import (
    channels,
    expiring,
    minimum_wage_share,
    probation,
    term_lengths,
    term_types,
    unsigned,
    wage_bands,
    wage_quartiles,
)
from .workforce import (
    age_bands,
    headcount_trend,
    industries,
    local_share,
    new_hires,
    origin,
    origin_city,
    separations,
    sex,
    sizes,
    talent,
)


# 19. 每千名职工投诉与争议
def complaints(t, period: Period, names: Names) -> dict:
    if names.complaints is None:
        rows = [["投诉与争议件数", no_data_cell("尚无其他场景报送")], ["每千名在岗职工", no_data_cell()]]
        return table_result("complaints", "每千名职工投诉与争议", ["指标", "数值"], rows, chart="table",
                            note="由劳动保障监察、调解仲裁等场景通过平台事件报送；未接入前显示暂无数据")
    e = employed(t, period.as_of)
    n = first_row(e.aggregate(n=e.count())).get("n") or 0
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
        stats = rows_of(e.group_by(k=e.employer_id, name=e.employer_name).aggregate(
            n=e.count(), pending=e.status.isin(PENDING).sum()).order_by([ibis.desc("n"), "k"]).limit(50))
        keys = [(r["k"], r["name"], {"employer": str(r["k"])}) for r in stats]
        by_key = {r["k"]: r for r in stats}
        title, head = "企业排行（在岗人数）", "企业"
    else:
        column = e.town_code if names.drill_level == "town" else e.county_code
        stats = rows_of(e.group_by(k=column).aggregate(n=e.count(), pending=e.status.isin(PENDING).sum()))
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
    stats = rows_of(e.group_by(k=e.industry).aggregate(n=e.count(), pending=e.status.isin(PENDING).sum(),
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
    h = t.filter(t.status.isin(HIRE_STATUSES) & (t.start_date >= date_literal(period.date_from))
                 & (t.start_date <= date_literal(period.date_to)))
    n = first_row(e.aggregate(n=e.count())).get("n") or 0
    new_total = first_row(h.aggregate(n=h.count())).get("n") or 0
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
