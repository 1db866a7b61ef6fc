"""Every analysis on the hand-made data set (conftest): 11 profiles × 5 workers, period 2026-01 to 2026-06.

Employed on 2026-06-30 are profiles 1, 3, 4, 5, 6, 7, 8 and 11 (8 × 5 = 40 people): profile 2 ended on
2026-02-28, 9 on 2025-12-31, 12 on 2026-05-31, and 10 was revoked.
"""

from zhili.scenes.labor_contract.analytics.queries import cockpit_data

from .conftest import AS_OF, PERIOD


def shown(data, code):
    """The table of one analysis as the page shows it (display texts)."""
    return [[c["display"] if isinstance(c, dict) and "display" in c else c for c in row]
            for row in data["analyses"][code]["rows"]]


def test_stock_and_flows_per_month(facts, county_officer):
    """Given the hand-made set, when the county officer opens the cockpit, then the monthly figures are exact."""
    data = cockpit_data(county_officer, PERIOD, today=AS_OF)

    # month ends: Jan {1,2,4,5,12}, Feb +3 (2 ends on the 28th, still counted), Mar +6 −2, Apr +7, May +8, Jun +11 −12
    assert shown(data, "headcount") == [["2026-01", "25"], ["2026-02", "30"], ["2026-03", "30"], ["2026-04", "35"],
                                        ["2026-05", "40"], ["2026-06", "40"]]
    # starts: Jan 1 and 12, Feb 3, Mar 6, Apr 7, May 8, Jun 11 (10 revoked: not a hire)
    assert shown(data, "new_hires") == [["2026-01", "10"], ["2026-02", "5"], ["2026-03", "5"], ["2026-04", "5"],
                                        ["2026-05", "5"], ["2026-06", "5"]]
    # ends: Feb 2 (5 / ((25 + 30) / 2) = 18.18 %), May 12 (5 / ((35 + 40) / 2) = 13.33 %)
    assert shown(data, "separations") == [["2026-01", "0", "0.00%"], ["2026-02", "5", "18.18%"],
                                          ["2026-03", "0", "0.00%"], ["2026-04", "0", "0.00%"],
                                          ["2026-05", "5", "13.33%"], ["2026-06", "0", "0.00%"]]


def test_who_is_employed(facts, county_officer):
    """Origin, local share, sex, age, industry, size and job category of the 40 people employed on 2026-06-30."""
    data = cockpit_data(county_officer, PERIOD, today=AS_OF)

    assert shown(data, "origin_province") == [["浙江省", "30", "75.00%"], ["河南省", "5", "12.50%"],
                                              ["四川省", "5", "12.50%"], ["合计", "40", "100.00%"]]
    assert shown(data, "origin_city") == [["浙江省杭州市", "30", "75.00%"], ["河南省郑州市", "5", "12.50%"],
                                          ["四川省成都市", "5", "12.50%"]]  # cities outside the platform's regions too
    # local: ID prefix 330182 (profiles 1, 5, 6, 8, 11); 3 (510104), 4 (330106), 7 (410102) are not
    assert shown(data, "local_share") == [["本地户籍", "25", "62.50%"], ["外地户籍", "15", "37.50%"],
                                          ["合计", "40", "100.00%"]]
    assert shown(data, "sex") == [["男", "20", "50.00%"], ["女", "20", "50.00%"], ["合计", "40", "100.00%"]]
    # ages in 2026: 36, 26, 51, 58, 31, 34, 28, 25
    assert shown(data, "age") == [["16–24 岁", "0", "0.00%"], ["25–34 岁", "25", "62.50%"], ["35–44 岁", "5", "12.50%"],
                                  ["45–54 岁", "5", "12.50%"], ["55 岁及以上", "5", "12.50%"], ["合计", "40", "100.00%"]]
    assert shown(data, "industry") == [["C 制造业", "25", "62.50%"], ["F 批发和零售业", "15", "37.50%"],
                                       ["合计", "40", "100.00%"]]
    assert shown(data, "size") == [["大型", "0", "0.00%"], ["中型", "15", "37.50%"], ["小型", "25", "62.50%"],
                                   ["微型", "0", "0.00%"], ["未填规模", "0", "0.00%"], ["合计", "40", "100.00%"]]
    assert shown(data, "talent") == [["管理人员", "5", "12.50%"], ["专业技术人员", "10", "25.00%"],
                                     ["办事人员", "5", "12.50%"], ["社会生产服务和生活服务人员", "10", "25.00%"],
                                     ["农林牧渔业生产人员", "0", "0.00%"], ["生产制造及有关人员", "10", "25.00%"],
                                     ["其他", "0", "0.00%"], ["合计", "40", "100.00%"]]


