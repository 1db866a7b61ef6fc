"""A farmer's objection (异议) to a pre-verified plot opens a case for the county's office; bounded, one at a time,
only on the farmer's own plots."""

from zhili.core.foundation.api import audit
from zhili.core.identity.api import Membership
from zhili.core.testing.api import PASSWORD
from zhili.scenes.grain_subsidy import services
from zhili.scenes.grain_subsidy.models import PreVerifiedPlot


def test_a_farmer_objects_to_a_blocked_plot_and_the_county_office_gets_the_case(arable_round, clerk_qian, farmer_shen,
                                                                                 farmer_lu, plots, client):
    services.pre_verify_round(arable_round, actor=clerk_qian)
    p3 = PreVerifiedPlot.objects.get(round=arable_round, plot__code="P3")
    url = f"/grain_subsidy/lines/{p3.pk}/objection/"
    client.login(username="farmer_lu", password=PASSWORD)
    assert client.post(url, {"reason": "这块地不是我的，但我想提异议"}).status_code == 404  # not lu's plot

    client.login(username="farmer_shen", password=PASSWORD)
    page = client.post(url, {"reason": "短"}, follow=True).content.decode()
    assert "异议理由：须为 5 至 500 个字" in page
    p3.refresh_from_db()
    assert p3.objection is None

    client.post(url, {"reason": "去年已复耕种稻，航拍时正在翻耕，不是非农化"})
    p3.refresh_from_db()
    case = p3.objection
    office = Membership.objects.get(user=clerk_qian).organization
    assert (case.case_type, case.organization, case.subject) == ("grain_subsidy.objection", office, p3)
    assert "翻耕" in case.description and "P3" in case.title
    assert [e.action for e in audit.entries_for(p3)] == ["grain_subsidy.objection.raised"]

    again = client.post(url, {"reason": "再提一次同样的异议"}, follow=True).content.decode()
    assert "该地块已有待办理的异议" in again
    assert client.get("/grain_subsidy/").content.decode().count(case.number) == 1


def test_the_cockpit_shows_the_ten_indicators_by_town(arable_round, clerk_qian, farmer_shen, plots):
    """P1 grain 5 亩, P2 seasonal 5, P3 non-agricultural 5, P4 grain 6 (registered): 21 亩 in 莲花镇."""
    from zhili.scenes.grain_subsidy import analytics

    from .conftest import TODAY

    services.pre_verify_round(arable_round, actor=clerk_qian)
    services.claim_plots(arable_round, actor=farmer_shen.user, today=TODAY)  # P1 and P2; P3 is blocked
    p3 = PreVerifiedPlot.objects.get(round=arable_round, plot__code="P3")
    services.raise_objection(p3, reason="去年已复耕，不是非农化", actor=farmer_shen.user)
    table = analytics.analyses(clerk_qian)["indicators"]
    assert len(table["headers"]) == 11
    row = {header: cell if isinstance(cell, str) else cell["display"]
           for header, cell in zip(table["headers"], table["rows"][0], strict=True)}
    assert row == {"乡镇": "莲花镇", "粮补资金执行率": "0.0%", "农户满意率": "<5",  # one farmer: suppressed
                   "补贴精确率": "100.0%", "粮食生产功能区面积（亩）": "0.00", "种粮面积（亩）": "11.00",
                   "申领率": "66.7%", "非粮化率": "0.0%", "撂荒率": "23.8%", "非农化地块": "1", "外业核查地块": "0"}
