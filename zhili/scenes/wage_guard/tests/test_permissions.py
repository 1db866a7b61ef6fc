"""Who may see and do what, on pages and the API; a denied action changes nothing; unseen objects are not found."""

import pytest
from django.utils import timezone

from zhili.core.testing.api import PASSWORD
from zhili.scenes.wage_guard import services
from zhili.scenes.wage_guard.tests.test_payroll import MARCH, TODAY, _days


@pytest.fixture
def issued(team, roster, lead_chen, account):
    _days(roster[0], 5)
    _days(roster[1], 5)
    sheet = services.build_wage_sheet(team, MARCH, actor=lead_chen, today=TODAY)
    return services.issue_wage_sheet(sheet, actor=lead_chen, today=timezone.localdate())


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_an_officer_of_another_county_sees_nothing(client, project, issued, hrss_sun):
    _login(client, hrss_sun)
    assert client.get(f"/wage_guard/projects/{project.pk}/").status_code == 404
    assert client.get(f"/wage_guard/sheets/{issued.pk}/").status_code == 404
    assert client.get(f"/api/v1/wage_guard/projects/{project.pk}").status_code == 404
    assert client.get("/api/v1/wage_guard/projects").json() == []
    assert project.name not in client.get("/wage_guard/projects/").content.decode()


def test_the_officer_of_the_county_sees_the_project_but_cannot_pay(client, project, issued, hrss_qian):
    _login(client, hrss_qian)
    page = client.get(f"/wage_guard/projects/{project.pk}/").content.decode()
    assert "新安江花园一期" in page and "6222020200112233445" not in page and "6222 **** **** 3445" in page
    assert client.post(f"/wage_guard/sheets/{issued.pk}/batches/").status_code == 403
    assert not issued.batches.exists()


def test_a_worker_answers_only_their_own_line(client, issued, roster):
    zhang = roster[0].worker
    li_line = issued.lines.get(entry=roster[1])
    zhang.set_password(PASSWORD)
    zhang.save()
    _login(client, zhang)
    assert client.post(f"/wage_guard/lines/{li_line.pk}/answer/", {"answer": "confirm"}).status_code == 404
    assert client.post(f"/api/v1/wage_guard/my/lines/{li_line.pk}/confirm").status_code == 404
    li_line.refresh_from_db()
    assert li_line.status == "pending"
    mine = client.get("/api/v1/wage_guard/my/lines").json()
    assert [(x["month"], x["net"], x["status"]) for x in mine] == [("2026-03", "1750.00", "pending")]
    assert client.get(f"/wage_guard/projects/{issued.project_id}/").status_code == 404


def test_the_worker_confirms_on_the_phone_page(client, issued, roster):
    zhang = roster[0].worker
    zhang.set_password(PASSWORD)
    zhang.save()
    _login(client, zhang)
    line = issued.lines.get(entry=roster[0])
    page = client.get("/wage_guard/").content.decode()
    assert "1750.00" in page and "确认无误" in page
    response = client.post(f"/wage_guard/lines/{line.pk}/answer/", {"answer": "confirm"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.status == "confirmed"


def test_a_lead_of_another_subcontractor_cannot_build_or_issue(client, project, team, roster, issued, county,
                                                               manager_liu):
    from zhili.core.testing.api import EnterpriseFactory, MembershipFactory, UserFactory
    from zhili.scenes.wage_guard.roles import TEAM_LEAD

    other = EnterpriseFactory(region=county)
    services.add_subcontract(project, contractor=other, scope="木工", contract_sum="100000", actor=manager_liu)
    stranger = UserFactory(name="赵班长", username="lead_zhao")
    MembershipFactory(user=stranger, role=TEAM_LEAD, organization=other)
    _login(client, stranger)
    assert client.get(f"/wage_guard/projects/{project.pk}/").status_code == 200
    response = client.post(f"/wage_guard/projects/{project.pk}/sheets/", {"team": team.pk, "month": "2026-04"})
    assert response.status_code == 403
    assert project.sheets.count() == 1
    assert client.get("/wage_guard/batches/0/file/").status_code == 404


def test_the_gc_imports_a_file_with_errors_and_sees_the_report(client, project, roster, manager_liu):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, manager_liu)
    upload = SimpleUploadedFile("考勤.csv", "工号,打卡时间\n001,2026-03-02 07:00\n099,2026-03-02 07:00\n".encode())
    response = client.post(f"/wage_guard/projects/{project.pk}/attendance/", {"file": upload})
    assert response.status_code == 400
    assert "工号“099”不在本项目实名制名册中" in response.content.decode()
    assert not roster[0].attendance.exists()


def test_the_sheet_exports_the_wage_ledger_with_masked_ids(client, issued, manager_liu):
    _login(client, manager_liu)
    response = client.get(f"/wage_guard/sheets/{issued.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/wage_guard/projects", "/api/v1/wage_guard/my/lines",
            "/api/v1/wage_guard/my/lines/{line_id}/dispute"} <= set(paths)
