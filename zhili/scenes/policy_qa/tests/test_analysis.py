"""What people ask and the situation report: the cockpit's figures, suppression, the PDF, and the events counted."""

import pytest

from zhili.core.foundation.api import events
from zhili.core.testing.api import EnterpriseFactory
from zhili.scenes.policy_qa import analysis, services

pytestmark = pytest.mark.django_db


def _cell(table, row_label, column):
    row = next(r for r in table["rows"] if r[0] == row_label)
    return row[table["headers"].index(column)]


def test_the_cockpit_counts_questions_helped_people_and_suppresses_small_cells(knowledge, leader_zhou, county):
    for i in range(6):
        reply = services.ask("没签劳动合同能要双倍工资吗", visitor=f"p{i}", region=county)
        services.rate_answer(reply.consultation, helpful=i != 0, visitor=f"p{i}")
    services.ask("我家小孩上学的事能问吗", visitor="q", region=county)
    data = analysis.analyses(leader_zhou)
    kpi = data["kpi"]
    assert _cell(kpi, "提问", "数值")["value"] == 7
    assert _cell(kpi, "获得政策帮助人数", "数值")["value"] == 6
    assert _cell(kpi, "满意度（有帮助占评价）", "数值")["display"] == "83.33%"
    assert _cell(kpi, "引导办理", "数值")["value"] == 0
    assert _cell(kpi, "未能解答率", "数值")["suppressed"] is True  # 1 of 7: a single person
    assert data["situation"]["rows"][-1][data["situation"]["headers"].index("政策咨询")]["value"] == 7
    assert data["situation"]["rows"][-1][1]["display"] == "暂无数据"  # no contract was ever counted


def test_an_officer_of_another_county_sees_none_of_it(knowledge, officer_sun, county):
    services.ask("加班费怎么算", visitor="a", region=county)
    assert analysis.analyses(officer_sun)["kpi"]["rows"][0][1]["value"] == 0


def test_a_completed_contract_and_a_red_warning_are_counted_once(knowledge, leader_zhou, county,
                                                               django_capture_on_commit_callbacks):
    employer = EnterpriseFactory(region=county)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(employer)
    from zhili.core.dashboards.api import observation_counts

    assert sum(observation_counts("labor.contract.completed").values()) == 1
    assert sum(observation_counts("labor.warning").values()) == 1
    situation = analysis.situation(leader_zhou)
    assert situation["rows"][-1][situation["headers"].index("电子劳动合同签订")]["suppressed"] is True  # one


def test_a_warning_of_a_system_outside_labour_relations_is_not_counted(knowledge, county,
                                                                     django_capture_on_commit_callbacks):
    employer = EnterpriseFactory(region=county)
    with django_capture_on_commit_callbacks(execute=True):
        events.publish("indicators.level.changed", system="housekeeping_safety", entity="w-1", old="green",
                       new="red", period="2026-12-07", run_id=3)
        events.publish("indicators.level.changed", system="wage_guard_risk", entity=employer.uscc, old="none",
                       new="orange", period="2026-12", run_id=4)
    from zhili.core.dashboards.api import observation_counts

    assert sum(observation_counts("labor.warning").values()) == 1  # the wage-arrears warning only


def _publish(employer):
    for _ in range(2):
        events.publish("labor_contract.contract.completed", contract_id=41, employer_id=employer.pk)
        events.publish("indicators.level.changed", system="labor_risk", entity=employer.uscc, old="none", new="red",
                       period="2026-11", run_id=1)
    events.publish("indicators.level.changed", system="labor_risk", entity=employer.uscc, old="red", new="yellow",
                   period="2026-12", run_id=2)


def test_the_cockpit_report_and_pdf_pages(client, knowledge, leader_zhou, worker_zhang):
    services.ask("加班费怎么算", visitor="a")
    client.force_login(worker_zhang)
    assert client.get("/policy_qa/cockpit/").status_code == 403
    assert client.get("/policy_qa/report.pdf").status_code == 403
    client.force_login(leader_zhou)
    assert client.get("/policy_qa/cockpit/").status_code == 200
    data = client.get("/policy_qa/cockpit/data/").json()
    assert set(data["analyses"]) >= {"kpi", "situation", "topics", "keywords", "policy_effect"}
    assert "劳动关系形势（按月）" in client.get("/policy_qa/report/").content.decode()
    pdf = client.get("/policy_qa/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    export = client.get("/policy_qa/cockpit/export/situation/")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_calculator_page_works_without_javascript(client):
    page = client.get("/policy_qa/calc/severance/?go=1&start=2020-03-01&end=2025-08-31&monthly_wage=8000")
    assert "约 48000.00 元" in page.content.decode()
    bad = client.get("/policy_qa/calc/overtime/?go=1&monthly_wage=abc")
    assert "须为数字（元）" in bad.content.decode()
    assert client.get("/policy_qa/calc/unknown/").status_code == 404