def test_wages(facts, county_officer):
    """Wages 2400, 3000, 4000, 4500, 5000, 6000, 9000, 12500 (each × 5): quartiles at positions 9.75, 19.5, 29.25."""
    data = cockpit_data(county_officer, PERIOD, today=AS_OF)

    assert shown(data, "wage_quartiles") == [["下四分位数（P25）", "3,750.00"], ["中位数", "4,750.00"],
                                             ["上四分位数（P75）", "6,750.00"], ["平均数", "5,800.00"],
                                             ["有工资数据的人数", "40"]]
    assert shown(data, "wage_bands") == [["3000 元以下", "5", "12.50%"], ["3000–4999 元", "15", "37.50%"],
                                         ["5000–7999 元", "10", "25.00%"], ["8000–11999 元", "5", "12.50%"],
                                         ["12000 元及以上", "5", "12.50%"], ["合计", "40", "100.00%"]]
    # minimum wage 2260 for 2025+ starts, 2070 for profile 5 (2024), none for profile 4 (2020, before the 2021
    # notice): 35 people; only profile 3 (2400 ≤ 2260 × 1.1 = 2486) is near it: 5 / 35 = 14.29 %, green
    assert shown(data, "minimum_wage_share") == [["等于（或低于）最低工资", "0", "0.00%"],
                                                 ["不高于最低工资的 110%", "5", "14.29%"],
                                                 ["有工资数据的人数", "35", "100.00%"]]
    assert data["analyses"]["minimum_wage_share"]["level"]["level"] == "green"
    assert shown(data, "industry_ranking") == [["C 制造业", "25", "5", "6,000.00"],
                                               ["F 批发和零售业", "15", "10", "4,000.00"]]


def test_contract_terms_and_signing(facts, county_officer):
    """Term types and lengths, probation of the period's hires, channels, unsigned and expiring contracts."""
    data = cockpit_data(county_officer, PERIOD, today=AS_OF)

    assert shown(data, "term_type") == [["固定期限", "30", "75.00%"], ["无固定期限", "5", "12.50%"],
                                        ["以完成一定工作任务为期限", "5", "12.50%"], ["合计", "40", "100.00%"]]
    # fixed terms: 36 months (1), 12 (3, 11), 25 (5), 4 (6), 24 (7)
    assert shown(data, "term_length") == [["1 年以内", "5", "12.50%"], ["1–3 年", "20", "50.00%"],
                                          ["3 年及以上", "5", "12.50%"], ["无固定期限", "5", "12.50%"],
                                          ["以完成一定工作任务为期限", "5", "12.50%"], ["合计", "40", "100.00%"]]
    # hires of the period: 1 (3 months), 12, 6, 8 (none), 3, 11 (1), 7 (2)
    assert shown(data, "probation") == [["无试用期", "15", "42.86%"], ["1 个月", "10", "28.57%"],
                                        ["2 个月", "5", "14.29%"], ["3 个月及以上", "5", "14.29%"],
                                        ["合计", "35", "100.00%"]]
    # completed in the period: remote 1 (2 h), 8 (6 h), 12 (24 h); on site 6 (4 h); 5 was completed in 2024
    assert shown(data, "channel") == [["远程签署（短信链接）", "15", "6.0", "10.7"], ["现场签署（扫码）", "5", "4.0", "4.0"]]
    # unsigned: 3 (sent), 7 (draft), 11 (worker signed) = 15 of 40; started before 2026-05-31: 3 and 7
    assert shown(data, "unsigned") == [["未签订书面合同的在岗人数", "15", "37.50%"],
                                       ["其中用工超过 30 天仍未签订", "10", "25.00%"], ["在岗人数", "40", "100.00%"]]
    assert data["analyses"]["unsigned"]["level"]["level"] == "red"
    # concluded contracts ending after 2026-06-30: 6 on 07-20 (20 days), 5 on 08-15 (46 days)
    assert shown(data, "expiring") == [["30 天内到期", "5"], ["60 天内到期", "10"], ["90 天内到期", "10"]]


def test_headline_agrees_with_the_analyses(facts, county_officer):
    data = cockpit_data(county_officer, PERIOD, today=AS_OF)

    assert [row[:2] for row in shown(data, "headline")] == [
        ["在岗人数", "40"], ["本期新招", "35"], ["月工资中位数（元）", "4,750.00"], ["本地户籍占比", "62.50%"],
        ["未签订合同比例", "37.50%"], ["最低工资附近占比", "14.29%"]]


