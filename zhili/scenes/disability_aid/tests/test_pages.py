"""Pages and API: the worker's phone queue, the clerk's list with its filters and export, 404 for what a person may
not see, the audited read of a person's record, the certificate-number check."""

import datetime as dt

from django.urls import reverse

from zhili.core.foundation.api import AuditEntry
from zhili.scenes.disability_aid import queries, services
from zhili.scenes.disability_aid.models import HomeVisit, SuspectedCase

from .conftest import id_number_for


def test_the_worker_s_queue_shows_their_town_only_and_another_town_s_case_is_not_found(client, detected, worker_ye,
                                                                                       worker_chen):
    client.force_login(worker_ye)
    page = client.get(reverse("disability_aid:visit_list")).content.decode()
    assert "P00000001" in page and "P00000002" in page and "P00000007" not in page
    elsewhere = SuspectedCase.objects.get(person__key="P00000007")
    assert client.get(reverse("disability_aid:suspect_detail", args=[elsewhere.pk])).status_code == 404
    response = client.post(reverse("disability_aid:suspect_visit", args=[elsewhere.pk]),
                           {"notes": "x", "wishes_to_apply": "no"})
    assert response.status_code == 404
    assert HomeVisit.objects.count() == 0


def test_a_visit_posted_from_the_phone_page_and_a_bad_id_number_shown_on_its_field(client, detected, worker_ye,
                                                                                  clerk_fang):
    suspect = SuspectedCase.objects.select_related("person").get(person__key="P00000001")
    client.force_login(worker_ye)
    url = reverse("disability_aid:suspect_visit", args=[suspect.pk])
    bad = client.post(url, {"notes": "上门核查", "wishes_to_apply": "yes", "name": "李强",
                            "id_number": "330881196804121319"})
    assert bad.status_code == 400 and "身份证号码" in bad.content.decode()
    good = client.post(url, {"notes": "上门核查", "wishes_to_apply": "yes", "name": "李强",
                             "id_number": id_number_for(suspect.person), "observed_category": "4"})
    assert good.status_code == 302
    suspect.refresh_from_db()
    assert suspect.status == "visited"
    client.force_login(clerk_fang)
    page = client.get(reverse("disability_aid:suspect_detail", args=[suspect.pk])).content.decode()
    assert "李*" in page and "李强" not in page
    assert AuditEntry.objects.filter(action="disability_aid.person.read", actor=clerk_fang).count() == 1


def test_the_clerk_s_list_filters_by_status_and_source_and_exports(client, detected, clerk_fang, worker_ye):
    services.record_visit(SuspectedCase.objects.get(person__key="P00000003"), actor=worker_ye, notes="不申请",
                          wishes_to_apply=False)
    client.force_login(clerk_fang)
    url = reverse("disability_aid:suspect_list")
    assert client.get(url).content.decode().count("/disability_aid/suspects/") >= 4
    declined = client.get(url, {"status": "declined"}).content.decode()
    assert "P00000003" in declined and "P00000001" not in declined
    traffic = client.get(url, {"source": "traffic_injury"}).content.decode()
    assert "P00000002" in traffic and "P00000001" not in traffic
    export = client.get(url, {"status": "detected", "format": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEntry.objects.filter(action="ui.list.exported").count() == 1


def test_the_api_lists_suspects_in_scope_and_checks_certificate_numbers(client, detected, worker_chen):
    from zhili.core.testing.api import make_id_number

    client.force_login(worker_chen)
    listed = client.get("/api/v1/disability_aid/suspects").json()
    assert [s["person"] for s in listed] == ["P00000007"]
    assert listed[0]["evidence"][0]["record_id"] == "D5"
    other = SuspectedCase.objects.get(person__key="P00000001")
    assert client.get(f"/api/v1/disability_aid/suspects/{other.pk}").status_code == 404
    number = make_id_number("330881", "19850618", 131) + "42"
    ok = client.post("/api/v1/disability_aid/certificate-numbers/check", {"number": number},
                     content_type="application/json").json()
    assert ok == {"valid": True, "category": "4", "grade": "2", "errors": []}
    bad = client.post("/api/v1/disability_aid/certificate-numbers/check", {"number": number[:-1] + "9"},
                      content_type="application/json").json()
    assert bad["valid"] is False and "1–4" in bad["errors"][0]


def test_the_cockpit_counts_detection_to_certificate(client, detected, hospital, clerk_fang, worker_ye):
    suspect = SuspectedCase.objects.select_related("person").get(person__key="P00000001")
    services.record_visit(suspect, actor=worker_ye, notes="上门", wishes_to_apply=True, name="李强",
                          id_number=id_number_for(suspect.person))
    application = services.prepare_application(suspect, actor=worker_ye, category="4", today=dt.date(2026, 11, 2))
    services.record_assessment(application, actor=clerk_fang, disabled=True, category="4", grade="3",
                               assessed_on=dt.date(2026, 11, 5))
    services.issue_certificate(application, actor=clerk_fang, issued_on=dt.date(2026, 11, 6))
    client.force_login(clerk_fang)
    data = client.get(reverse("disability_aid:cockpit_data")).json()["analyses"]
    assert queries.conversion(queries.visible_suspects(clerk_fang)) == {
        "detected": 4, "visited": 1, "applied": 1, "assessed": 1, "certified": 1}
    # four people or fewer in a cell: small-cell suppression shows "<5" and no number
    assert [row[1]["display"] for row in data["conversion"]["rows"]] == ["<5"] * 5
    assert [row[1]["display"] for row in data["category"]["rows"]] == ["0", "0", "0", "<5", "0", "0", "0"]
    client.force_login(worker_ye)
    assert client.get(reverse("disability_aid:cockpit")).status_code in (403, 404)
