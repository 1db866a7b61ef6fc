"""Who sees what in the 碳效码 scene: 404 for what a person may not see, on pages and API alike."""

from zhili.core.testing.api import PASSWORD
from zhili.scenes.carbon_code import services
from zhili.scenes.carbon_code.models import CarbonResult


def test_an_officer_of_another_county_gets_not_found(worked_example, officer_zhou, officer_sun, client):
    services.evaluate_period("2025", actor=officer_zhou)
    result = CarbonResult.objects.first()
    client.login(username="officer_sun", password=PASSWORD)
    assert client.get(f"/carbon_code/results/{result.pk}/").status_code == 404
    assert client.get(f"/api/v1/carbon_code/results/{result.pk}").status_code == 404
    assert client.get("/api/v1/carbon_code/results").json() == []
    client.login(username="officer_zhou", password=PASSWORD)
    assert client.get(f"/carbon_code/results/{result.pk}/").status_code == 200


def test_an_enterprise_sees_only_its_own_results(worked_example, officer_zhou, owner_shen, client):
    firm_a, firm_b = worked_example
    services.evaluate_period("2025", actor=officer_zhou)
    client.login(username="owner_shen", password=PASSWORD)
    other = CarbonResult.objects.get(enterprise=firm_b)
    assert client.get(f"/carbon_code/results/{other.pk}/").status_code == 404
    assert [r["uscc"] for r in client.get("/api/v1/carbon_code/results").json()] == [firm_a.uscc]
    assert client.get("/carbon_code/results/").status_code == 403
    assert client.post("/carbon_code/evaluate/", {"period": "2025"}).status_code == 403
    assert CarbonResult.objects.filter(period="2025").count() == 2


def test_the_officers_list_filters_and_exports(worked_example, officer_zhou, client):
    services.evaluate_period("2025", actor=officer_zhou)
    client.login(username="officer_zhou", password=PASSWORD)
    page = client.get("/carbon_code/results/?grade=4").content.decode()
    assert "甲机械有限公司" in page and "乙机械有限公司" not in page
    export = client.get("/carbon_code/results/?grade=4&format=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/carbon_code/results", "/api/v1/carbon_code/results/{result_id}"} <= set(paths)