def test_drill_down_county_to_town_to_enterprise(facts, county_officer, employers):
    """The county ranks its towns; a town ranks its enterprises; an enterprise narrows every analysis."""
    county = cockpit_data(county_officer, PERIOD, today=AS_OF)
    assert shown(county, "region_ranking") == [["新安江街道", "25", "5", "20.00%"], ["洋溪街道", "15", "10", "66.67%"]]
    assert county["analyses"]["region_ranking"]["drill"] == [{"region": "330182001000"}, {"region": "330182002000"}]

    town = cockpit_data(county_officer, {**PERIOD, "region": "330182002000"}, today=AS_OF)
    assert shown(town, "region_ranking") == [["建德乙商贸有限公司", "15", "10", "66.67%"]]
    assert town["scope"]["crumbs"] == [{"label": "建德市", "region": "330182"}, {"label": "洋溪街道", "region": "330182002000"}]
    assert town["scope"]["up"] == {"region": "330182"}

    enterprise = cockpit_data(county_officer, {**PERIOD, "region": "330182002000", "employer": str(employers["B"].pk)},
                              today=AS_OF)
    assert shown(enterprise, "headcount")[-1] == ["2026-06", "15"]


def test_filters_by_industry_size_and_period(facts, county_officer):
    by_industry = cockpit_data(county_officer, {**PERIOD, "industry": "F"}, today=AS_OF)
    by_size = cockpit_data(county_officer, {**PERIOD, "size": "small"}, today=AS_OF)
    first_quarter = cockpit_data(county_officer, {"date_from": "2026-01-01", "date_to": "2026-03-31"}, today=AS_OF)

    assert shown(by_industry, "headline")[0][1] == "15"
    assert shown(by_size, "headline")[0][1] == "25"
    # on 2026-03-31: profiles 1, 3, 4, 5, 6, 12; hires 1, 12, 3, 6
    assert shown(first_quarter, "headline")[0][1] == "30"
    assert shown(first_quarter, "headline")[1][1] == "20"


def test_complaints_and_paper_savings_show_no_data_until_fed(facts, county_officer, employers):
    """Nothing reported yet is 暂无数据, never 0; reported disputes count per thousand employed."""
    from zhili.core.foundation.api import events
    from zhili.scenes.labor_contract.analytics.services import on_complaint

    before = cockpit_data(county_officer, PERIOD, today=AS_OF)
    assert shown(before, "complaints") == [["投诉与争议件数", "暂无数据"], ["每千名在岗职工", "暂无数据"]]

    for case in range(5):
        on_complaint(events.Event("mediation.dispute.filed", {"employer_id": employers["A"].pk, "case_id": case,
                                                       "occurred_on": "2026-03-0" + str(case + 1)}))
    on_complaint(events.Event("mediation.dispute.filed", {"employer_id": employers["A"].pk, "case_id": 0}))  # repeated
    after = cockpit_data(county_officer, PERIOD, today=AS_OF)

    assert shown(after, "complaints") == [["投诉与争议件数", "5"], ["每千名在岗职工", "125.00"]]


def test_bad_filter_is_refused_with_the_field_named(facts, county_officer):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        cockpit_data(county_officer, {"date_from": "2026-13-01"}, today=AS_OF)
    assert error.value.message_dict == {"date_from": ["开始日期格式应为 YYYY-MM-DD，收到“2026-13-01”"]}


def test_paper_submissions_avoided_come_from_the_sharing_access_log(facts, county_officer, worker_zhang):
    """Reads under a grant or a legal power count; an authenticity check does not; nothing logged is 0."""
    import datetime as dt

    from django.utils import timezone

    from zhili.core.sharing.api import AccessLogEntry

    assert shown(cockpit_data(county_officer, PERIOD, today=AS_OF), "paper_avoided") == [
        ["减少提交纸质合同材料（次）", "0"]]
    for n, basis in enumerate(["grant"] * 4 + ["legal"] * 2 + ["verification"] * 3):
        entry = AccessLogEntry.objects.create(worker=worker_zhang, document_type="labor_contract.contract",
                                              object_id=f"T{n}", basis=basis, accessor_label="建德农商银行")
        AccessLogEntry.objects.filter(pk=entry.pk).update(
            created_at=timezone.make_aware(dt.datetime(2026, 3, 1 + n, 10)))
    data = cockpit_data(county_officer, {**PERIOD, "industry": "C"}, today=AS_OF)  # another view: not cached

    assert shown(data, "paper_avoided") == [["减少提交纸质合同材料（次）", "6"]]
