"""Pages and API answer 404 for what a person may not see; a denied action changes nothing."""

from zhili.core.testing.api import PASSWORD
from zhili.scenes.small_matters.models import ResidenceRegistration
from zhili.scenes.small_matters.tests.conftest import claim_named


def test_a_clerk_of_another_county_gets_not_found_on_page_and_api(detected, clerk_sun, client):
    claim = claim_named("陈国强")
    client.login(username="clerk_sun", password=PASSWORD)
    assert client.get(f"/small_matters/claims/{claim.pk}/").status_code == 404
    assert client.post(f"/small_matters/claims/{claim.pk}/decide/", {"decision": "approve"}).status_code == 404
    assert client.get(f"/api/v1/small_matters/claims/{claim.pk}").status_code == 404
    assert client.get("/small_matters/claims/").status_code == 200
    claim.refresh_from_db()
    assert claim.status == "notified"


def test_a_person_sees_only_their_own_claim(detected, citizen_zhou, client):
    client.login(username="citizen_zhou", password=PASSWORD)
    other = claim_named("陈国强")
    assert client.get(f"/small_matters/claims/{other.pk}/").status_code == 404
    assert client.post(f"/small_matters/claims/{other.pk}/confirm/").status_code == 404
    assert [c["name"] for c in client.get("/api/v1/small_matters/claims").json()] == ["周**"]
    assert client.get("/small_matters/claims/").status_code == 403
    other.refresh_from_db()
    assert other.status == "notified"


def test_the_clerk_list_filters_and_exports(detected, clerk_qian, client):
    client.login(username="clerk_qian", password=PASSWORD)
    page = client.get("/small_matters/claims/?status=notified")
    assert page.status_code == 200 and page.content.decode().count("/small_matters/claims/") >= 4
    export = client.get("/small_matters/claims/?status=not_qualified&format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/small_matters/matters", "/api/v1/small_matters/claims/{claim_id}"} <= set(paths)


def test_residence_pages_confirm_on_a_phone_and_hide_others_registrations(day_data, citizen_zhou, police_lin,
                                                                          clerk_qian, client):
    client.login(username="citizen_zhou", password=PASSWORD)
    page = client.get("/small_matters/residence/")
    assert "千岛湖镇新安东路88号3幢201室" in page.content.decode()
    response = client.post("/small_matters/residence/")
    registration = ResidenceRegistration.objects.get()
    assert response.url == f"/small_matters/residence/{registration.pk}/"
    client.login(username="clerk_qian", password=PASSWORD)
    assert client.get(f"/small_matters/residence/{registration.pk}/").status_code == 404
    assert client.post(f"/small_matters/residence/{registration.pk}/decide/", {"decision": "approve"}).status_code == 404
    client.login(username="police_lin", password=PASSWORD)
    assert "周**" in client.get("/small_matters/residence/queue/").content.decode()
    client.post(f"/small_matters/residence/{registration.pk}/decide/", {"decision": "approve"})
    registration.refresh_from_db()
    assert registration.status == "registered"
