"""Pages and API: each person sees their own (404 otherwise), refused input names its field over the API."""

from zhili.core.testing.api import PASSWORD
from zhili.scenes.industry_brain import designs, services
from zhili.scenes.industry_brain.synth import garment_picture

PNG = garment_picture("dress")


def test_pages_and_api_show_only_what_each_may_see(client, officer, county, brand, near_factory, far_factory,
                                                  officer_elsewhere, in_days):
    order = services.post_order(brand=brand[0], style="女童针织裙", speciality="knit", quantity=800, unit_price="10",
                                grade="3", start_date=in_days(0), due_date=in_days(20), actor=brand[1])
    services.dispatch_orders(region=county, actor=officer)
    part = order.parts.get()
    secret = designs.add_design(owner=brand[0], title="未发布新款", sizes="100", tags="连衣裙", licence="exclusive",
                                private=True, file_name="a.png", content=PNG, actor=brand[1])
    client.login(username="ib_factory_far", password=PASSWORD)
    assert client.get(f"/industry_brain/orders/{order.pk}/").status_code == 404
    assert client.get(f"/api/v1/industry_brain/designs/{secret.pk}").status_code == 404
    assert client.get("/api/v1/industry_brain/parts").json() == []
    response = client.post(f"/api/v1/industry_brain/parts/{part.pk}/answer", {"accept": True},
                           content_type="application/json")
    assert response.status_code == 404
    part.refresh_from_db()
    assert part.status == "proposed"
    assert client.get("/industry_brain/orders/").status_code == 403

    client.login(username="ib_factory", password=PASSWORD)
    assert client.get("/industry_brain/").status_code == 200
    assert client.post(f"/api/v1/industry_brain/parts/{part.pk}/answer", {"accept": True},
                       content_type="application/json").json()["status"] == "accepted"

    client.login(username="ib_brand", password=PASSWORD)
    assert [d["title"] for d in client.get("/api/v1/industry_brain/designs?tag=连衣裙").json()] == ["未发布新款"]
    assert "相似设计" in client.get(f"/industry_brain/designs/{secret.pk}/").content.decode()
    refused = client.post("/api/v1/industry_brain/orders", {
        "style": "x", "speciality": "knit", "quantity": 0, "unit_price": "10", "grade": "3",
        "start_date": in_days(0).isoformat(), "due_date": in_days(0).isoformat()}, content_type="application/json")
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"quantity", "due_date"}

    client.login(username="ib_officer_sun", password=PASSWORD)
    assert client.get("/api/v1/industry_brain/orders").json() == []
    assert client.get(f"/industry_brain/orders/{order.pk}/").status_code == 404


def test_the_api_is_in_the_openapi_document(client, brand):
    client.login(username="ib_brand", password=PASSWORD)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/industry_brain/orders", "/api/v1/industry_brain/parts/{part_id}/answer",
            "/api/v1/industry_brain/designs", "/api/v1/industry_brain/credit/mine"} <= set(paths)
