"""Pages and API: lists with filters and export, details, 404 for what a person may not see, the public page."""

import pytest

from zhili.core.testing.api import PASSWORD
from zhili.scenes.dispatch_watch import services
from zhili.scenes.dispatch_watch.choices import Verdict

from .conftest import worker_row
from .test_reports import GOOD


@pytest.fixture
def report(agency, clerk_zhou):
    services.record_worker(agency, worker_row(1), actor=clerk_zhou)
    return services.submit_report(agency, year=2025, data={**GOOD, "dispatched_total": 1, "auxiliary_count": 1,
                                                           "contracts_signed": 1, "insured_count": 1,
                                                           "union_members": 1},
                                  submitted_on="2026-03-20", actor=clerk_zhou)


def test_the_officer_lists_filters_and_exports_agencies(client, officer_qian, agency):
    client.login(username="officer_qian", password=PASSWORD)
    page = client.get("/dispatch_watch/agencies/?q=建德").content.decode()
    assert "建德人力派遣有限公司" in page
    assert "建德人力派遣有限公司" not in client.get("/dispatch_watch/agencies/?status=expired").content.decode()
    export = client.get("/dispatch_watch/agencies/export/")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    detail = client.get(f"/dispatch_watch/agencies/{agency.pk}/").content.decode()
    assert "2027-01-09" in detail and "2026-11-10" in detail  # expiry and the last day to apply for renewal


