"""The 安薪码 page, a complaint from it, the findings list, credit and the cockpit, with their checks."""

import datetime as dt

from zhili.core.foundation.api import AuditEntry
from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.models import Complaint
from zhili.scenes.wage_guard.tests.test_checks import issued  # noqa: F401  (fixture)


def _login(client, user):
    user.set_password(PASSWORD)
    user.save()
    assert client.login(username=user.username, password=PASSWORD)


def test_the_code_page_shows_the_notice_board_to_anyone(client, project):
    page = client.get(f"/wage_guard/code/{project.qr_token}/").content.decode()
    assert "维权信息公示牌" in page and "建德建工集团有限公司" in page and "小时最低工资 22.00 元" in page
    assert client.get("/wage_guard/code/forged-token/").status_code == 404


def test_a_worker_complains_from_the_code_page_and_sees_the_case(client, project, roster, hrss_qian):
    zhang = roster[0].worker
    _login(client, zhang)
    response = client.post(f"/wage_guard/code/{project.qr_token}/complain/", {
        "amount": "7000", "period_from": "2026-03", "period_to": "2026-03", "workers": "2",
        "description": "三月工资未发"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.amount, complaint.workers, complaint.channel) == (7000, 2, "qr")
    assert complaint.case.number in client.get("/wage_guard/").content.decode()


def test_a_bad_month_on_the_code_page_writes_nothing(client, project, roster):
    _login(client, roster[0].worker)
    client.post(f"/wage_guard/code/{project.qr_token}/complain/", {
        "amount": "7000", "period_from": "三月", "period_to": "2026-03", "description": "x"})
    assert Complaint.objects.count() == 0


def test_findings_and_the_cockpit_for_the_officer(client, project, issued, hrss_qian, hrss_sun):  # noqa: F811
    services.run_checks(dt.date(2026, 4, 16), evaluate=False)
    _login(client, hrss_qian)
    page = client.get("/wage_guard/findings/").content.decode()
    assert "新安江花园一期" in page and "工资应于 2026-04-15 发放，2 人未发" in page
    assert client.get("/wage_guard/findings/?format=xlsx&kind=late_pay").status_code == 200
    assert "工资应于" not in client.get("/wage_guard/findings/?kind=balance_short").content.decode()
    projects = client.get("/wage_guard/projects/?sort=-sum&q=新安江").content.decode()
    assert "新安江花园一期" in projects and 'aria-sort="descending"' in projects
    assert client.get("/wage_guard/projects/?format=xlsx").status_code == 200
    assert sorted(AuditEntry.objects.filter(action="ui.list.exported").values_list("data__list", flat=True)) == [
        "wage_guard.findings", "wage_guard.projects"]
    data = client.get("/wage_guard/cockpit/data/").json()["analyses"]
    kpi = {row[0]: row[1]["display"] for row in data["kpi"]["rows"]}
    assert kpi["在建项目"] == "1" and kpi["欠薪率目标（种子：‰）"] == "1.30"
    assert client.get("/wage_guard/credit/").status_code == 200
    client.logout()
    _login(client, hrss_sun)
    assert "工资应于 2026-04-15 发放" not in client.get("/wage_guard/findings/").content.decode()


def test_the_lead_registers_a_worker_from_the_project_page_and_a_bad_id_writes_nothing(client, project, team,
                                                                                      lead_chen):
    from zhili.core.testing.api import make_id_number
    from zhili.scenes.wage_guard.models import RosterEntry

    _login(client, lead_chen)
    form = {"team": team.pk, "name": "赵六", "id_number": "330182199001011234", "phone": "", "badge": "009",
            "trade": "木工", "daily_rate": "320", "bank_name": "农业银行", "bank_card": "6228480010203040999",
            "entered_on": "2026-03-05", "contract_reference": ""}
    refused = client.post(f"/wage_guard/projects/{project.pk}/roster/", form)
    assert refused.status_code == 400 and "身份证" in refused.content.decode()
    assert not RosterEntry.objects.exists()
    form["id_number"] = make_id_number(birth="19920315", sequence=9)
    assert client.post(f"/wage_guard/projects/{project.pk}/roster/", form).status_code == 302
    entry = RosterEntry.objects.get()
    assert (entry.worker.name, entry.badge, entry.contract_reference) == ("赵六", "009", "")
    assert "未签" in client.get(f"/wage_guard/projects/{project.pk}/").content.decode()