def test_the_officer_verifies_on_the_page_and_the_public_sees_the_published_result(client, officer_qian, report):
    client.login(username="officer_qian", password=PASSWORD)
    response = client.post(f"/dispatch_watch/reports/{report.pk}/", {"verdict": Verdict.QUALIFIED, "reasons": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.verdict == Verdict.QUALIFIED
    client.post("/dispatch_watch/reports/publish/", {"year": "2025"})
    client.logout()
    public = client.get("/dispatch_watch/results/2025/").content.decode()
    assert "建德人力派遣有限公司" in public and "合格" in public


def test_an_officer_elsewhere_gets_not_found_and_nothing_changes(client, officer_sun, report, agency):
    client.login(username="officer_sun", password=PASSWORD)
    assert client.get(f"/dispatch_watch/agencies/{agency.pk}/").status_code == 404
    assert client.get(f"/dispatch_watch/reports/{report.pk}/").status_code == 404
    assert client.post(f"/dispatch_watch/reports/{report.pk}/", {"verdict": "unqualified", "reasons": "x"}).status_code == 404
    assert client.post(f"/dispatch_watch/agencies/{agency.pk}/cancel/", {"reason": "x"}).status_code == 404
    report.refresh_from_db()
    agency.refresh_from_db()
    assert (report.status, agency.licence_status) == ("submitted", "valid")
    assert "建德人力派遣有限公司" not in client.get("/dispatch_watch/agencies/").content.decode()


def test_the_agency_portal_records_a_worker_and_shows_the_field_error(client, clerk_zhou, agency):
    client.login(username="agency_zhou", password=PASSWORD)
    data = {f"w-{k}": v for k, v in worker_row(1).items()}
    assert client.post("/dispatch_watch/", {"form": "worker", **data}).status_code == 302
    again = client.post("/dispatch_watch/", {"form": "worker", **data}).content.decode()
    assert "同一劳动者不能同时由两处派遣" in again
    assert "工**" in client.get("/dispatch_watch/").content.decode()


def test_the_cockpit_data_counts_agencies_and_the_roster(client, officer_qian, report, agency, clerk_zhou):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    services.record_worker(agency, worker_row(2, dispatch_start=today - dt.timedelta(days=30),
                                              dispatch_end=today + dt.timedelta(days=300),
                                              contract_start=today - dt.timedelta(days=30),
                                              contract_end=today + dt.timedelta(days=800)), actor=clerk_zhou)
    client.login(username="officer_qian", password=PASSWORD)
    assert client.get("/dispatch_watch/cockpit/").status_code == 200
    analyses = client.get("/dispatch_watch/cockpit/data/").json()["analyses"]
    kpi = {row[0]: row[1] for row in analyses["kpi"]["rows"]}
    assert kpi["派遣单位"]["display"] == "<5"  # small cells are suppressed
    assert analyses["nature"]["rows"][0][0] == "辅助性"
    assert client.get("/dispatch_watch/cockpit/export/nature/").status_code == 200
    services.set_credit_grade(agency, grade="B", year=2025, actor=officer_qian)
    graded = client.get("/dispatch_watch/cockpit/data/?grade=B").json()["analyses"]
    assert [row[0] for row in graded["credit"]["rows"]] == ["B（合格）"] and graded["nature"]["rows"]
    others = client.get("/dispatch_watch/cockpit/data/?grade=A").json()["analyses"]
    assert others["credit"]["rows"] == [] and others["nature"]["rows"] == []
    listed = client.get("/dispatch_watch/agencies/?grade=B").content.decode()
    assert agency.name in listed and agency.name not in client.get("/dispatch_watch/agencies/?grade=-").content.decode()


def test_the_agency_clerk_cannot_open_officer_pages(client, clerk_zhou, agency):
    client.login(username="agency_zhou", password=PASSWORD)
    assert client.get("/dispatch_watch/agencies/").status_code == 403
    assert client.get("/dispatch_watch/cockpit/data/").status_code == 403
    assert client.get(f"/dispatch_watch/agencies/{agency.pk}/").status_code == 200  # their own agency


def test_the_api_takes_an_agencys_worker_and_report_and_an_officer_verifies(client, clerk_zhou, officer_qian,
                                                                          officer_sun, agency):
    import json

    client.login(username="agency_zhou", password=PASSWORD)
    row = {k: str(v) for k, v in worker_row(1).items()}
    created = client.post(f"/api/v1/dispatch_watch/agencies/{agency.pk}/workers", json.dumps(row),
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["masked_name"] == "工**"
    twice = client.post(f"/api/v1/dispatch_watch/agencies/{agency.pk}/workers", json.dumps(row),
                        content_type="application/json")
    assert twice.status_code in (400, 422) and "id_number" in twice.content.decode()
    payload = {**GOOD, "year": 2025, "dispatched_total": 1, "auxiliary_count": 1, "contracts_signed": 1,
               "insured_count": 1, "union_members": 1}
    report = client.post(f"/api/v1/dispatch_watch/agencies/{agency.pk}/reports", json.dumps(payload),
                         content_type="application/json")
    assert report.status_code == 201
    report_id = report.json()["id"]
    change = client.post(f"/api/v1/dispatch_watch/agencies/{agency.pk}/changes",
                         json.dumps({"new_capital": "1000000", "explanation": "减资"}), content_type="application/json")
    assert change.status_code in (400, 422) and "new_capital" in change.content.decode()
    change = client.post(f"/api/v1/dispatch_watch/agencies/{agency.pk}/changes",
                         json.dumps({"new_capital": "5000000", "explanation": "增资"}), content_type="application/json")
    assert change.status_code == 201 and change.json()["status"] == "submitted"
    assert client.get(f"/api/v1/dispatch_watch/agencies/{agency.pk}/credit").json() == []
    client.logout()
    client.login(username="officer_sun", password=PASSWORD)
    assert client.get(f"/api/v1/dispatch_watch/agencies/{agency.pk}").status_code == 404
    assert client.post(f"/api/v1/dispatch_watch/reports/{report_id}/verify", json.dumps({"verdict": "qualified"}),
                       content_type="application/json").status_code == 404
    client.logout()
    client.login(username="officer_qian", password=PASSWORD)
    verified = client.post(f"/api/v1/dispatch_watch/reports/{report_id}/verify",
                           json.dumps({"verdict": "qualified"}), content_type="application/json")
    assert verified.status_code == 200 and verified.json()["verdict"] == "qualified"
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/dispatch_watch/agencies/{agency_id}/workers" in paths
